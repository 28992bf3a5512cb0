import { describe, expect, it } from 'vitest';
import { combineDetectors, detectInChunks, type PhiDetector } from '../../../src/phi/index.js';

const text = 'The patient was seen today. '.repeat(40); // 1,120 bytes
const opts = { maxChunkBytes: 200, overlapBytes: 20 };

describe('detectInChunks', () => {
  it('runs chunks with bounded concurrency and reports progress', async () => {
    let active = 0;
    let peak = 0;
    const progress: number[] = [];
    await detectInChunks(
      text,
      async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 2));
        active--;
        return { entities: [], warnings: [] };
      },
      { ...opts, concurrency: 3, onChunk: (done) => progress.push(done) },
    );
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(progress.length);
    expect(progress.length).toBeGreaterThan(5);
  });

  it('fails closed: one failing chunk rejects the call and cancels the others', async () => {
    const signals: AbortSignal[] = [];
    const call = detectInChunks(
      text,
      async (chunk, signal) => {
        signals.push(signal);
        if (chunk.index === 1) throw new Error('chunk failed');
        await new Promise((r) => setTimeout(r, 5));
        return { entities: [{ type: 'NAME', score: 1, begin: 0, end: 3 }], warnings: [] };
      },
      { ...opts, concurrency: 2 },
    );
    await expect(call).rejects.toThrow('chunk failed');
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('re-splits a truncated chunk until answers are complete', async () => {
    const sizes: number[] = [];
    const detection = await detectInChunks(
      text,
      async (chunk) => {
        sizes.push(chunk.bytes);
        return { entities: [], warnings: [], truncated: chunk.bytes > 100 };
      },
      opts,
    );
    expect(detection.warnings.some((w) => w.code === 'RESPLIT')).toBe(true);
    expect(Math.min(...sizes)).toBeLessThanOrEqual(100);
  });

  it('gives up with a LimitError when a tiny chunk is still truncated', async () => {
    await expect(
      detectInChunks('x'.repeat(100), async () => ({ entities: [], warnings: [], truncated: true }), {
        maxChunkBytes: 64,
        overlapBytes: 0,
      }),
    ).rejects.toMatchObject({ name: 'LimitError' });
  });

  it('surfaces a caller abort as its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled');
    const call = detectInChunks(
      text,
      async (_chunk, signal) => {
        controller.abort(reason);
        signal.throwIfAborted();
        return { entities: [], warnings: [] };
      },
      { ...opts, signal: controller.signal },
    );
    await expect(call).rejects.toBe(reason);
  });
});

describe('combineDetectors', () => {
  it('pools findings, tags their source, and fails if any detector fails', async () => {
    const a: PhiDetector = {
      name: 'a',
      detect: async () => ({ entities: [{ type: 'X', score: 1, begin: 0, end: 1 }], warnings: [] }),
    };
    const b: PhiDetector = {
      name: 'b',
      detect: async () => ({ entities: [{ type: 'Y', score: 1, begin: 1, end: 2 }], warnings: [] }),
    };
    const both = combineDetectors([a, b]);
    expect(both.name).toBe('a+b');
    expect((await both.detect('xy')).entities.map((e) => e.source)).toEqual(['a', 'b']);
    const failing: PhiDetector = { name: 'f', detect: async () => Promise.reject(new Error('down')) };
    await expect(combineDetectors([a, failing]).detect('xy')).rejects.toThrow('down');
    expect(() => combineDetectors([])).toThrow(/at least one/);
  });
});
