import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/kit/rate-limit.js';

/** A virtual clock: sleeping advances time instantly, so tests measure quota arithmetic, not wall time. */
function virtualClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      now += ms;
    },
    get elapsedMs() {
      return now;
    },
  };
}

describe('Class: RateLimiter', () => {
  it('admits a burst of one second, then paces requests per second', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ requestsPerSecond: 10, ...clock });
    for (let i = 0; i < 10; i++) await limiter.acquire();
    expect(clock.elapsedMs).toBe(0);
    for (let i = 0; i < 10; i++) await limiter.acquire();
    expect(clock.elapsedMs).toBeCloseTo(1000, 6);
  });

  it('paces by units when units are the tighter dimension (Comprehend Medical: 40 TPS, 40,000 chars/s)', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ requestsPerSecond: 40, unitsPerSecond: 40_000, ...clock });
    for (let i = 0; i < 10; i++) await limiter.acquire(20_000);
    // 200,000 chars at 40,000/s with a 40,000 burst: (200,000 − 40,000) / 40,000 = 4 s.
    expect(clock.elapsedMs).toBeCloseTo(4000, 6);
  });

  it('rejects a request larger than one burst with a LimitError', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1, unitsPerSecond: 100 });
    await expect(limiter.acquire(101)).rejects.toMatchObject({ name: 'LimitError', code: 'LIMIT' });
    expect(limiter.maxUnitsPerRequest).toBe(100);
  });

  it('validates its options and units', async () => {
    expect(() => new RateLimiter({ requestsPerSecond: 0 })).toThrow(
      expect.objectContaining({ field: 'options.requestsPerSecond' }),
    );
    expect(() => new RateLimiter({ requestsPerSecond: 1, unitsPerSecond: -1 })).toThrow(
      expect.objectContaining({ field: 'options.unitsPerSecond' }),
    );
    await expect(new RateLimiter({ requestsPerSecond: 1 }).acquire(Number.NaN)).rejects.toMatchObject({
      field: 'units',
    });
  });

  it('rejects a waiting acquire with the signal reason and lets the next waiter through', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ requestsPerSecond: 1, ...clock });
    await limiter.acquire();
    const reason = new Error('cancelled');
    await expect(limiter.acquire(0, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await expect(limiter.acquire()).resolves.toBeUndefined();
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 })])(
    'never exceeds either quota over the elapsed time (plus one burst)',
    async (sizes) => {
      const clock = virtualClock();
      const limiter = new RateLimiter({ requestsPerSecond: 5, unitsPerSecond: 1000, ...clock });
      for (const size of sizes) await limiter.acquire(size);
      const seconds = clock.elapsedMs / 1000;
      const totalUnits = sizes.reduce((a, b) => a + b, 0);
      expect(sizes.length).toBeLessThanOrEqual(5 + 5 * seconds + 1e-6);
      expect(totalUnits).toBeLessThanOrEqual(1000 + 1000 * seconds + 1e-6);
    },
  );
});

describe('RateLimiter and aborts', () => {
  it('an aborted waiter leaves at once, even behind earlier waiters, and spends nothing', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1, burstSeconds: 1 });
    await limiter.acquire();
    // The second waiter needs a second; the third queues behind it and is aborted while waiting its turn.
    const second = limiter.acquire(0);
    const controller = new AbortController();
    const third = limiter.acquire(0, { signal: controller.signal });
    const order: string[] = [];
    void second.then(() => order.push('second'));
    const reason = new Error('cancel');
    controller.abort(reason);
    await expect(third).rejects.toBe(reason);
    order.push('third');
    await second;
    expect(order).toEqual(['third', 'second']);
  });
});
