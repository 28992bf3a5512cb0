/**
 * The promise every class that calls `send()` keeps with a hostile client (see `hostileClients.ts`), as one
 * table-driven suite: each failure becomes one of our errors without the payload, an abort settles with the
 * caller's reason, and a deadline settles although the client never answers and ignores `abortSignal`.
 */
import { describe, expect, it } from 'vitest';
import { type ErrorCode, isAwsMlKitError } from '../../src/kit/errors.js';
import {
  failingClient,
  HOSTILE_FAILURES,
  type HostileClient,
  type HostileFailure,
  hangingClient,
  rejection,
} from './hostileClients.js';
import { expectNoSentinel, recordingLogger } from './sentinel.js';

/** The logger each case is handed; its lines are checked for the sentinel. */
export type HostileCaseLogger = ReturnType<typeof recordingLogger>;

/** What a case passes on to the method it calls. */
export interface HostileCallOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

/** One public method driven with a hostile client in place of its AWS client. */
export interface HostileClassCase {
  /** Class and method. */
  name: string;
  /** Calls the method (draining an iterable) with the hostile client in place of the AWS client. */
  run(client: HostileClient, options: HostileCallOptions, logger: HostileCaseLogger): Promise<unknown>;
  /** Whether the method takes `timeoutMs` (otherwise a deadline is an `AbortSignal.timeout`). */
  takesTimeoutMs: boolean;
  /** The code a throttling client ends in; default `THROTTLED`. */
  throttledCode?: ErrorCode;
  /** The error name on a deadline; default `TimeoutError` (the signal's reason). */
  deadlineName?: string;
  /** The method logs failures instead of throwing them (then only the logs are checked). */
  stopSwallows?: boolean;
}

/**
 * Declares the three hostile-client tests for every case.
 *
 * @example
 * describeHostileClassCases([{ name: 'PhiMasker.mask', takesTimeoutMs: true, run: (client, options) => … }]);
 */
export function describeHostileClassCases(cases: readonly HostileClassCase[]): void {
  describe.each(cases)('$name with a hostile client', (c) => {
    it.each(HOSTILE_FAILURES)(
      'rejects with one of our errors, without the payload, when the client throws %s',
      async (kind: HostileFailure) => {
        const logger = recordingLogger();
        const client = failingClient(kind);
        if (c.stopSwallows) {
          await expect(c.run(client, {}, logger)).resolves.toBeUndefined();
          expect(client.calls).toBeGreaterThan(0);
          expect(logger.lines.some((line) => line.includes('stop failed'))).toBe(true);
          expectNoSentinel(logger.lines);
          return;
        }
        const error = await rejection(c.run(client, {}, logger));
        expect(client.calls).toBeGreaterThan(0);
        expect(isAwsMlKitError(error), String(error)).toBe(true);
        const expected = kind === 'throttling-without-metadata' ? (c.throttledCode ?? 'THROTTLED') : 'SERVICE';
        expect(error).toMatchObject({ code: expected });
        expectNoSentinel(logger.lines, error);
      },
    );

    it('settles with the reason when aborted, although the client ignores abortSignal', async () => {
      const logger = recordingLogger();
      const client = hangingClient();
      const controller = new AbortController();
      const call = c.run(client, { signal: controller.signal }, logger);
      const reason = new DOMException('stopped by the caller', 'AbortError');
      setTimeout(() => controller.abort(reason), 30);
      expect(await rejection(call)).toBe(reason);
      expect(client.calls).toBeGreaterThan(0);
      expectNoSentinel(logger.lines);
    });

    it('settles at its deadline, although the client never answers', async () => {
      const logger = recordingLogger();
      const client = hangingClient();
      const options = c.takesTimeoutMs ? { timeoutMs: 50 } : { signal: AbortSignal.timeout(50) };
      const error = await rejection(c.run(client, options, logger));
      expect(error).toMatchObject({ name: c.deadlineName ?? 'TimeoutError' });
      expect(client.calls).toBeGreaterThan(0);
      expectNoSentinel(logger.lines, error);
    });
  });
}
