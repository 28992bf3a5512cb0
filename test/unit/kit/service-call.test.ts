import { describe, expect, it } from 'vitest';
import { isServiceError, ValidationError } from '../../../src/kit/errors.js';
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

  it('wraps SDK errors once, logs them without payload, and passes our own errors through', async () => {
    const recorder = recordingLogger();
    const failing = { send: async () => Promise.reject(sdkError('TooManyRequestsException', 429)) };
    const error = await callService(failing, {}, { ...context, logger: createSafeLogger(recorder) }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'ServiceError', code: 'THROTTLED' });
    expectNoSentinel(recorder.lines, error);
    const ours = new ValidationError('options.x', 'must be y');
    await expect(callService({ send: async () => Promise.reject(ours) }, {}, context)).rejects.toBe(ours);
  });

  it.each([
    ['an Error quoting the input', () => new Error(`boom ${SENTINEL}`), 'Error', 'SERVICE', false],
    ['a TypeError', () => new TypeError(`x.${SENTINEL} is not a function`), 'TypeError', 'SERVICE', false],
    ['a string', () => `failed on ${SENTINEL}`, 'UnknownError', 'SERVICE', false],
    ['undefined', () => undefined, 'UnknownError', 'SERVICE', false],
    [
      'a ThrottlingException without $metadata',
      () => Object.assign(new Error(SENTINEL), { name: 'ThrottlingException' }),
      'ThrottlingException',
      'THROTTLED',
      true,
    ],
    [
      'a plain object named TooManyRequestsException',
      () => ({ name: 'TooManyRequestsException', message: SENTINEL }),
      'TooManyRequestsException',
      'THROTTLED',
      true,
    ],
    [
      'a socket error (named by its code)',
      () => Object.assign(new Error(`connect ECONNRESET ${SENTINEL}`), { code: 'ECONNRESET' }),
      'ECONNRESET',
      'SERVICE',
      true,
    ],
    [
      'an error whose name is the payload',
      () => Object.assign(new Error('x'), { name: SENTINEL }),
      'UnknownError',
      'SERVICE',
      false,
    ],
  ])('wraps %s from a client in a ServiceError without its message', async (_, thrown, errorName, code, retryable) => {
    const recorder = recordingLogger();
    const client = {
      send: async () => {
        throw thrown();
      },
    };
    const error = await callService(client, {}, { ...context, logger: createSafeLogger(recorder) }).catch(
      (e: unknown) => e,
    );
    expect(isServiceError(error)).toBe(true);
    expect(error).toMatchObject({ code, retryable, errorName, service: 'ComprehendMedical', operation: 'DetectPHI' });
    expect((error as Error).message).toBe(`ComprehendMedical.DetectPHI failed with ${errorName}`);
    expect((error as Error).cause).toMatchObject({ name: errorName });
    expectNoSentinel(recorder.lines, error);
  });

  it('wraps a synchronous throw and a non-promise result of send', async () => {
    const sync = {
      send: () => {
        throw new Error(SENTINEL);
      },
    };
    const error = await callService(sync, {}, context).catch((e: unknown) => e);
    expect(isServiceError(error)).toBe(true);
    expectNoSentinel([], error);
    const plain = { send: (() => ({ ok: 1 })) as unknown as () => Promise<unknown> };
    await expect(callService(plain, {}, context)).resolves.toEqual({ ok: 1 });
  });

  it('keeps only the numeric and id fields of $metadata in the cause', async () => {
    const thrown = Object.assign(new Error(SENTINEL), {
      name: 'InternalServerException',
      $metadata: { httpStatusCode: 500, requestId: 'req-1', attempts: 3, note: SENTINEL },
    });
    const error = await callService({ send: async () => Promise.reject(thrown) }, {}, context).catch((e: unknown) => e);
    expect((error as Error).cause).toMatchObject({
      $metadata: { httpStatusCode: 500, requestId: 'req-1', attempts: 3 },
    });
    expectNoSentinel([], error);
  });

  it('settles on the signal and on timeoutMs when the client ignores abortSignal', async () => {
    const hanging = { send: () => new Promise<never>(() => {}) };
    const controller = new AbortController();
    const aborted = callService(hanging, {}, { ...context, signal: controller.signal });
    const reason = new DOMException('stopped', 'AbortError');
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    await expect(callService(hanging, {}, { ...context, timeoutMs: 20 })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    let sent = 0;
    const counting = {
      send: async () => {
        sent++;
        return {};
      },
    };
    await expect(callService(counting, {}, { ...context, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(sent).toBe(0);
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
