import { describe, expect, it } from 'vitest';
import { createSafeLogger } from '../../../src/kit/log.js';
import { callService, toServiceError } from '../../../src/kit/service-call.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';

function sdkError(name: string, status: number, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(`${name}: input was ${SENTINEL}`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-9', attempts: 1 },
    $response: { body: SENTINEL },
    ...extra,
  });
}

const context = { service: 'ComprehendMedical', operation: 'DetectPHI' };

describe('Function: toServiceError', () => {
  it.each([
    ['TooManyRequestsException', 429, 'THROTTLED', true],
    ['ThrottlingException', 400, 'THROTTLED', true],
    ['InternalServerException', 500, 'SERVICE', true],
    ['ValidationException', 400, 'SERVICE', false],
    ['ResourceNotFoundException', 404, 'NOT_FOUND', false],
    ['NotFoundException', 404, 'NOT_FOUND', false],
    ['ConflictException', 409, 'CONFLICT', false],
  ])('maps %s (HTTP %i) to code %s, retryable %s', (name, status, code, retryable) => {
    const error = toServiceError(sdkError(name, status), context);
    expect(error).toMatchObject({
      name: 'ServiceError',
      code,
      retryable,
      errorName: name,
      httpStatusCode: status,
      requestId: 'req-9',
    });
    expect(error.message).toBe(`ComprehendMedical.DetectPHI failed with ${name} (HTTP ${status}, request id req-9)`);
  });

  it('keeps a scrubbed cause: name and metadata, no service message and no raw response', () => {
    const error = toServiceError(sdkError('ValidationException', 400), context);
    expectNoSentinel([], error);
    expect((error.cause as { $metadata: { requestId: string } }).$metadata.requestId).toBe('req-9');
  });

  it('honours the SDK $retryable marker', () => {
    expect(toServiceError(sdkError('SomethingTransient', 400, { $retryable: {} }), context).retryable).toBe(true);
  });
});

describe('Function: callService', () => {
  it('returns the output and logs metadata only', async () => {
    const recorder = recordingLogger();
    const client = {
      send: async () => ({ Entities: [{ Text: SENTINEL }], $metadata: { requestId: 'r1', attempts: 1 } }),
    };
    const out = await callService<{ Entities: unknown[] }>(
      client,
      {},
      { ...context, logger: createSafeLogger(recorder), meta: { chars: 10 } },
    );
    expect(out.Entities).toHaveLength(1);
    expect(recorder.lines).toHaveLength(1);
    expect(recorder.lines[0]).toContain('"requestId":"r1"');
    expect(recorder.lines[0]).toContain('"chars":10');
    expectNoSentinel(recorder.lines);
  });

  it('wraps SDK errors once, logs them without payload, and passes other errors through', async () => {
    const recorder = recordingLogger();
    const failing = { send: async () => Promise.reject(sdkError('TooManyRequestsException', 429)) };
    const error = await callService(failing, {}, { ...context, logger: createSafeLogger(recorder) }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'ServiceError', code: 'THROTTLED' });
    expectNoSentinel(recorder.lines, error);
    const bug = new TypeError('programming error');
    await expect(callService({ send: async () => Promise.reject(bug) }, {}, context)).rejects.toBe(bug);
  });

  it('forwards the signal as abortSignal and rethrows the signal reason on abort', async () => {
    const reason = new DOMException('deadline', 'TimeoutError');
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const client = {
      send: async (_: unknown, options?: { abortSignal?: AbortSignal }) => {
        seen = options?.abortSignal;
        controller.abort(reason);
        throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
      },
    };
    await expect(callService(client, {}, { ...context, signal: controller.signal })).rejects.toBe(reason);
    expect(seen).toBe(controller.signal);
  });
});
