import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EIPredictorClient, NeuronEndpointClient } from '../../../src/endpoints/index.js';
import {
  modelErrorReply,
  SageMakerRuntimeStandIn,
  TfServingStandIn,
  throttlingReply,
} from '../../../src/testing/index.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';

const fast = { backoff: { initialDelayMs: 1, maxDelayMs: 2 } };

describe('endpoints: the payload sentinel never reaches logs or errors', () => {
  let sm: SageMakerRuntimeStandIn;
  let tfs: TfServingStandIn;
  let client: SageMakerRuntimeClient;
  beforeAll(async () => {
    sm = await SageMakerRuntimeStandIn.start();
    tfs = await TfServingStandIn.start({ models: ['m'] });
    client = new SageMakerRuntimeClient(sm.clientConfig({ maxAttempts: 1 }));
  });
  afterAll(async () => {
    client.destroy();
    await sm.close();
    await tfs.close();
  });

  it('NeuronEndpointClient: success, throttling retry, ModelError, abort, bad input', async () => {
    const logger = recordingLogger();
    const neuron = new NeuronEndpointClient<{ text: string }, { text: string }>({
      endpointName: 'ep',
      client,
      logger,
      maxQueueDelayMs: 1,
      ...fast,
    });
    await expect(neuron.predict({ text: SENTINEL })).resolves.toEqual({ text: SENTINEL });
    sm.server.script('InvokeEndpoint', [throttlingReply(), modelErrorReply()]);
    const modelError = await neuron.predict({ text: SENTINEL }).catch((e: unknown) => e);
    const aborted = await neuron
      .predict({ text: SENTINEL }, { signal: AbortSignal.abort(new Error('cancelled')) })
      .catch((e: unknown) => e);
    const invalid = await neuron.predict({ text: SENTINEL, n: Number.NaN } as never).catch((e: unknown) => e);
    expect(String(invalid)).toContain('item.n must be a finite number');
    expect(logger.lines.length).toBeGreaterThan(2);
    expectNoSentinel(logger.lines, modelError, aborted, invalid);
  });

  it('EIPredictorClient: success and TF Serving error, over TF Serving and over SageMaker', async () => {
    const logger = recordingLogger();
    const direct = new EIPredictorClient({ url: tfs.url, modelName: 'm', logger, maxRetries: 0 });
    await expect(direct.predict({ text: [SENTINEL] })).resolves.toEqual({ predictions: [SENTINEL] });
    tfs.server.script('TfServing', [TfServingStandIn.errorReply(400)]);
    const tfsError = await direct.predict({ text: [SENTINEL] }).catch((e: unknown) => e);
    sm.server.script('InvokeEndpoint', [modelErrorReply()]);
    const viaSageMaker = new EIPredictorClient({ endpointName: 'tfs', client, logger, maxRetries: 0 });
    const smError = await viaSageMaker.predict({ text: [SENTINEL] }).catch((e: unknown) => e);
    expect(logger.lines.length).toBeGreaterThan(1);
    expectNoSentinel(logger.lines, tfsError, smError);
  });
});
