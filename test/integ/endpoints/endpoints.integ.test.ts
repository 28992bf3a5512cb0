import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EIPredictorClient,
  isModelInvocationError,
  isPayloadTooLargeError,
  NeuronEndpointClient,
  planNeuronDeployment,
  SageMakerRuntimeInvoker,
  TfServingRestTransport,
} from '../../../src/endpoints/index.js';
import { isServiceError, isValidationError } from '../../../src/kit/errors.js';
import {
  modelErrorReply,
  modelNotReadyReply,
  SageMakerRuntimeStandIn,
  TfServingStandIn,
  throttlingReply,
} from '../../../src/testing/index.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';

const fast = { backoff: { initialDelayMs: 1, maxDelayMs: 5 } };
const dec = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('NeuronEndpointClient → SageMakerRuntimeStandIn (real SDK client over HTTP)', () => {
  let standIn: SageMakerRuntimeStandIn;
  let client: SageMakerRuntimeClient;
  beforeAll(async () => {
    standIn = await SageMakerRuntimeStandIn.start({
      compiledBatchSizes: [1, 4],
      compiledSequenceLength: 8,
      latencyMs: (n) => 2 + n,
      predict: (item) => (item as { input_ids: number[] }).input_ids.reduce((a, b) => a + b, 0),
    });
    client = new SageMakerRuntimeClient(standIn.clientConfig({ maxAttempts: 1 }));
  });
  afterAll(async () => {
    client.destroy();
    await standIn.close();
  });

  const newClient = (extra: Record<string, unknown> = {}) =>
    new NeuronEndpointClient<{ input_ids: number[] }, number>({
      endpointName: 'bert-inf1',
      client,
      compiledShape: { batchSizes: [1, 4], sequenceLength: 8 },
      plan: planNeuronDeployment({ instanceType: 'inf1.xlarge', weights: 110e6 }),
      ...fast,
      ...extra,
    });

  it('pads to compiled batch and sequence shapes, bounded by the plan concurrency, answers in order', async () => {
    const before = standIn.stats.batchSizes.length;
    const neuron = newClient();
    const items = Array.from({ length: 23 }, (_, i) => ({ input_ids: [i, 1] }));
    const outcomes = await neuron.predictAll(items);
    expect(outcomes).toEqual(items.map((_, i) => ({ ok: true, value: i + 1 })));
    const sizes = standIn.stats.batchSizes.slice(before);
    expect(sizes.every((n) => n === 1 || n === 4)).toBe(true);
    expect(standIn.stats.maxConcurrent).toBeLessThanOrEqual(4);
    expect(standIn.stats.modelErrors).toBe(0);
    const metrics = neuron.metrics();
    expect(metrics.count).toBe(23);
    expect(metrics.costPerMillionUsd).toBeGreaterThan(0);
  });

  it('property: over real HTTP every item is answered once, in order, whatever the batch size and concurrency', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        async (count, maxBatchSize, concurrency) => {
          const neuron = newClient({ maxBatchSize, concurrency, maxQueueDelayMs: 1 });
          const items = Array.from({ length: count }, (_, i) => ({ input_ids: [i * 3] }));
          const outcomes = await neuron.predictAll(items);
          expect(outcomes).toEqual(items.map((_, i) => ({ ok: true, value: i * 3 })));
        },
      ),
      { numRuns: 12 },
    );
  });

  it('retries a throttling sequence and ModelNotReadyException, then answers', async () => {
    standIn.server.script('InvokeEndpoint', [throttlingReply(), modelNotReadyReply(), throttlingReply()]);
    const neuron = newClient();
    await expect(neuron.predict({ input_ids: [5] })).resolves.toBe(5);
  });

  it('reports ModelError 424 with its log stream, not retried, and keeps payloads out', async () => {
    const logger = recordingLogger();
    const calls = standIn.server.callsOf('InvokeEndpoint').length;
    standIn.server.script('InvokeEndpoint', [modelErrorReply({ originalStatusCode: 500 })]);
    const neuron = newClient({ logger });
    const error = await neuron.predict({ input_ids: [SENTINEL.length] }).catch((e: unknown) => e);
    expect(isModelInvocationError(error)).toBe(true);
    expect(error).toMatchObject({ originalStatusCode: 500, logStreamArn: expect.stringContaining('log-stream') });
    expect(standIn.server.callsOf('InvokeEndpoint').length).toBe(calls + 1);
    expectNoSentinel(logger.lines, error);
  });

  it('refuses shapes that do not fit the compiled sequence length before any request', async () => {
    const calls = standIn.server.calls.length;
    const neuron = newClient();
    const error = await neuron.predict({ input_ids: Array(9).fill(1) }).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect(String(error)).toContain('item.input_ids has length 9, over the compiled sequence length 8');
    await expect(neuron.predictAll([{ input_ids: [1] }, { input_ids: Array(10).fill(0) }])).rejects.toThrow(
      /items\[1\]/,
    );
    expect(standIn.server.calls.length).toBe(calls);
  });

  it('a compiled-shape mismatch the client was not told about fails at the model (ModelError)', async () => {
    const neuron = new NeuronEndpointClient<{ input_ids: number[] }, number>({
      endpointName: 'bert-inf1',
      client,
      maxQueueDelayMs: 50,
    });
    const outcomes = await neuron.predictAll([{ input_ids: Array(8).fill(1) }, { input_ids: Array(8).fill(2) }]);
    expect(outcomes.every((o) => !o.ok && isModelInvocationError(o.error))).toBe(true);
  });

  it('splits a batch whose body exceeds the payload limit', async () => {
    const neuron = newClient({ limits: { maxPayloadBytes: 60 }, maxQueueDelayMs: 50, concurrency: 1 });
    const before = standIn.stats.batchSizes.length;
    const outcomes = await neuron.predictAll(Array.from({ length: 4 }, (_, i) => ({ input_ids: [i] })));
    expect(outcomes.map((o) => o.ok && o.value)).toEqual([0, 1, 2, 3]);
    expect(standIn.stats.batchSizes.slice(before).every((n) => n === 1)).toBe(true);
    const tooBig = await newClient({ limits: { maxPayloadBytes: 10 } })
      .predict({ input_ids: [1] })
      .catch((e: unknown) => e);
    expect(isPayloadTooLargeError(tooBig)).toBe(true);
  });

  it('benchmark produces the P13 columns from measured throughput and the plan price', async () => {
    const neuron = newClient();
    const progress: number[] = [];
    const rows = await neuron.benchmark({
      sample: { input_ids: [1, 2] },
      batchSizes: [1, 4],
      durationMs: 150,
      onProgress: ({ done }) => progress.push(done),
    });
    expect(progress).toEqual([1, 2]);
    expect(rows.map((r) => [r.instance, r.batchSize, r.mode, r.coresPerModel])).toEqual([
      ['inf1.xlarge', 1, 'Data Parallel', 1],
      ['inf1.xlarge', 4, 'Data Parallel', 1],
    ]);
    for (const row of rows) {
      expect(row.throughputPerSecond).toBeGreaterThan(0);
      expect(row.costPerMillionUsd).toBeCloseTo((0.368 / (row.throughputPerSecond * 3600)) * 1e6, 10);
    }
    await expect(neuron.benchmark({ sample: { input_ids: [1] }, batchSizes: [3] })).rejects.toThrow(
      /options.batchSizes\[0\] must be a compiled batch size \(1, 4\)/,
    );
  });

  it('streams the response in parts that may split the JSON, and the abort wins', async () => {
    const invoker = new SageMakerRuntimeInvoker({ endpointName: 'bert-inf1', client });
    const body = new TextEncoder().encode(JSON.stringify([1, 2, 3, 4].map((n) => ({ input_ids: Array(8).fill(n) }))));
    const parts: string[] = [];
    for await (const part of invoker.invokeStream({ body, contentType: 'application/json' })) parts.push(dec(part));
    expect(parts.length).toBeGreaterThan(1);
    expect(JSON.parse(parts.join(''))).toEqual([8, 16, 24, 32]);
    await expect(
      invoker.invokeStream({ body, targetModel: 'm.tar.gz' })[Symbol.asyncIterator]().next(),
    ).rejects.toThrow(/targetModel is not supported/);
  });

  it('a deadline surfaces as TimeoutError, an abort as its own reason', async () => {
    standIn.server.script('InvokeEndpoint', [{ delayMs: 2_000, body: '[]' }]);
    const invoker = new SageMakerRuntimeInvoker({ endpointName: 'bert-inf1', client });
    const body = new TextEncoder().encode('[{"input_ids":[1,1,1,1,1,1,1,1]}]');
    await expect(invoker.invoke({ body, contentType: 'application/json' }, { timeoutMs: 50 })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });
});

describe('EIPredictorClient → TfServingStandIn and → SageMaker TFS endpoint', () => {
  let tfs: TfServingStandIn;
  let slow: TfServingStandIn;
  beforeAll(async () => {
    tfs = await TfServingStandIn.start({
      models: ['ssd'],
      // One feed is sent as bare instances, so each instance is the tensor row itself.
      predict: (instance) => ({ num_detections: 1, detection_classes: [(instance as number[])[0]], bad: Number.NaN }),
      example: (example, method) => (method === 'regress' ? (example as { x: number }).x * 2 : [['dog', 0.9]]),
    });
    slow = await TfServingStandIn.start({ models: ['ssd'], latencyMs: 5 });
  });
  afterAll(async () => {
    await tfs.close();
    await slow.close();
  });

  it('predict maps friendly names to tensors and back, tolerates NaN, sends the signature name', async () => {
    const predictor = new EIPredictorClient({
      url: tfs.url,
      modelName: 'ssd',
      signatureName: 'serving_default',
      inputNames: { inputs: 'image_tensor' },
      outputNames: { classes: 'detection_classes', count: 'num_detections', bad: 'bad' },
    });
    const outputs = await predictor.predict({ inputs: [[7, 7]] });
    expect(outputs).toEqual({ classes: [[7]], count: [1], bad: [Number.NaN] });
    expect(tfs.stats.signatureNames).toContain('serving_default');
    expect(await predictor.regress([{ x: 2 }, { x: 3 }])).toEqual([4, 6]);
    expect(await predictor.classify([{ x: 1 }])).toEqual([[['dog', 0.9]]]);
    expect(tfs.stats.methods.slice(-2)).toEqual(['regress', 'classify']);
  });

  it('refuses mismatched batch dimensions before any request and reports TF Serving errors by status only', async () => {
    const predictor = new EIPredictorClient({ url: tfs.url, modelName: 'ssd', maxRetries: 0 });
    const requests = tfs.stats.requests;
    await expect(predictor.predict({ a: [1, 2], b: [1] })).rejects.toThrow(/feeds.b must have the same batch size/);
    expect(tfs.stats.requests).toBe(requests);
    tfs.server.script('TfServing', [TfServingStandIn.errorReply(400)]);
    const error = await predictor.predict({ a: [SENTINEL] }).catch((e: unknown) => e);
    expect(isServiceError(error) && error.httpStatusCode).toBe(400);
    expectNoSentinel([], error);
    const missing = new EIPredictorClient({ url: tfs.url, modelName: 'nope', maxRetries: 0 });
    await expect(missing.predict({ a: [1] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('retries a throttled TF Serving call', async () => {
    tfs.server.script('TfServing', [TfServingStandIn.errorReply(429), TfServingStandIn.errorReply(429)]);
    const predictor = new EIPredictorClient({
      transport: new TfServingRestTransport({ url: tfs.url, modelName: 'ssd', ...fast }),
    });
    await expect(predictor.predict({ image_tensor: [[1]] })).resolves.toHaveProperty('detection_classes');
  });

  it('compare reports the warm-up apart and percentiles side by side', async () => {
    const withEi = new EIPredictorClient({ url: tfs.url, modelName: 'ssd' });
    const withoutEi = new EIPredictorClient({ url: slow.url, modelName: 'ssd' });
    const report = await EIPredictorClient.compare({ withEi, withoutEi, feeds: { image_tensor: [[1]] }, runs: 4 });
    expect(report.withEi.runs).toBe(3);
    expect(report.withoutEi.runs).toBe(3);
    expect(report.withEi.warmupMs).toBeGreaterThan(0);
    expect(report.withoutEi.latencyMs.p50).toBeGreaterThan(0);
    expect(Number.isFinite(report.speedupP50)).toBe(true);
    await expect(EIPredictorClient.compare({ withEi, withoutEi, feeds: {}, runs: 1 })).rejects.toThrow(/options.runs/);
  });

  it('talks to a SageMaker TFS endpoint through the real SDK client', async () => {
    const sm = await SageMakerRuntimeStandIn.start();
    const client = new SageMakerRuntimeClient(sm.clientConfig({ maxAttempts: 1 }));
    try {
      // A TFS container answers the whole request object; the stand-in replays such an answer.
      sm.server.script('InvokeEndpoint', [
        throttlingReply(),
        { headers: { 'content-type': 'application/json' }, body: '{"predictions":[{"y":6,"z":NaN}]}' },
      ]);
      const viaSageMaker = new EIPredictorClient({
        endpointName: 'tfs',
        client,
        outputNames: { y: 'y', z: 'z' },
        ...fast,
      });
      await expect(viaSageMaker.predict({ x: [[3]] })).resolves.toEqual({ y: [6], z: [Number.NaN] });
      expect(sm.server.callsOf('InvokeEndpoint').map((c) => c.status)).toEqual([400, 200]);
    } finally {
      client.destroy();
      await sm.close();
    }
  });
});
