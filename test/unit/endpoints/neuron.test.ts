import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  benchmarkCells,
  benchmarkRows,
  costPerMillionInferences,
  estimatePipelineCores,
  findNeuronInstance,
  formatBenchmarkMarkdown,
  G4DN_XLARGE_BASELINE,
  NEURON_INSTANCES,
  planNeuronDeployment,
  roundWith,
} from '../../../src/endpoints/index.js';

describe('estimatePipelineCores', () => {
  it('rounds half to even by default, as the seed Python does', () => {
    expect(estimatePipelineCores(5e7).formula).toBe(8); // 2.5 → 2
    expect(estimatePipelineCores(5e7, { rounding: 'half-up' }).formula).toBe(12); // 2.5 → 3
    expect(estimatePipelineCores(7e7).formula).toBe(16); // 3.5 → 4
    expect(estimatePipelineCores(1e7)).toEqual({ formula: 0, cores: 1, clamped: true }); // 0.5 → 0, clamped to 1
  });

  it('clamps BERT-base (≈110M weights → 24) to the instance', () => {
    expect(estimatePipelineCores(110e6, { maxCores: 16 })).toEqual({ formula: 24, cores: 16, clamped: true });
    expect(estimatePipelineCores(110e6, { maxCores: 4 }).cores).toBe(4);
  });

  it('refuses bad input with the field named', () => {
    expect(() => estimatePipelineCores(0)).toThrow(/^weights/);
    expect(() => estimatePipelineCores(Number.NaN)).toThrow(/^weights/);
    expect(() => estimatePipelineCores(1e8, { maxCores: 0 })).toThrow(/options.maxCores/);
    expect(() => estimatePipelineCores(1e8, { rounding: 'up' as never })).toThrow(/options.rounding/);
  });

  it('property: the result is within [1, maxCores] and the formula a multiple of 4', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e11, noNaN: true }), fc.integer({ min: 1, max: 64 }), (weights, max) => {
        const { formula, cores } = estimatePipelineCores(weights, { maxCores: max });
        expect(formula % 4).toBe(0);
        expect(cores).toBeGreaterThanOrEqual(1);
        expect(cores).toBeLessThanOrEqual(max);
      }),
    );
  });

  it('roundWith: half-even and half-up differ only on ties', () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4, 2.6].map((x) => roundWith(x, 'half-even'))).toEqual([0, 2, 2, 4, 2, 3]);
    expect([0.5, 1.5, 2.5].map((x) => roundWith(x, 'half-up'))).toEqual([1, 2, 3]);
  });
});

describe('planNeuronDeployment', () => {
  it('throughput: one single-core copy per NeuronCore (the seed 1,1,1,1 recipe)', () => {
    const plan = planNeuronDeployment({ instanceType: 'inf1.xlarge', weights: 110e6, legacyGroupSizes: true });
    expect(plan).toMatchObject({
      mode: 'Data Parallel',
      coresPerModel: 1,
      copiesPerInstance: 4,
      concurrency: 4,
      compilerArgs: [],
      environment: { SAGEMAKER_MODEL_SERVER_WORKERS: '4', NEURON_RT_NUM_CORES: '1' },
      workerVisibleCores: ['0', '1', '2', '3'],
      legacyEnvironment: { NEURONCORE_GROUP_SIZES: '1,1,1,1' },
    });
    expect(plan.notes.join(' ')).toMatch(/legacy.*1\.20/);
  });

  it('latency: one pipelined model over all cores of inf1.6xlarge, as in the P13 table', () => {
    const plan = planNeuronDeployment({
      instanceType: 'ml.inf1.6xlarge',
      weights: 110e6,
      objective: 'latency',
      instanceCount: 2,
    });
    expect(plan).toMatchObject({
      mode: 'Pipeline Parallel',
      coresPerModel: 16,
      formulaPipelineCores: 24,
      copiesPerInstance: 1,
      concurrency: 2,
      compilerArgs: ['--neuroncore-pipeline-cores', '16'],
      workerVisibleCores: ['0-15'],
    });
    expect(plan.legacyEnvironment).toBeUndefined();
    expect(plan.notes.join(' ')).toMatch(/gives 24; clamped to 16/);
  });

  it('latency with an explicit pipelineCores; inf2 gets a tensor-parallel note and no pipeline flag', () => {
    const plan = planNeuronDeployment({
      instanceType: 'inf1.6xlarge',
      weights: 1e8,
      objective: 'latency',
      pipelineCores: 4,
    });
    expect(plan).toMatchObject({
      coresPerModel: 4,
      copiesPerInstance: 4,
      workerVisibleCores: ['0-3', '4-7', '8-11', '12-15'],
    });
    const inf2 = planNeuronDeployment({ instanceType: 'inf2.xlarge', weights: 110e6, objective: 'latency' });
    expect(inf2.compilerArgs).toEqual([]);
    expect(inf2.coresPerModel).toBe(2);
    expect(inf2.notes.join(' ')).toMatch(/tensor parallelism/);
    const uneven = planNeuronDeployment({
      instanceType: 'inf2.24xlarge',
      weights: 1e8,
      objective: 'latency',
      pipelineCores: 5,
    });
    expect(uneven.notes.join(' ')).toMatch(/2 NeuronCores stay unused/);
  });

  it('refuses unknown instances and bad settings with the field and rule', () => {
    expect(() => planNeuronDeployment({ instanceType: 'p4d.24xlarge', weights: 1e8 })).toThrow(
      /^instanceType must be a known Inferentia instance type \(inf1.xlarge/,
    );
    expect(() => planNeuronDeployment({ instanceType: 'inf1.xlarge', weights: 1e8, instanceCount: 0 })).toThrow(
      /instanceCount/,
    );
    expect(() =>
      planNeuronDeployment({ instanceType: 'inf1.xlarge', weights: 1e8, objective: 'cost' as never }),
    ).toThrow(/objective/);
    expect(() =>
      planNeuronDeployment({ instanceType: 'inf1.xlarge', weights: 1e8, objective: 'latency', pipelineCores: 8 }),
    ).toThrow(/pipelineCores must be an integer in \[1, 4\]/);
  });

  it('takes an overridden catalogue', () => {
    const custom = [{ ...findNeuronInstance('inf1.xlarge'), name: 'inf1.test', pricePerHourUsd: 1 }];
    expect(
      planNeuronDeployment({ instanceType: 'inf1.test', weights: 1e8, instances: custom }).instance.pricePerHourUsd,
    ).toBe(1);
  });

  it('has core counts of 4 per inf1 chip and 2 per inf2 chip, with a dated price', () => {
    for (const instance of NEURON_INSTANCES) {
      expect(instance.neuronCores).toBe(instance.chips * (instance.family === 'inf1' ? 4 : 2));
      expect(instance.priceDate).toMatch(/^\d{4}-\d{2}$/);
    }
  });
});

/** The P13 tables: throughput and the prices implied by the post (EC2 on-demand, 2021). */
const P13 = [
  ['inf1.xlarge', 1, 'Data Parallel', 1, 245, 0.0165, 0.368, '$0.42', '1.6', '43%'],
  ['inf1.xlarge', 1, 'Pipeline Parallel', 4, 291, 0.0138, 0.368, '$0.35', '2.0', '36%'],
  ['inf1.6xlarge', 1, 'Data Parallel', 1, 974, 0.0166, 1.904, '$0.54', '6.5', '55%'],
  // $1.904/h at 1,793/s is $0.29497: the published $0.30 sits on the rounding boundary (its throughput is rounded).
  ['inf1.6xlarge', 1, 'Pipeline Parallel', 16, 1793, 0.0069, 1.904, '$0.29', '12.0', '30%'],
  ['inf1.xlarge', 6, 'Data Parallel', 1, 985, 0.0249, 0.368, '$0.10', '2.3', '30%'],
  ['inf1.xlarge', 6, 'Pipeline Parallel', 4, 945, 0.0259, 0.368, '$0.11', '2.2', '31%'],
  ['inf1.6xlarge', 6, 'Data Parallel', 1, 3880, 0.0258, 1.904, '$0.14', '9.2', '39%'],
  ['inf1.6xlarge', 6, 'Pipeline Parallel', 16, 2302, 0.031, 1.904, '$0.23', '5.5', '66%'],
] as const;

describe('benchmark table', () => {
  it('reproduces the published cost column from throughput and price (inf1.xlarge, $0.368/h, 245/s → $0.42)', () => {
    expect(costPerMillionInferences(0.368, 245)).toBeCloseTo(0.4172, 4);
    const g4dnBatch1 = {
      instance: 'g4dn.xlarge',
      batchSize: 1,
      throughputPerSecond: 149,
      latencyP95Seconds: 0.0082,
      pricePerHourUsd: G4DN_XLARGE_BASELINE.pricePerHourUsd,
    };
    const g4dnBatch64 = { ...g4dnBatch1, batchSize: 64, throughputPerSecond: 422, latencyP95Seconds: 0.1533 };
    expect(benchmarkCells(benchmarkRows([g4dnBatch1]))[0]![6]).toBe('$0.98');
    // The one published cell we do not reproduce to the cent (see the inf1.6xlarge pipeline row below).
    expect(costPerMillionInferences(1.904, 1793)).toBeCloseTo(0.295, 3);
    expect(benchmarkCells(benchmarkRows([g4dnBatch64]))[0]![6]).toBe('$0.35');
    for (const [instance, batchSize, mode, cores, throughput, p95, price, cost, tRatio, cRatio] of P13) {
      const baseline = batchSize === 1 ? g4dnBatch1 : g4dnBatch64;
      const [row] = benchmarkRows(
        [
          {
            instance,
            batchSize,
            mode,
            coresPerModel: cores,
            throughputPerSecond: throughput,
            latencyP95Seconds: p95,
            pricePerHourUsd: price,
          },
        ],
        baseline,
      );
      expect(Math.abs(row!.costPerMillionUsd - Number(cost.slice(1)))).toBeLessThanOrEqual(0.0051);
      expect(benchmarkCells([row!])[0]).toEqual([
        instance,
        String(batchSize),
        mode,
        String(cores),
        String(throughput),
        p95.toFixed(4),
        cost,
        tRatio,
        cRatio,
      ]);
    }
  });

  it('formats Markdown with the seed columns', () => {
    const rows = benchmarkRows([
      {
        instance: 'inf1.xlarge',
        batchSize: 1,
        mode: 'Data Parallel',
        coresPerModel: 1,
        throughputPerSecond: 245,
        latencyP95Seconds: 0.0165,
        pricePerHourUsd: 0.368,
      },
    ]);
    const markdown = formatBenchmarkMarkdown(rows);
    expect(markdown.split('\n')[0]).toContain('| Instance | Batch Size | Inference Mode | NeuronCores per model |');
    expect(markdown).toContain('| inf1.xlarge | 1 | Data Parallel | 1 | 245 | 0.0165 | $0.42 |  |  |');
  });

  it('refuses a zero throughput or a negative price', () => {
    expect(() => costPerMillionInferences(0.368, 0)).toThrow(/inferencesPerSecond/);
    expect(() => costPerMillionInferences(-1, 10)).toThrow(/pricePerHourUsd/);
    expect(() =>
      benchmarkRows([
        { instance: 'x', batchSize: 0, throughputPerSecond: 1, latencyP95Seconds: 1, pricePerHourUsd: 1 },
      ]),
    ).toThrow(/measurements\[0\].batchSize/);
  });
});
