/**
 * The Inferentia BERT post, done with `NeuronEndpointClient`: plan a BERT-base (≈110M weights, sequence length
 * 128) deployment on inf1.xlarge and inf1.6xlarge for throughput and for latency, invoke the endpoint with
 * dynamic batching padded to the compiled batch sizes, and print the benchmark table in the post's format —
 * with the published rows reproduced from their throughput and price alongside.
 *
 *   npx tsx examples/neuron-endpoint.ts     # offline: a SageMaker runtime stand-in simulates the endpoint
 *   AWS_ML_KIT_LIVE=1 NEURON_ENDPOINT=bert-base-inf1 npx tsx examples/neuron-endpoint.ts
 *
 * Offline, the stand-in's latency is scripted (2 ms + 1 ms per item), so the measured rows show the method, not
 * Inferentia's speed. Writes examples/out/neuron-endpoint.md and .json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import {
  benchmarkRows,
  formatBenchmarkMarkdown,
  G4DN_XLARGE_BASELINE,
  NeuronEndpointClient,
  planNeuronDeployment,
} from '../src/endpoints/index.js';
import { SageMakerRuntimeStandIn } from '../src/testing/index.js';

const OUT = join(resolve(import.meta.dirname, '..'), 'examples/out');
mkdirSync(OUT, { recursive: true });
const live = process.env.AWS_ML_KIT_LIVE === '1';
const SEQUENCE_LENGTH = 128;

// 1. Plans: throughput (single-core copies) and latency (one pipelined model over all cores).
for (const instanceType of ['inf1.xlarge', 'inf1.6xlarge']) {
  for (const objective of ['throughput', 'latency'] as const) {
    const plan = planNeuronDeployment({ instanceType, weights: 110e6, objective });
    console.log(
      `${instanceType} ${objective.padEnd(10)} → ${plan.mode}, ${plan.coresPerModel} cores/model × ${plan.copiesPerInstance}, ` +
        `${JSON.stringify(plan.environment)} ${plan.compilerArgs.join(' ')}`,
    );
  }
}

// 2. Invoke: a tokenised question/context pair per item (the ids here are placeholders, not a real tokenizer).
type BertInput = { input_ids: number[]; attention_mask: number[] };
const tokens = (n: number): BertInput => ({
  input_ids: [101, ...Array.from({ length: n }, (_, i) => 1000 + i), 102],
  attention_mask: Array(n + 2).fill(1),
});
const plan = planNeuronDeployment({ instanceType: 'inf1.xlarge', weights: 110e6, objective: 'throughput' });
const standIn = live
  ? undefined
  : await SageMakerRuntimeStandIn.start({
      compiledBatchSizes: [1, 6],
      compiledSequenceLength: SEQUENCE_LENGTH,
      latencyMs: (batch) => 2 + batch,
      // Stands in for the QA head: a start and end position per item.
      predict: (item) => [1, (item as BertInput).attention_mask.filter((m) => m === 1).length - 2],
    });
const client = new SageMakerRuntimeClient(standIn ? standIn.clientConfig() : {});
const neuron = new NeuronEndpointClient<BertInput, [number, number]>({
  endpointName: process.env.NEURON_ENDPOINT ?? 'bert-base-inf1',
  client,
  plan,
  compiledShape: { batchSizes: [1, 6], sequenceLength: SEQUENCE_LENGTH },
  maxQueueDelayMs: 2,
});
try {
  const answers = await neuron.predictAll([tokens(5), tokens(9), tokens(3)]);
  console.log(
    'answers:',
    answers.map((a) => (a.ok ? a.value : String(a.error))),
  );

  // 3. Benchmark at the post's batch sizes, priced like the post (inf1.xlarge at $0.368/h).
  const measured = await neuron.benchmark({
    sample: tokens(20),
    batchSizes: [1, 6],
    durationMs: live ? 30_000 : 500,
    pricePerHour: 0.368,
  });

  // 4. The published batch-1 rows, recomputed from throughput and price (cost and ratio columns are derived).
  const baseline = {
    instance: 'g4dn.xlarge',
    batchSize: 1,
    throughputPerSecond: 149,
    latencyP95Seconds: 0.0082,
    pricePerHourUsd: G4DN_XLARGE_BASELINE.pricePerHourUsd,
  };
  const published = benchmarkRows(
    [
      {
        instance: 'inf1.xlarge',
        batchSize: 1,
        mode: 'Data Parallel',
        coresPerModel: 1,
        throughputPerSecond: 245,
        latencyP95Seconds: 0.0165,
        pricePerHourUsd: 0.368,
      },
      {
        instance: 'inf1.xlarge',
        batchSize: 1,
        mode: 'Pipeline Parallel',
        coresPerModel: 4,
        throughputPerSecond: 291,
        latencyP95Seconds: 0.0138,
        pricePerHourUsd: 0.368,
      },
      {
        instance: 'inf1.6xlarge',
        batchSize: 1,
        mode: 'Data Parallel',
        coresPerModel: 1,
        throughputPerSecond: 974,
        latencyP95Seconds: 0.0166,
        pricePerHourUsd: 1.904,
      },
      {
        instance: 'inf1.6xlarge',
        batchSize: 1,
        mode: 'Pipeline Parallel',
        coresPerModel: 16,
        throughputPerSecond: 1793,
        latencyP95Seconds: 0.0069,
        pricePerHourUsd: 1.904,
      },
    ],
    baseline,
  );
  const markdown = [
    `## Measured (${live ? 'live endpoint' : 'stand-in with scripted latency — shows the method, not Inferentia'})`,
    '',
    formatBenchmarkMarkdown(measured),
    '## Published P13 batch-1 rows, cost and ratios recomputed (baseline g4dn.xlarge, $0.526/h, 149/s)',
    '',
    formatBenchmarkMarkdown(published),
  ].join('\n');
  console.log(markdown);
  console.log('client metrics:', JSON.stringify(neuron.metrics().latencyMs));
  writeFileSync(join(OUT, 'neuron-endpoint.md'), markdown);
  writeFileSync(join(OUT, 'neuron-endpoint.json'), JSON.stringify({ plan, measured, published }, null, 2));
} finally {
  neuron.destroy();
  client.destroy();
  await standIn?.close();
}
