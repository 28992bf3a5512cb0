import { fc, test } from '@fast-check/vitest';
import { describe, expect, it, vi } from 'vitest';
import { raceAbort, rethrowWithAbortReason, sleep, throwIfAborted, withDeadline } from '../../../src/kit/abort.js';
import { backoffDelayMs, DEFAULT_BACKOFF, pollUntil } from '../../../src/kit/retry.js';

describe('Abort helpers', () => {
  it('throwIfAborted throws the reason, and nothing otherwise', () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal)).not.toThrow();
    expect(() => throwIfAborted(undefined)).not.toThrow();
    const reason = new Error('stop');
    controller.abort(reason);
    expect(() => throwIfAborted(controller.signal)).toThrow(reason);
  });

  it('sleep rejects with the signal reason, immediately or mid-sleep', async () => {
    const reason = new Error('cancel');
    await expect(sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await expect(sleep(1)).resolves.toBeUndefined();
  });

  it('withDeadline fires with a TimeoutError, and passes a caller abort through', async () => {
    const deadline = withDeadline(undefined, 5)!;
    await expect(sleep(10_000, deadline)).rejects.toMatchObject({ name: 'TimeoutError' });
    const controller = new AbortController();
    const combined = withDeadline(controller.signal, 10_000)!;
    controller.abort(new Error('mine'));
    expect(combined.reason).toEqual(new Error('mine'));
    expect(withDeadline(controller.signal, undefined)).toBe(controller.signal);
  });

  it('withDeadline takes fractions and Infinity, and names a bad timeoutMs instead of a RangeError', async () => {
    await expect(sleep(10_000, withDeadline(undefined, 1.5))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(withDeadline(undefined, Number.POSITIVE_INFINITY)).toBeUndefined();
    const far = withDeadline(undefined, 2 ** 40);
    await sleep(20);
    expect(far?.aborted).toBe(false);
    for (const bad of [-1, Number.NaN, '5' as unknown as number]) {
      expect(() => withDeadline(undefined, bad)).toThrow(expect.objectContaining({ field: 'options.timeoutMs' }));
    }
  });

  it('rethrowWithAbortReason prefers the signal reason over the SDK AbortError', () => {
    const reason = new DOMException('deadline', 'TimeoutError');
    const sdkError = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    expect(() => rethrowWithAbortReason(sdkError, AbortSignal.abort(reason))).toThrow(reason);
    expect(() => rethrowWithAbortReason(sdkError, new AbortController().signal)).toThrow(sdkError);
  });

  it('raceAbort settles with the work, or rejects with the reason as soon as the signal fires', async () => {
    await expect(raceAbort(Promise.resolve(1), undefined)).resolves.toBe(1);
    await expect(raceAbort(Promise.resolve(2), new AbortController().signal)).resolves.toBe(2);
    const failure = new Error('work failed');
    await expect(raceAbort(Promise.reject(failure), new AbortController().signal)).rejects.toBe(failure);
    const reason = new Error('cancel');
    await expect(raceAbort(Promise.resolve(3), AbortSignal.abort(reason))).rejects.toBe(reason);
    const controller = new AbortController();
    const pending = raceAbort(new Promise(() => {}), controller.signal);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});

describe('Function: backoffDelayMs', () => {
  it('grows exponentially up to the cap without jitter', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1000, jitter: 0 };
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelayMs(a, options))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  test.prop([fc.nat(40), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true })])(
    'stays within [base·(1−jitter), base]',
    (attempt, jitter, random) => {
      const base = Math.min(DEFAULT_BACKOFF.maxDelayMs, DEFAULT_BACKOFF.initialDelayMs * 2 ** attempt);
      const delay = backoffDelayMs(attempt, { jitter, random: () => random });
      expect(delay).toBeGreaterThanOrEqual(base * (1 - jitter) - 1e-9);
      expect(delay).toBeLessThanOrEqual(base + 1e-9);
    },
  );
});

describe('Function: pollUntil', () => {
  it('polls until done, waiting with backoff in between', async () => {
    const waits: number[] = [];
    const poll = vi.fn(async (attempt: number) => ({ done: attempt === 3, value: attempt }));
    const value = await pollUntil(poll, { initialDelayMs: 1, jitter: 0, onWait: (_, ms) => waits.push(ms) });
    expect(value).toBe(3);
    expect(poll).toHaveBeenCalledTimes(4);
    expect(waits).toEqual([1, 2, 4]);
  });

  it('gives up with a WaitTimeoutError past timeoutMs', async () => {
    let clock = 0;
    const poll = async () => {
      clock += 400;
      return { done: false, value: undefined };
    };
    await expect(
      pollUntil(poll, { timeoutMs: 1000, initialDelayMs: 1, jitter: 0, now: () => clock, what: 'job 42' }),
    ).rejects.toMatchObject({
      name: 'WaitTimeoutError',
      code: 'WAIT_TIMEOUT',
      message: expect.stringContaining('job 42'),
    });
  });

  it('rejects with the signal reason when aborted between polls', async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const poll = async () => {
      controller.abort(reason);
      return { done: false, value: 0 };
    };
    await expect(pollUntil(poll, { signal: controller.signal, initialDelayMs: 1000 })).rejects.toBe(reason);
  });

  it('gives up at timeoutMs while a poll that ignores its signal is still in flight', async () => {
    let seen: AbortSignal | undefined;
    const poll = vi.fn((_attempt: number, signal: AbortSignal | undefined) => {
      seen = signal;
      return new Promise<never>(() => {});
    });
    await expect(pollUntil(poll, { timeoutMs: 30, what: 'job 7' })).rejects.toMatchObject({
      name: 'WaitTimeoutError',
      message: expect.stringContaining('job 7'),
    });
    expect(poll).toHaveBeenCalledTimes(1);
    // The poll was told: its signal fired.
    expect(seen?.aborted).toBe(true);
  });

  it('takes an Infinite or very long timeoutMs as a deadline that does not fire early', async () => {
    for (const timeoutMs of [Number.POSITIVE_INFINITY, 2 ** 40]) {
      const poll = vi.fn(async (attempt: number) => ({ done: attempt === 2, value: attempt }));
      await expect(pollUntil(poll, { timeoutMs, initialDelayMs: 5, jitter: 0 })).resolves.toBe(2);
    }
  });

  it('rejects with the caller reason while a poll that ignores its signal is in flight', async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const pending = pollUntil(() => new Promise<never>(() => {}), { signal: controller.signal, timeoutMs: 60_000 });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('rejects a non-positive timeout before polling', async () => {
    const poll = vi.fn();
    await expect(pollUntil(poll, { timeoutMs: 0 })).rejects.toMatchObject({ field: 'options.timeoutMs' });
    expect(poll).not.toHaveBeenCalled();
  });
});
