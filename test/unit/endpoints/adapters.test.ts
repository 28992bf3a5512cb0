import { DescribeEndpointConfigCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointWithResponseStreamCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import {
  checkEndpointConfigForElasticInference,
  isElasticInferenceUnavailableError,
  SageMakerRuntimeInvoker,
  TfServingRestTransport,
} from '../../../src/endpoints/index.js';
import { isServiceError } from '../../../src/kit/errors.js';
import { expectNoSentinel, SENTINEL } from '../../helpers/sentinel.js';

const enc = (text: string) => new TextEncoder().encode(text);

async function* events(...items: unknown[]) {
  for (const item of items) yield item;
}

describe('checkEndpointConfigForElasticInference (send level)', () => {
  it('refuses a configuration whose variant has an accelerator, with the migration hint', async () => {
    const sm = mockClient(SageMakerClient);
    sm.on(DescribeEndpointConfigCommand).resolves({
      EndpointConfigName: 'legacy',
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm', AcceleratorType: 'ml.eia1.medium' }],
    } as never);
    const error = await checkEndpointConfigForElasticInference({
      endpointConfigName: 'legacy',
      client: new SageMakerClient({}),
    }).catch((e: unknown) => e);
    expect(isElasticInferenceUnavailableError(error)).toBe(true);
    expect(String(error)).toMatch(/Inferentia.*Graviton.*GPU/);
    expect(sm).toHaveReceivedCommandWith(DescribeEndpointConfigCommand, { EndpointConfigName: 'legacy' });
  });

  it('passes a configuration without accelerators and validates the name first', async () => {
    const sm = mockClient(SageMakerClient);
    sm.on(DescribeEndpointConfigCommand).resolves({
      ProductionVariants: [{ VariantName: 'a', ModelName: 'm' }],
    } as never);
    await expect(
      checkEndpointConfigForElasticInference({ endpointConfigName: 'modern', client: new SageMakerClient({}) }),
    ).resolves.toEqual({ variants: 1 });
    await expect(
      checkEndpointConfigForElasticInference({ endpointConfigName: 'bad name', client: new SageMakerClient({}) }),
    ).rejects.toThrow(/options.endpointConfigName must match/);
    expect(sm.commandCalls(DescribeEndpointConfigCommand)).toHaveLength(1);
  });
});

describe('SageMakerRuntimeInvoker.invokeStream (send level)', () => {
  it('yields payload parts, then fails on ModelStreamError with its code but not its message', async () => {
    const sm = mockClient(SageMakerRuntimeClient);
    sm.on(InvokeEndpointWithResponseStreamCommand).resolves({
      Body: events(
        { PayloadPart: { Bytes: enc('{"a"') } },
        { PayloadPart: { Bytes: enc(':1}') } },
        { ModelStreamError: { ErrorCode: 'ModelInvocationTimeExceeded', Message: SENTINEL } },
      ),
      $metadata: {},
    } as never);
    const invoker = new SageMakerRuntimeInvoker({ endpointName: 'llm', client: new SageMakerRuntimeClient({}) });
    const parts: string[] = [];
    const error = await (async () => {
      for await (const part of invoker.invokeStream({ body: enc('{}'), accept: 'application/json' })) {
        parts.push(new TextDecoder().decode(part));
      }
    })().catch((e: unknown) => e);
    expect(parts.join('')).toBe('{"a":1}');
    expect(isServiceError(error) && error.errorName).toBe('ModelStreamError');
    expect(String(error)).toContain('(ModelInvocationTimeExceeded)');
    expectNoSentinel([], error);
    expect(sm).toHaveReceivedCommandWith(InvokeEndpointWithResponseStreamCommand, { Accept: 'application/json' });
  });

  it('reports InternalStreamFailure as retryable and an abort mid-stream as the signal reason', async () => {
    const sm = mockClient(SageMakerRuntimeClient);
    sm.on(InvokeEndpointWithResponseStreamCommand).resolvesOnce({
      Body: events({ InternalStreamFailure: { Message: 'x' } }),
      $metadata: {},
    } as never);
    const invoker = new SageMakerRuntimeInvoker({ endpointName: 'llm', client: new SageMakerRuntimeClient({}) });
    const failure = await invoker
      .invokeStream({ body: enc('{}') })
      [Symbol.asyncIterator]()
      .next()
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ errorName: 'InternalStreamFailure', retryable: true });
    sm.on(InvokeEndpointWithResponseStreamCommand).resolves({
      Body: (async function* () {
        yield { PayloadPart: { Bytes: enc('a') } };
        await new Promise(() => {}); // a stream that never ends
      })(),
      $metadata: {},
    } as never);
    const controller = new AbortController();
    const iterator = invoker.invokeStream({ body: enc('{}') }, { signal: controller.signal })[Symbol.asyncIterator]();
    await iterator.next();
    setTimeout(() => controller.abort(new Error('stop reading')), 5);
    await expect(iterator.next()).rejects.toThrow('stop reading');
  });
});

describe('TfServingRestTransport', () => {
  it('validates its options and maps a network failure to a retryable ServiceError without the URL', async () => {
    expect(() => new TfServingRestTransport({ url: 'ftp://x', modelName: 'm' })).toThrow(/options.url must use http/);
    expect(() => new TfServingRestTransport({ url: 'not a url', modelName: 'm' })).toThrow(/options.url/);
    expect(() => new TfServingRestTransport({ url: 'http://x', modelName: 'a/b' })).toThrow(/options.modelName/);
    expect(() => new TfServingRestTransport({ url: 'http://x', modelName: 'm', version: -1 })).toThrow(
      /options.version/,
    );
    const failing = new TfServingRestTransport({
      url: 'http://tfs.invalid',
      modelName: 'm',
      version: 2,
      maxRetries: 0,
      fetch: async (url) => {
        expect(String(url)).toMatch(/\/v1\/models\/m\/versions\/2:regress$/);
        throw new TypeError(`fetch failed for ${String(url)}`);
      },
    });
    const error = await failing
      .invoke({ body: enc('{}'), customAttributes: 'tfs-method=regress' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServiceError', retryable: true, errorName: 'TypeError' });
    expect((error as Error).message).toBe('TensorFlowServing.regress could not connect');
    await expect(failing.invoke({ body: new Uint8Array(6_291_457) })).rejects.toThrow(/at most 6291456 bytes/);
  });

  it('maps a response body that breaks mid-read to a ServiceError, not the raw fetch error', async () => {
    const broken = new TfServingRestTransport({
      url: 'http://tfs.invalid',
      modelName: 'm',
      maxRetries: 0,
      fetch: async () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              controller.error(new TypeError('terminated: other side closed http://tfs.invalid/secret'));
            },
          }),
        ),
    });
    const error = await broken.invoke({ body: enc('{}') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServiceError', errorName: 'TypeError' });
    expect((error as Error).message).not.toContain('tfs.invalid');
  });
});
