import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DynamicBatcher, isPayloadTooLargeError, PayloadTooLargeError } from '../../../src/endpoints/index.js';
import { isValidationError, ResponseShapeError } from '../../../src/kit/errors.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DynamicBatcher', () => {
  it('groups items submitted together into one request and answers each with its own result', async () => {
    const batches: number[][] = [];
    const batcher = new DynamicBatcher<number, number>(
      async (items) => {
        batches.push([...items]);
        return items.map((x) => x * 10);
      },
      { maxBatchSize: 4, maxQueueDelayMs: 1_000 },
    );
    const answers = await Promise.all([1, 2, 3, 4].map((x) => batcher.submit(x)));
    expect(answers).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it('sends a partial batch when the oldest item has waited maxQueueDelayMs', async () => {
    const timers: Array<{ callback: () => void; delayMs: number }> = [];
    let now = 0;
    const batches: number[][] = [];
    const batcher = new DynamicBatcher<number, number>(
      async (items) => {
        batches.push([...items]);
        return [...items];
      },
      {
        maxBatchSize: 8,
        maxQueueDelayMs: 50,
        now: () => now,
        schedule: (callback, delayMs) => {
          timers.push({ callback, delayMs });
          return () => {};
        },
      },
    );
    const answer = batcher.submit(7);
    await tick();
    expect(batches).toEqual([]);
    expect(timers.at(-1)?.delayMs).toBe(50);
    now = 50;
    timers.at(-1)!.callback();
    await expect(answer).resolves.toBe(7);
    expect(batches).toEqual([[7]]);
  });

  it('pads to the smallest compiled batch size and slices the padding off', async () => {
    const sent: number[][] = [];
    const batcher = new DynamicBatcher<number, number>(
      async (items, context) => {
        sent.push([...items]);
        expect(context).toEqual({ realCount: 3, paddedTo: 6 });
        return items.map((x) => x + 1);
      },
      { maxBatchSize: 16, maxQueueDelayMs: 1_000, compiledBatchSizes: [1, 6], padItem: () => -1 },
    );
    expect(batcher.maxBatchSize).toBe(6);
    const answers = batcher.submitAll([1, 2, 3]);
    await batcher.flush();
    await expect(answers).resolves.toEqual([
      { ok: true, value: 2 },
      { ok: true, value: 3 },
      { ok: true, value: 4 },
    ]);
    expect(sent.some((b) => b.length === 6 && b.slice(3).every((x) => x === -1))).toBe(true);
  });

  it('rejects the batch when padItem throws, instead of leaving its items unanswered', async () => {
    const failure = new Error('no padding');
    const batcher = new DynamicBatcher<number, number>(async (items) => [...items], {
      maxQueueDelayMs: 1_000,
      compiledBatchSizes: [4],
      padItem: () => {
        throw failure;
      },
    });
    const answer = batcher.submit(1);
    await batcher.flush();
    await expect(answer).rejects.toBe(failure);
  });

  it('rejects (does not throw) when itemBytes throws', async () => {
    const failure = new Error('cannot size');
    const batcher = new DynamicBatcher<number, number>(async (items) => [...items], {
      itemBytes: () => {
        throw failure;
      },
    });
    let answer: Promise<number> | undefined;
    expect(() => {
      answer = batcher.submit(1);
    }).not.toThrow();
    await expect(answer).rejects.toBe(failure);
    const nan = new DynamicBatcher<number, number>(async (items) => [...items], { itemBytes: () => Number.NaN });
    await expect(nan.submit(1)).rejects.toThrow(/options.itemBytes/);
  });

  it('keeps per-item errors to their items', async () => {
    const batcher = new DynamicBatcher<number, number>(
      async (items) => items.map((x) => (x % 2 ? new Error(`odd ${x}`) : x)),
      { maxBatchSize: 4, maxQueueDelayMs: 0 },
    );
    const outcomes = await batcher.submitAll([1, 2, 3, 4]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, true, false, true]);
  });

  it('splits a batch refused as too large, down to single items', async () => {
    const sizes: number[] = [];
    const batcher = new DynamicBatcher<number, number>(
      async (items) => {
        sizes.push(items.length);
        if (items.length > 2) throw new PayloadTooLargeError('items', items.length * 100, 200);
        return [...items];
      },
      { maxBatchSize: 8, maxQueueDelayMs: 1_000, concurrency: 1 },
    );
    const outcomes = await batcher.submitAll([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(sizes).toEqual([8, 4, 2, 2, 4, 2, 2]);
  });

  it('refuses one item over the byte budget with a PayloadTooLargeError (a ValidationError)', async () => {
    const batcher = new DynamicBatcher<string, string>(async (items) => [...items], {
      maxBatchBytes: 10,
      itemBytes: (s) => s.length,
    });
    const error = await batcher.submit('x'.repeat(11)).catch((e: unknown) => e);
    expect(isPayloadTooLargeError(error)).toBe(true);
    expect(isValidationError(error)).toBe(true);
  });

  it('cuts batches at the byte budget', async () => {
    const sent: string[][] = [];
    const batcher = new DynamicBatcher<string, string>(
      async (items) => {
        sent.push([...items]);
        return [...items];
      },
      { maxBatchBytes: 10, itemBytes: (s) => s.length, maxBatchSize: 100, maxQueueDelayMs: 20, concurrency: 1 },
    );
    await batcher.submitAll(['aaaa', 'bbbb', 'cccc', 'dd']);
    for (const batch of sent) expect(batch.join('').length).toBeLessThanOrEqual(10);
    expect(sent.flat()).toEqual(['aaaa', 'bbbb', 'cccc', 'dd']);
  });

  it('fails every item of a batch whose function rejects, and of one returning too few results', async () => {
    const failing = new DynamicBatcher<number, number>(
      async () => {
        throw new Error('boom');
      },
      { maxQueueDelayMs: 0 },
    );
    await expect(failing.submit(1)).rejects.toThrow('boom');
    const short = new DynamicBatcher<number, number>(async () => [], { maxQueueDelayMs: 0 });
    await expect(short.submit(1)).rejects.toBeInstanceOf(ResponseShapeError);
  });

  it('answers an aborted queued item with the signal reason and never sends it', async () => {
    const sent: number[] = [];
    const batcher = new DynamicBatcher<number, number>(
      async (items) => {
        sent.push(...items);
        return [...items];
      },
      { maxBatchSize: 8, maxQueueDelayMs: 60_000 },
    );
    const controller = new AbortController();
    const aborted = batcher.submit(1, { signal: controller.signal });
    const kept = batcher.submit(2);
    controller.abort(new Error('cancelled'));
    void batcher.flush();
    await expect(aborted).rejects.toThrow('cancelled');
    await expect(kept).resolves.toBe(2);
    expect(sent).toEqual([2]);
  });

  it('answers an item aborted in flight at once, and drops its late result', async () => {
    let release!: () => void;
    const batcher = new DynamicBatcher<number, number>(
      async (items) => {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return [...items];
      },
      { maxQueueDelayMs: 0 },
    );
    const controller = new AbortController();
    const answer = batcher.submit(1, { signal: controller.signal });
    await tick();
    controller.abort(new DOMException('stop', 'AbortError'));
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    release();
    await batcher.flush();
  });

  it('refuses submissions after close() and when the queue is full', async () => {
    const batcher = new DynamicBatcher<number, number>(async (items) => [...items], {
      maxQueueSize: 1,
      maxQueueDelayMs: 1_000,
      concurrency: 1,
    });
    const first = batcher.submit(1);
    await expect(batcher.submit(2)).rejects.toMatchObject({ code: 'LIMIT' });
    await batcher.close();
    await expect(first).resolves.toBe(1);
    await expect(batcher.submit(3)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('validates its options before anything is sent', () => {
    const send = async (items: readonly number[]) => [...items];
    expect(() => new DynamicBatcher(send, { maxBatchSize: 0 })).toThrow(/options.maxBatchSize/);
    expect(() => new DynamicBatcher(send, { concurrency: 1.5 })).toThrow(/options.concurrency/);
    expect(() => new DynamicBatcher(send, { maxQueueDelayMs: -1 })).toThrow(/options.maxQueueDelayMs/);
    expect(() => new DynamicBatcher(send, { compiledBatchSizes: [4, 2], padItem: () => 0 })).toThrow(/increasing/);
    expect(() => new DynamicBatcher(send, { compiledBatchSizes: [1, 4] })).toThrow(/options.padItem/);
    expect(() => new DynamicBatcher(send, { compiledBatchSizes: [] })).toThrow(/must not be empty/);
    expect(() => new DynamicBatcher(send, { maxBatchBytes: 0 })).toThrow(/options.maxBatchBytes/);
  });

  it('property: every item is answered exactly once, with its own result, whatever the batching, concurrency and failures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          count: fc.integer({ min: 0, max: 60 }),
          maxBatchSize: fc.integer({ min: 1, max: 9 }),
          concurrency: fc.integer({ min: 1, max: 5 }),
          maxQueueDelayMs: fc.constantFrom(0, 1, 3),
          compiled: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 })),
          failEvery: fc.integer({ min: 0, max: 7 }),
          rejectEvery: fc.integer({ min: 0, max: 5 }),
          maxBatchBytes: fc.option(fc.integer({ min: 2, max: 12 })),
        }),
        async (c) => {
          let batchNumber = 0;
          let inFlight = 0;
          let maxInFlight = 0;
          const seen: number[] = [];
          const compiled = c.compiled ? [...c.compiled].sort((a, b) => a - b) : undefined;
          const batcher = new DynamicBatcher<number, number>(
            async (items, context) => {
              inFlight++;
              maxInFlight = Math.max(maxInFlight, inFlight);
              try {
                await new Promise((resolve) => setTimeout(resolve, batchNumber % 3));
                batchNumber++;
                if (compiled) expect(compiled).toContain(items.length);
                if (c.maxBatchBytes !== null && context.realCount > 1 && context.realCount * 2 > c.maxBatchBytes) {
                  throw new PayloadTooLargeError('items', context.realCount * 2, c.maxBatchBytes);
                }
                if (c.rejectEvery > 0 && batchNumber % c.rejectEvery === 0) throw new Error(`batch ${batchNumber}`);
                const real = items.slice(0, context.realCount);
                // Items enter batches in submission order.
                for (let i = 1; i < real.length; i++) expect(real[i]!).toBeGreaterThan(real[i - 1]!);
                seen.push(...real);
                return items.map((x) => (c.failEvery > 0 && x % c.failEvery === 0 ? new Error(`item ${x}`) : -x));
              } finally {
                inFlight--;
              }
            },
            {
              maxBatchSize: c.maxBatchSize,
              concurrency: c.concurrency,
              maxQueueDelayMs: c.maxQueueDelayMs,
              ...(compiled ? { compiledBatchSizes: compiled, padItem: () => 1_000_000 } : {}),
            },
          );
          const items = Array.from({ length: c.count }, (_, i) => i + 1);
          let answers = 0;
          const outcomes = await Promise.all(
            items.map((x) =>
              batcher.submit(x).then(
                (value) => {
                  answers++;
                  return { x, ok: true as const, value };
                },
                (error: unknown) => {
                  answers++;
                  return { x, ok: false as const, error };
                },
              ),
            ),
          );
          await batcher.flush();
          expect(answers).toBe(c.count);
          expect(maxInFlight).toBeLessThanOrEqual(c.concurrency);
          for (const outcome of outcomes) {
            if (outcome.ok) expect(outcome.value).toBe(-outcome.x);
          }
          // No item sent twice in a successful batch.
          expect(new Set(seen).size).toBe(seen.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
