import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvocationMetrics, LatencyHistogram } from '../../../src/endpoints/index.js';

describe('LatencyHistogram', () => {
  it('is empty at first, then exact on min, max and mean', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.percentile(50)).toBeNaN();
    expect(histogram.meanMs).toBeNaN();
    for (const ms of [10, 20, 30, 40]) histogram.record(ms);
    histogram.record(Number.NaN);
    histogram.record(-1);
    expect(histogram.count).toBe(4);
    expect(histogram.minMs).toBe(10);
    expect(histogram.maxMs).toBe(40);
    expect(histogram.meanMs).toBe(25);
    expect(histogram.percentile(100)).toBe(40);
    expect(histogram.percentile(0)).toBe(10);
  });

  it('property: percentiles are within the stated relative precision of the exact nearest-rank value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 100_000, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(50, 90, 95, 99),
        (samples, p) => {
          const histogram = new LatencyHistogram();
          for (const s of samples) histogram.record(s);
          const sorted = [...samples].sort((a, b) => a - b);
          const exact = sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
          expect(Math.abs(histogram.percentile(p) - exact) / exact).toBeLessThanOrEqual(0.0051);
        },
      ),
    );
  });

  it('merges, resets and validates', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    a.record(1);
    b.record(100);
    a.merge(b);
    expect(a.count).toBe(2);
    expect(a.maxMs).toBe(100);
    expect(() => a.merge(new LatencyHistogram({ relativePrecision: 0.1 }))).toThrow(/same options/);
    a.reset();
    expect(a.count).toBe(0);
    expect(() => a.percentile(101)).toThrow(/^p must/);
    expect(() => new LatencyHistogram({ minMs: 0 })).toThrow(/options.minMs/);
    expect(() => new LatencyHistogram({ maxMs: 0.0001 })).toThrow(/options.maxMs/);
    expect(() => new LatencyHistogram({ relativePrecision: 2 })).toThrow(/options.relativePrecision/);
  });

  it('refuses to merge histograms whose buckets differ even when their bucket counts match', () => {
    const coarse = new LatencyHistogram({ minMs: 1, maxMs: 57, relativePrecision: 0.5 });
    const fine = new LatencyHistogram({ minMs: 1, maxMs: 9.3, relativePrecision: 0.25 });
    expect(() => coarse.merge(fine)).toThrow(/same options/);
  });
});

describe('InvocationMetrics', () => {
  it('computes throughput over the recorded span and cost per million from the hourly price', () => {
    let now = 0;
    const metrics = new InvocationMetrics({ pricePerHourUsd: 0.368, now: () => now });
    for (let i = 0; i < 245; i++) metrics.recordItem(0, 1000, true);
    metrics.recordItem(0, 1000, false);
    metrics.recordRequest(0, 1000);
    now = 5;
    const snapshot = metrics.snapshot();
    expect(snapshot).toMatchObject({ count: 245, errors: 1, requests: 1, elapsedMs: 1000, throughputPerSecond: 245 });
    expect(snapshot.costPerMillionUsd).toBeCloseTo(0.4172, 4);
    expect(snapshot.latencyMs.p95).toBeCloseTo(1000, -1);
    expect(metrics.now()).toBe(5);
    metrics.reset();
    expect(metrics.snapshot()).toMatchObject({ count: 0, throughputPerSecond: 0, costPerMillionUsd: undefined });
    expect(() => new InvocationMetrics({ pricePerHourUsd: -1 })).toThrow(/pricePerHourUsd/);
  });
});
