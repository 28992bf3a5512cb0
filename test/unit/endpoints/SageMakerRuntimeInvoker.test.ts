import {
  InvokeEndpointCommand,
  ModelError,
  ModelNotReadyException,
  SageMakerRuntimeClient,
  SageMakerRuntimeServiceException,
} from '@aws-sdk/client-sagemaker-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import {
  EIPredictorClient,
  isModelInvocationError,
  isPayloadTooLargeError,
  NeuronEndpointClient,
  SageMakerRuntimeInvoker,
} from '../../../src/endpoints/index.js';
import { isServiceError } from '../../../src/kit/errors.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';

const enc = (text: string) => new TextEncoder().encode(text);
const dec = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const fast = { backoff: { initialDelayMs: 1, maxDelayMs: 2 } };
const meta = (status: number) => ({ httpStatusCode: status, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 });

function throttling(): Error {
  return new SageMakerRuntimeServiceException({
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: meta(400),
    message: '',
  });
}

describe('SageMakerRuntimeInvoker (send level)', () => {
  it('sends the body with its headers and returns our response shape', async () => {
    const sm = mockClient(SageMakerRuntimeClient);
    sm.on(InvokeEndpointCommand).resolves({
      Body: enc('[2]') as never,
      ContentType: 'application/json',
      InvokedProductionVariant: 'AllTraffic',
      CustomAttributes: 'echo',
      $metadata: { requestId: 'r-9' },
    });
    const invoker = new SageMakerRuntimeInvoker({ endpointName: 'bert-inf1', client: new SageMakerRuntimeClient({}) });
    const response = await invoker.invoke({
      body: enc('[1]'),
      contentType: 'application/json',
      accept: 'application/json',
      customAttributes: 'tfs-method=classify',
      targetModel: 'a.tar.gz',
      targetVariant: 'blue',
      inferenceComponentName: 'ic',
      inferenceId: 'id-1',
    });
    expect(dec(response.body)).toBe('[2]');
    expect(response).toMatchObject({
      contentType: 'application/json',
      invokedProductionVariant: 'AllTraffic',
      customAttributes: 'echo',
      requestId: 'r-9',
    });
    expect(sm).toHaveReceivedCommandWith(InvokeEndpointCommand, {
      EndpointName: 'bert-inf1',
      ContentType: 'application/json',
      Accept: 'application/json',
      CustomAttributes: 'tfs-method=classify',
      TargetModel: 'a.tar.gz',
      TargetVariant: 'blue',
      InferenceComponentName: 'ic',
      InferenceId: 'id-1',
    });
  });

  it('checks the 6 MiB payload limit and the header rules before sending', async () => {
    const sm = mockClient(SageMakerRuntimeClient);
    const invoker = new SageMakerRuntimeInvoker({ endpointName: 'ep', client: new SageMakerRuntimeClient({}) });
    const tooLarge = await invoker.invoke({ body: new Uint8Array(6_291_457) }).catch((e: unknown) => e);
    expect(isPayloadTooLargeError(tooLarge)).toBe(true);
    expect(String(tooLarge)).toContain(
      'request.body must be at most 6291456 bytes (the InvokeEndpoint payload limit), got 6291457',
    );
    await expect(invoker.invoke({ body: enc('x'), customAttributes: 'é' })).rejects.toThrow(
      /request.customAttributes must be 1 to 1024 visible US-ASCII/,
    );
    await expect(invoker.invoke({ body: enc('x'), inferenceId: 'x'.repeat(65) })).rejects.toThrow(
      /request.inferenceId must be 1 to 64/,
    );
    await expect(invoker.invoke({ body: 'x' as never })).rejects.toThrow(/request.body must be a Uint8Array/);
    expect(sm.calls()).toHaveLength(0);
    expect(
      () => new SageMakerRuntimeInvoker({ endpointName: 'bad_name', client: new SageMakerRuntimeClient({}) }),
    ).toThrow(/options.endpointName must match/);
    expect(() => new SageMakerRuntimeInvoker({ endpointName: 'ep', maxRetries: -1 })).toThrow(/options.maxRetries/);
    expect(() => new SageMakerRuntimeInvoker({ endpointName: 'ep', timeoutMs: 0 })).toThrow(/options.timeoutMs/);
    expect(() => new SageMakerRuntimeInvoker({ endpointName: 'ep', limits: { maxPayloadBytes: 0 } })).toThrow(
      /limits.maxPayloadBytes/,
    );
  });

  it('retries throttling and ModelNotReadyException with backoff, then succeeds', async () => {
    const sm = mockClient(SageMakerRuntimeClient);
    sm.on(InvokeEndpointCommand)
      .rejectsOnce(throttling())
      .rejectsOnce(new ModelNotReadyException({ $metadata: meta(429), message: 'loading' }))
      .resolves({ Body: enc('ok') as never, $metadata: {} });
    const invoker = new SageMakerRuntimeInvoker({
      endpointName: 'ep',
      client: new SageMakerRuntimeClient({}),
      ...fast,
    });
    expect(dec((await invoker.invoke({ body: enc('x') })).body)).toBe('ok');
    expect(sm.commandCalls(InvokeEndpointCommand)).toHaveLength(3);
  });

  it('gives up after maxRetries with the ServiceError', async () => {
    const sm = mockClient(SageMakerRuntimeClient);
    sm.on(InvokeEndpointCommand).rejects(throttling());
    const invoker = new SageMakerRuntimeInvoker({
      endpointName: 'ep',
      client: new SageMakerRuntimeClient({}),
      maxRetries: 2,
      ...fast,
    });
    const error = await invoker.invoke({ body: enc('x') }).catch((e: unknown) => e);
    expect(isServiceError(error) && error.code).toBe('THROTTLED');
    expect(sm.commandCalls(InvokeEndpointCommand)).toHaveLength(3);
  });

  it('does not retry ModelError 424 and reports its log stream, never the container message', async () => {
    const sm = mockClient(SageMakerRuntimeClient);
    const logStreamArn = 'arn:aws:logs:us-east-1:1:log-group:/aws/sagemaker/Endpoints/ep:log-stream:AllTraffic/i-1';
    sm.on(InvokeEndpointCommand).rejects(
      new ModelError({
        $metadata: meta(424),
        message: `container said ${SENTINEL}`,
        OriginalStatusCode: 500,
        OriginalMessage: `bad input ${SENTINEL}`,
        LogStreamArn: logStreamArn,
      }),
    );
    const logger = recordingLogger();
    const invoker = new SageMakerRuntimeInvoker({
      endpointName: 'ep',
      client: new SageMakerRuntimeClient({}),
      logger,
      ...fast,
    });
    const error = await invoker.invoke({ body: enc(SENTINEL) }).catch((e: unknown) => e);
    expect(isModelInvocationError(error)).toBe(true);
    expect(isServiceError(error)).toBe(true);
    expect(error).toMatchObject({
      logStreamArn,
      originalStatusCode: 500,
      retryable: false,
      errorName: 'ModelError',
      httpStatusCode: 424,
    });
    expect(String(error)).toContain(logStreamArn);
    expect(sm.commandCalls(InvokeEndpointCommand)).toHaveLength(1);
    expectNoSentinel(logger.lines, error);
  });

  it('an abort wins even over a client that ignores abortSignal', async () => {
    const hanging = { send: () => new Promise<never>(() => {}) } as unknown as SageMakerRuntimeClient;
    const invoker = new SageMakerRuntimeInvoker({ endpointName: 'ep', client: hanging });
    const controller = new AbortController();
    const pending = invoker.invoke({ body: enc('x') }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user cancel')), 5);
    await expect(pending).rejects.toThrow('user cancel');
    await expect(invoker.invoke({ body: enc('x') }, { timeoutMs: 10 })).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('NeuronEndpointClient and EIPredictorClient (send level)', () => {
  it('NeuronEndpointClient batches through the invoker and keeps the payload out of logs and errors', async () => {
    const sm = mockClient(SageMakerRuntimeClient);
    sm.on(InvokeEndpointCommand).callsFake((input: { Body: Uint8Array }) => {
      const items = JSON.parse(dec(input.Body)) as string[];
      return { Body: enc(JSON.stringify(items.map((s) => s.length))), $metadata: {} };
    });
    const logger = recordingLogger();
    const client = new NeuronEndpointClient<string, number>({
      endpointName: 'ep',
      client: new SageMakerRuntimeClient({}),
      maxQueueDelayMs: 60_000,
      logger,
    });
    const pending = Promise.all([SENTINEL, 'ab', 'abc'].map((s) => client.predict(s)));
    void client.flush();
    const answers = await pending;
    expect(answers).toEqual([SENTINEL.length, 2, 3]);
    expect(sm.commandCalls(InvokeEndpointCommand)).toHaveLength(1);
    sm.on(InvokeEndpointCommand).rejects(
      new ModelError({ $metadata: meta(424), message: SENTINEL, OriginalMessage: SENTINEL }),
    );
    const failed = client.predict(SENTINEL).catch((e: unknown) => e);
    void client.flush();
    const error = await failed;
    expect(isModelInvocationError(error)).toBe(true);
    expectNoSentinel(logger.lines, error);
    expect(client.metrics()).toMatchObject({ count: 3, errors: 1, requests: 2 });
    client.destroy();
  });

  it('EIPredictorClient sends tfs-method and tfs-model-name as CustomAttributes to a SageMaker TFS endpoint', async () => {
    const sm = mockClient(SageMakerRuntimeClient);
    sm.on(InvokeEndpointCommand).resolves({ Body: enc('{"results":[[["cat",0.9]]]}') as never, $metadata: {} });
    const predictor = new EIPredictorClient({
      endpointName: 'tfs',
      client: new SageMakerRuntimeClient({}),
      modelName: 'iris',
    });
    expect(await predictor.classify([{ x: 1 }])).toEqual([[['cat', 0.9]]]);
    expect(sm).toHaveReceivedCommandWith(InvokeEndpointCommand, {
      EndpointName: 'tfs',
      CustomAttributes: 'tfs-method=classify,tfs-model-name=iris',
      ContentType: 'application/json',
    });
    predictor.destroy();
  });
});
