/**
 * Endpoints — (1) per-call overhead of the invoker and of `NeuronEndpointClient.predict` against raw SDK
 * `client.send(new InvokeEndpointCommand(…))` on the same local stand-in, and (2) batching efficiency: items/s
 * through the dynamic batcher against the theoretical rate `batch × concurrency / server latency`.
 *
 *   npx tsx bench/endpoints.ts          # ITERATIONS=300, about 20 s
 *
 * (1) runs ours and raw alternately against a zero-latency `SageMakerRuntimeStandIn` (same client), after a
 * warm-up, and reports medians: the stand-in's and the SDK's work are in both numbers, so the ratio is an upper
 * bound on what the library adds on loopback. (2) scripts a fixed server latency per request and sends many
 * single items through `predictAll`; the batcher has to fill batches and keep `concurrency` requests in flight.
 * Beside the theoretical rate it reports the floor on this machine: raw `send()` loops with ready-made full
 * batches at the same concurrency (HTTP, SDK and stand-in CPU cost included), so "vs raw" isolates the batcher.
 *
 * Targets: overhead ≤ 5 %; batching efficiency ≥ 90 %. Writes bench/out/endpoints.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { NeuronEndpointClient, SageMakerRuntimeInvoker } from '../src/endpoints/index.js';
import { SageMakerRuntimeStandIn } from '../src/testing/index.js';

const OUT = join(resolve(import.meta.dirname, '..'), 'bench', 'out');
const ITERATIONS = Number(process.env.ITERATIONS ?? 300);
const WARMUP = 30;
const enc = new TextEncoder();
const dec = new TextDecoder();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function alternate(ours: () => Promise<unknown>, raw: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) {
    await ours();
    await raw();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    // Alternate which goes first, so neither always gets the warmer socket.
    const pair = i % 2 === 0 ? [ours, raw] : [raw, ours];
    for (const fn of pair) {
      const started = performance.now();
      await fn();
      (fn === ours ? a : b).push((performance.now() - started) * 1000);
    }
  }
  // CPU time of the whole process per call, in alternating blocks: on a loaded machine wall time mostly measures
  // waiting for a core, while CPU time measures the work (the in-process stand-in's share is in both).
  const cpu = { ours: 0, raw: 0 };
  const BLOCK = 25;
  for (let round = 0; round < Math.max(1, Math.floor(ITERATIONS / BLOCK)); round++) {
    for (const [key, fn] of round % 2 === 0
      ? ([
          ['ours', ours],
          ['raw', raw],
        ] as const)
      : ([
          ['raw', raw],
          ['ours', ours],
        ] as const)) {
      const before = process.cpuUsage();
      for (let i = 0; i < BLOCK; i++) await fn();
      const used = process.cpuUsage(before);
      cpu[key] += used.user + used.system;
    }
  }
  const calls = Math.max(1, Math.floor(ITERATIONS / BLOCK)) * BLOCK;
  return { oursUs: median(a), rawUs: median(b), oursCpuUs: cpu.ours / calls, rawCpuUs: cpu.raw / calls };
}

const overhead: Array<{
  case: string;
  oursUs: number;
  rawUs: number;
  ratio: number;
  oursCpuUs: number;
  rawCpuUs: number;
  cpuRatio: number;
}> = [];
{
  const standIn = await SageMakerRuntimeStandIn.start();
  const client = new SageMakerRuntimeClient(standIn.clientConfig({ maxAttempts: 1 }));
  const invoker = new SageMakerRuntimeInvoker({ endpointName: 'bench', client });
  const body = enc.encode(JSON.stringify([Array.from({ length: 128 }, (_, i) => i)]));
  const raw = async () => {
    const out = await client.send(
      new InvokeEndpointCommand({
        EndpointName: 'bench',
        Body: body,
        ContentType: 'application/json',
        Accept: 'application/json',
      }),
    );
    return JSON.parse(dec.decode(out.Body));
  };
  const viaInvoker = async () =>
    JSON.parse(
      dec.decode((await invoker.invoke({ body, contentType: 'application/json', accept: 'application/json' })).body),
    );
  const r1 = await alternate(viaInvoker, raw);
  overhead.push({
    case: 'SageMakerRuntimeInvoker.invoke (1 item, 128 ints)',
    ...r1,
    ratio: r1.oursUs / r1.rawUs,
    cpuRatio: r1.oursCpuUs / r1.rawCpuUs,
  });
  const neuron = new NeuronEndpointClient<number[], number[]>({
    endpointName: 'bench',
    client,
    maxQueueDelayMs: 0,
    concurrency: 1,
  });
  const item = Array.from({ length: 128 }, (_, i) => i);
  const rawPredict = async () => {
    const out = await client.send(
      new InvokeEndpointCommand({
        EndpointName: 'bench',
        Body: enc.encode(JSON.stringify([item])),
        ContentType: 'application/json',
        Accept: 'application/json',
      }),
    );
    return (JSON.parse(dec.decode(out.Body)) as number[][])[0];
  };
  const r2 = await alternate(() => neuron.predict(item), rawPredict);
  overhead.push({
    case: 'NeuronEndpointClient.predict (batcher, delay 0)',
    ...r2,
    ratio: r2.oursUs / r2.rawUs,
    cpuRatio: r2.oursCpuUs / r2.rawCpuUs,
  });
  client.destroy();
  await standIn.close();
}

const batching: Array<{
  maxBatchSize: number;
  concurrency: number;
  serverLatencyMs: number;
  items: number;
  theoreticalPerSecond: number;
  rawPreBatchedPerSecond: number;
  measuredPerSecond: number;
  efficiency: number;
  efficiencyVsRaw: number;
}> = [];
for (const [maxBatchSize, concurrency, serverLatencyMs] of [
  [1, 4, 20],
  [8, 4, 20],
  [32, 8, 40],
] as const) {
  const standIn = await SageMakerRuntimeStandIn.start({ latencyMs: serverLatencyMs });
  const client = new SageMakerRuntimeClient(standIn.clientConfig({ maxAttempts: 1 }));
  const neuron = new NeuronEndpointClient<number, number>({
    endpointName: 'bench',
    client,
    maxBatchSize,
    concurrency,
    maxQueueDelayMs: 2,
  });
  const theoreticalPerSecond = (maxBatchSize * concurrency * 1000) / serverLatencyMs;
  const items = Math.round(theoreticalPerSecond * 1.5); // about 1.5 s at the theoretical rate
  await neuron.predictAll(Array.from({ length: maxBatchSize * concurrency }, (_, i) => i)); // warm-up
  // The floor on this machine: `concurrency` loops of raw send() with ready-made full batches, same item count.
  const batchBody = enc.encode(JSON.stringify(Array.from({ length: maxBatchSize }, (_, i) => i)));
  let remaining = Math.ceil(items / maxBatchSize);
  const rawStarted = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (remaining-- > 0) {
        const out = await client.send(
          new InvokeEndpointCommand({ EndpointName: 'bench', Body: batchBody, ContentType: 'application/json' }),
        );
        JSON.parse(dec.decode(out.Body));
      }
    }),
  );
  const rawPreBatchedPerSecond = items / ((performance.now() - rawStarted) / 1000);
  const started = performance.now();
  const outcomes = await neuron.predictAll(Array.from({ length: items }, (_, i) => i));
  const seconds = (performance.now() - started) / 1000;
  if (outcomes.some((o) => !o.ok)) throw new Error('an item failed');
  const measuredPerSecond = items / seconds;
  batching.push({
    maxBatchSize,
    concurrency,
    serverLatencyMs,
    items,
    theoreticalPerSecond,
    rawPreBatchedPerSecond,
    measuredPerSecond,
    efficiency: measuredPerSecond / theoreticalPerSecond,
    efficiencyVsRaw: measuredPerSecond / rawPreBatchedPerSecond,
  });
  client.destroy();
  await standIn.close();
}

const result = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
  iterations: ITERATIONS,
  overhead,
  batching,
};
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'endpoints.json'), `${JSON.stringify(result, null, 2)}\n`);
const out = (line: string) => process.stdout.write(`${line}\n`);
out(`\nEndpoints — ${result.machine}, ${ITERATIONS} iterations\n`);
out('| case | ours µs (wall, median) | raw send() µs | ratio | ours CPU µs/call | raw CPU µs/call | CPU ratio |');
out('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of overhead) {
  out(
    `| ${r.case} | ${r.oursUs.toFixed(0)} | ${r.rawUs.toFixed(0)} | ${r.ratio.toFixed(3)} | ${r.oursCpuUs.toFixed(0)} | ${r.rawCpuUs.toFixed(0)} | ${r.cpuRatio.toFixed(3)} |`,
  );
}
out(
  '\n| max batch | concurrency | server latency ms | items | theoretical /s | raw pre-batched /s | batcher /s | vs theoretical | vs raw |',
);
out('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const b of batching) {
  out(
    `| ${b.maxBatchSize} | ${b.concurrency} | ${b.serverLatencyMs} | ${b.items} | ${b.theoreticalPerSecond.toFixed(0)} | ${b.rawPreBatchedPerSecond.toFixed(0)} | ${b.measuredPerSecond.toFixed(0)} | ${(b.efficiency * 100).toFixed(1)} % | ${(b.efficiencyVsRaw * 100).toFixed(1)} % |`,
  );
}
