/**
 * Failure paths through the real SDK clients: bad input before any request, unknown labels, expired sessions,
 * throttling with Retry-After, aborts, concurrent writers and the session-attribute budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLimitError, isServiceError, isValidationError } from '../../../src/kit/errors.js';
import {
  DEFAULT_CHECKPOINT_ATTRIBUTE,
  decodeCheckpointStore,
  isLexConcurrentWriteError,
  isLexSessionNotFoundError,
  isLexUnknownCheckpointError,
  sessionAttributesHeaderBytes,
} from '../../../src/lex/index.js';
import { recordingLogger } from '../../helpers/sentinel.js';
import { type Runtime, startV1, startV2 } from './harness.js';

describe.each([
  ['Lex V1', startV1],
  ['Lex V2', startV2],
])('LexCheckpointSession failures on %s', (_name, start) => {
  let runtime: Runtime;
  let clockMs = 1_000_000;
  let user = 0;
  const nextUser = () => `fail-${++user}`;
  beforeAll(async () => {
    runtime = await start({ sessionTtlMs: 60_000, now: () => clockMs });
  });
  afterAll(() => runtime.close());

  it('rejects bad input before any request, naming the rule', async () => {
    const session = runtime.session(nextUser());
    const before = runtime.calls('PostText') + runtime.calls('GetSession') + runtime.calls('PutSession');
    const cases: Array<[() => Promise<unknown>, string, RegExp]> = [
      [() => session.postText(''), 'text', /empty/],
      [() => session.postText('   '), 'text', /empty/],
      [() => session.postText('w'.repeat(1025)), 'text', /at most 1024 characters, got 1025/],
      [() => session.checkpoint('window_selection'), 'label', /\[a-zA-Z0-9-\]\{1,255\}/],
      [() => session.checkpoint('x'.repeat(256)), 'label', /got 256 characters/],
      [() => session.resume('None here'), 'label', /no underscores, dots or spaces/],
      [() => session.digress('OrderCurtains', { checkpointLabel: '' }), 'options.checkpointLabel', /\[a-zA-Z0-9-\]/],
      [() => session.getSession({ checkpointLabelFilter: 'a.b' }), 'options.checkpointLabelFilter', /\[a-zA-Z0-9-\]/],
    ];
    for (const [call, field, rule] of cases) {
      const error = await Promise.resolve()
        .then(call)
        .catch((e: unknown) => e);
      expect(isValidationError(error)).toBe(true);
      expect(error).toMatchObject({ field, rule: expect.stringMatching(rule) });
    }
    expect(runtime.calls('PostText') + runtime.calls('GetSession') + runtime.calls('PutSession')).toBe(before);
    // 1,024 characters is still fine.
    await expect(session.postText(`windows ${'w'.repeat(1016)}`)).resolves.toMatchObject({
      intentName: 'OrderWindows',
    });
  });

  it('rejects an invalid user or session id at construction', () => {
    expect(() => runtime.session('a')).toThrow(/2-100 characters of \[0-9a-zA-Z._:-\], got 1 characters/);
    expect(() => runtime.session('has space')).toThrow(/2-100 characters/);
  });

  it('names the labels that exist when resuming an unknown one, without writing', async () => {
    const session = runtime.session(nextUser());
    await session.postText('windows');
    await session.checkpoint('windowSelection');
    const puts = runtime.calls('PutSession');
    const error = await session.resume('curtainSelection').catch((e: unknown) => e);
    expect(isLexUnknownCheckpointError(error)).toBe(true);
    expect(error).toMatchObject({ label: 'curtainSelection', existingLabels: ['windowSelection'], code: 'NOT_FOUND' });
    expect(String(error)).toContain('existing labels: windowSelection');
    expect(runtime.calls('PutSession')).toBe(puts);
  });

  it('reports an expired session as LexSessionNotFoundError', async () => {
    const session = runtime.session(nextUser());
    await session.postText('windows');
    clockMs += 61_000;
    const error = await session.checkpoint('windowSelection').catch((e: unknown) => e);
    expect(isLexSessionNotFoundError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'NOT_FOUND', requestId: expect.stringMatching(/^stand-in-/) });
    expect(isServiceError((error as Error).cause)).toBe(true);
    // A new utterance starts a new conversation.
    await expect(session.postText('curtains')).resolves.toMatchObject({ intentName: 'OrderCurtains' });
  });

  it('retries throttling after Retry-After (or backoff) and then succeeds', async () => {
    const logger = recordingLogger();
    const session = runtime.session(nextUser(), { logger });
    const before = runtime.calls('PostText');
    runtime.throttleNext('PostText', 1, 0);
    await expect(session.postText('windows')).resolves.toMatchObject({ intentName: 'OrderWindows' });
    expect(runtime.calls('PostText') - before).toBe(2);
    expect(logger.lines.some((l) => l.includes('lex throttled, retrying'))).toBe(true);
  });

  it('gives up after the configured throttling retries with a retryable THROTTLED error', async () => {
    const session = runtime.session(nextUser(), { throttleRetries: 1 });
    runtime.throttleNext('PostText', 2, 0);
    const error = await session.postText('windows').catch((e: unknown) => e);
    expect(isServiceError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'THROTTLED', retryable: true, httpStatusCode: 429 });
  });

  it('surfaces an abort as the signal reason, before or during a call', async () => {
    const session = runtime.session(nextUser());
    const reason = new Error('caller cancelled');
    const before = runtime.calls('PostText');
    await expect(session.postText('windows', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(runtime.calls('PostText')).toBe(before);

    // Aborted while waiting out a long Retry-After (V1) or a backoff (V2).
    runtime.throttleNext('PostText', 1, 25);
    const controller = new AbortController();
    const pending = session.postText('windows', { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
  });

  it('keeps both checkpoints when two session objects write concurrently', async () => {
    const userId = nextUser();
    const first = runtime.session(userId);
    const second = runtime.session(userId);
    await first.postText('windows');
    await first.postText('curtains');
    await Promise.all([
      first.checkpoint('windowSelection', { intentName: 'OrderWindows' }),
      second.checkpoint('curtainSelection', { intentName: 'OrderCurtains' }),
      first.checkpoint('third', { intentName: 'OrderCurtains' }),
    ]);
    const labels = (await second.listCheckpoints()).checkpoints.map((c) => c.label).sort();
    expect(labels).toEqual(['curtainSelection', 'third', 'windowSelection']);
  });

  it('detects a lost update from another process and redoes the read-modify-write', async () => {
    const userId = nextUser();
    const logger = recordingLogger();
    let interferences = 1;
    const session = runtime.wrappedSession(
      userId,
      (client) => ({
        async send(command, options) {
          const out = await client.send(command, options);
          // Another process writes between our PutSession and its read-back.
          if ((command as object).constructor.name === 'PutSessionCommand' && interferences-- > 0) {
            await runtime.foreignWrite(userId, {
              [DEFAULT_CHECKPOINT_ATTRIBUTE]: JSON.stringify([1, 99, 'other', [], []]),
            });
          }
          return out;
        },
      }),
      { logger },
    );
    await session.postText('windows');
    const puts = runtime.calls('PutSession');
    await expect(session.checkpoint('mine')).resolves.toMatchObject({ label: 'mine' });
    expect(runtime.calls('PutSession') - puts).toBe(3); // ours, the other writer's, ours again
    expect(logger.lines.some((l) => l.includes('lost to another writer'))).toBe(true);
    const after = decodeCheckpointStore(runtime.attributes(userId)?.[DEFAULT_CHECKPOINT_ATTRIBUTE]);
    expect(after.checkpoints.map((c) => c.label)).toEqual(['mine']);
    expect(after.revision).toBe(100);

    interferences = Number.POSITIVE_INFINITY;
    const error = await session.checkpoint('again').catch((e: unknown) => e);
    expect(isLexConcurrentWriteError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'CONFLICT', retryable: true, attempts: 3 });
  });

  it('stops before a write that would exceed the session-attribute budget', async () => {
    const userId = nextUser();
    const session = runtime.session(userId);
    await session.postText('windows large');
    const label = (i: number) => `${String(i).padStart(3, '0')}-${'x'.repeat(240)}`;
    let failure: unknown;
    let stored = 0;
    for (let i = 0; i < 60 && failure === undefined; i++) {
      const puts = runtime.calls('PutSession');
      try {
        await session.checkpoint(label(i));
        stored++;
      } catch (error) {
        failure = error;
        expect(runtime.calls('PutSession')).toBe(puts);
      }
    }
    expect(isLimitError(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'LIMIT', limit: 'sessionAttributes' });
    expect(String(failure)).toMatch(/over the 12288-byte budget/);
    expect(stored).toBeGreaterThan(20);
    const attributes = runtime.attributes(userId) ?? {};
    expect(sessionAttributesHeaderBytes(attributes)).toBeLessThanOrEqual(12 * 1024);
    expect(decodeCheckpointStore(attributes[DEFAULT_CHECKPOINT_ATTRIBUTE]).checkpoints).toHaveLength(stored);
  });
});
