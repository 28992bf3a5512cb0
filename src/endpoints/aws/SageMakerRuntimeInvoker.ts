/**
 * The SageMaker runtime invoker: `InvokeEndpoint` and `InvokeEndpointWithResponseStream` through kit's
 * `callService`, with the payload limit and header rules checked before sending, retries by error class, a
 * deadline, and an abort that wins even over a client that ignores `abortSignal`.
 *
 * @module
 */
import type {
  InvokeEndpointOutput,
  InvokeEndpointWithResponseStreamOutput,
  SageMakerRuntimeClient,
  SageMakerRuntimeClientConfig,
} from '@aws-sdk/client-sagemaker-runtime';
import { raceAbort, throwIfAborted, withDeadline } from '../../kit/abort.js';
import type { ClientOptions, LazyClient, SendableClient } from '../../kit/clients.js';
import { isServiceError, ServiceError, ValidationError } from '../../kit/errors.js';
import { createSafeLogger, type Logger } from '../../kit/log.js';
import { callService, toServiceError } from '../../kit/service-call.js';
import type { EndpointTransport, InvokeCallOptions, InvokeRequest, InvokeResponse } from '../EndpointTransport.js';
import { ModelInvocationError, PayloadTooLargeError } from '../errors.js';
import { SAGEMAKER_RUNTIME_LIMITS, type SageMakerRuntimeLimits } from '../limits.js';
import { type EndpointRetryOptions, resolveRetry, withEndpointRetries } from '../retryPolicy.js';
import { checkEndpointName, checkRequestHeaders, checkTimeout } from '../validation.js';
import { loadSageMakerRuntime, sageMakerRuntimeClient } from './sagemakerRuntimeClient.js';

/** Settings of {@link SageMakerRuntimeInvoker} besides the client. */
export interface SageMakerRuntimeInvokerSettings extends EndpointRetryOptions {
  /** The endpoint to invoke. */
  readonly endpointName: string;
  /** Overrides of {@link SAGEMAKER_RUNTIME_LIMITS} (e.g. 4 MB for a serverless endpoint). */
  readonly limits?: Partial<SageMakerRuntimeLimits>;
  /** Default deadline per call (retries included), in ms. Default: none. */
  readonly timeoutMs?: number;
  /** Receives metadata only. Never handed to the SDK client. */
  readonly logger?: Logger;
}

/** Options of {@link SageMakerRuntimeInvoker}: `{ client }` or `{ clientConfig }`, plus settings. */
export type SageMakerRuntimeInvokerOptions = ClientOptions<SageMakerRuntimeClient, SageMakerRuntimeClientConfig> &
  SageMakerRuntimeInvokerSettings;

/** The fields of the SDK's `ModelError` that are safe to report (never `OriginalMessage`: it may quote input). */
interface ModelErrorDetails {
  logStreamArn?: string | undefined;
  originalStatusCode?: number | undefined;
}

/**
 * Invokes one SageMaker endpoint.
 *
 * @example
 * ```ts
 * import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
 * const invoker = new SageMakerRuntimeInvoker({ endpointName: 'bert-inf1', client: new SageMakerRuntimeClient({}) });
 * const { body } = await invoker.invoke({ body: new TextEncoder().encode('[[1,2,3]]'), contentType: 'application/json' });
 * ```
 */
export class SageMakerRuntimeInvoker implements EndpointTransport {
  /** The endpoint name. */
  readonly target: string;
  /** Largest request body of `InvokeEndpoint`. */
  readonly maxPayloadBytes: number;
  readonly #maxStreamPayloadBytes: number;
  readonly #client: LazyClient<SageMakerRuntimeClient, SageMakerRuntimeClientConfig>;
  readonly #retry: Required<EndpointRetryOptions>;
  readonly #timeoutMs: number | undefined;
  readonly #logger: Logger;

  /**
   * @throws ValidationError for a bad endpoint name, limits, retries or timeout, or both `client` and `clientConfig`.
   */
  constructor(options: SageMakerRuntimeInvokerOptions) {
    if (options === null || typeof options !== 'object') throw new ValidationError('options', 'must be an object');
    this.target = checkEndpointName(options.endpointName, 'options.endpointName');
    const limits = { ...SAGEMAKER_RUNTIME_LIMITS, ...options.limits };
    for (const key of ['maxPayloadBytes', 'maxStreamPayloadBytes'] as const) {
      if (!Number.isInteger(limits[key]) || limits[key] < 1) {
        throw new ValidationError(`options.limits.${key}`, `must be a positive integer, got ${limits[key]}`);
      }
    }
    this.maxPayloadBytes = limits.maxPayloadBytes;
    this.#maxStreamPayloadBytes = limits.maxStreamPayloadBytes;
    this.#retry = resolveRetry(options);
    this.#timeoutMs = checkTimeout(options.timeoutMs, 'options.timeoutMs');
    this.#logger = createSafeLogger(options.logger);
    this.#client = sageMakerRuntimeClient(options, 'SageMakerRuntimeInvoker');
  }

  /**
   * `InvokeEndpoint`: sends the body, retries throttling and `ModelNotReadyException`, reports `ModelError` as a
   * {@link ModelInvocationError} with its log stream.
   *
   * @example
   * ```ts
   * const response = await invoker.invoke({ body, contentType: 'text/csv', accept: 'text/csv' }, { timeoutMs: 5_000 });
   * ```
   */
  async invoke(request: InvokeRequest, options: InvokeCallOptions = {}): Promise<InvokeResponse> {
    this.#check(request, this.maxPayloadBytes);
    const { signal, client, sdk } = await this.#open(options);
    const input = { EndpointName: this.target, Body: request.body, ...headerInput(request) };
    const output = await withEndpointRetries(
      () =>
        this.#send<InvokeEndpointOutput>(client, new sdk.InvokeEndpointCommand(input), 'InvokeEndpoint', signal, {
          bytes: request.body.byteLength,
        }),
      this.#retry,
      { signal, logger: this.#logger, operation: 'InvokeEndpoint' },
    );
    return {
      body: output.Body ?? new Uint8Array(),
      contentType: output.ContentType,
      customAttributes: output.CustomAttributes,
      invokedProductionVariant: output.InvokedProductionVariant,
      requestId: (output as { $metadata?: { requestId?: string } }).$metadata?.requestId,
    };
  }

  /**
   * `InvokeEndpointWithResponseStream`: yields the body in parts as the container writes them. Part boundaries
   * are arbitrary (they may split a UTF-8 character or a JSON line). Opening the stream is retried like
   * `invoke`; a failure mid-stream (`ModelStreamError`, `InternalStreamFailure`) is not.
   *
   * @example
   * ```ts
   * const decoder = new TextDecoder();
   * for await (const part of invoker.invokeStream({ body, contentType: 'application/json' })) {
   *   process.stdout.write(decoder.decode(part, { stream: true }));
   * }
   * ```
   */
  async *invokeStream(request: InvokeRequest, options: InvokeCallOptions = {}): AsyncGenerator<Uint8Array> {
    this.#check(request, this.#maxStreamPayloadBytes);
    if (request.targetModel !== undefined) {
      throw new ValidationError('request.targetModel', 'is not supported by InvokeEndpointWithResponseStream');
    }
    const { signal, client, sdk } = await this.#open(options);
    const { accept, ...headers } = headerInput(request);
    const input = {
      EndpointName: this.target,
      Body: request.body,
      ...headers,
      ...(accept === undefined ? {} : { Accept: accept }),
    };
    const operation = 'InvokeEndpointWithResponseStream';
    const output = await withEndpointRetries(
      () =>
        this.#send<InvokeEndpointWithResponseStreamOutput>(
          client,
          new sdk.InvokeEndpointWithResponseStreamCommand(input),
          operation,
          signal,
          { bytes: request.body.byteLength },
        ),
      this.#retry,
      { signal, logger: this.#logger, operation },
    );
    const events = output.Body;
    if (!events) return;
    const iterator = events[Symbol.asyncIterator]();
    try {
      for (;;) {
        let next: IteratorResult<typeof events extends AsyncIterable<infer E> ? E : never>;
        try {
          next = await raceAbort(iterator.next(), signal);
        } catch (error) {
          throw this.#streamFailure(error, signal);
        }
        if (next.done) return;
        const event = next.value as {
          PayloadPart?: { Bytes?: Uint8Array };
          ModelStreamError?: { ErrorCode?: string };
          InternalStreamFailure?: unknown;
        };
        if (event.PayloadPart?.Bytes) yield event.PayloadPart.Bytes;
        else if (event.ModelStreamError) throw streamError('ModelStreamError', event.ModelStreamError.ErrorCode, false);
        else if (event.InternalStreamFailure) throw streamError('InternalStreamFailure', undefined, true);
      }
    } finally {
      // Stop reading the socket when the consumer breaks out early or we fail.
      void iterator.return?.().catch(() => {});
    }
  }

  /**
   * Destroys the client if this invoker created it.
   *
   * @example
   * ```ts
   * invoker.destroy();
   * ```
   */
  destroy(): void {
    this.#client.destroy();
  }

  /** The call's signal (caller's signal plus deadline), then the client and SDK module, both raced against it. */
  async #open(options: InvokeCallOptions) {
    const signal = withDeadline(
      options.signal,
      checkTimeout(options.timeoutMs, 'options.timeoutMs') ?? this.#timeoutMs,
    );
    throwIfAborted(signal);
    const [client, sdk] = await raceAbort(
      Promise.all([this.#client.get(), loadSageMakerRuntime('SageMakerRuntimeInvoker')]),
      signal,
    );
    return { signal, client, sdk };
  }

  #check(request: InvokeRequest, limit: number): void {
    if (request === null || typeof request !== 'object') throw new ValidationError('request', 'must be an object');
    if (!(request.body instanceof Uint8Array)) throw new ValidationError('request.body', 'must be a Uint8Array');
    if (request.body.byteLength > limit) throw new PayloadTooLargeError('request.body', request.body.byteLength, limit);
    checkRequestHeaders(request, 'request');
  }

  async #send<Output>(
    client: SendableClient,
    command: unknown,
    operation: string,
    signal: AbortSignal | undefined,
    meta: Record<string, unknown>,
  ): Promise<Output> {
    let details: ModelErrorDetails | undefined;
    const probe: SendableClient = {
      send: (cmd, sendOptions) =>
        // Wrapped: a test double may return a plain value or throw synchronously.
        (async () => client.send(cmd, sendOptions))().catch((error: unknown) => {
          const e = error as { name?: unknown; LogStreamArn?: unknown; OriginalStatusCode?: unknown } | null;
          if (e?.name === 'ModelError') {
            details = {
              logStreamArn: typeof e.LogStreamArn === 'string' ? e.LogStreamArn : undefined,
              originalStatusCode: typeof e.OriginalStatusCode === 'number' ? e.OriginalStatusCode : undefined,
            };
          }
          throw error;
        }),
    };
    try {
      return await callService<Output>(probe, command, {
        service: 'SageMakerRuntime',
        operation,
        signal,
        logger: this.#logger,
        meta,
      });
    } catch (error) {
      if (details && isServiceError(error) && error.errorName === 'ModelError') {
        this.#logger.warn('model error', { operation, status: String(details.originalStatusCode ?? 'unknown') });
        throw new ModelInvocationError(this.target, details, {
          operation,
          requestId: error.requestId,
          cause: error,
        });
      }
      throw error;
    }
  }

  #streamFailure(error: unknown, signal: AbortSignal | undefined): unknown {
    if (signal?.aborted) return signal.reason;
    if (isServiceError(error)) return error;
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'ModelStreamError') {
      return streamError('ModelStreamError', (error as { ErrorCode?: string }).ErrorCode, false);
    }
    // Only a plain identifier is repeated: a name, like a message, may quote the request.
    const { errorName } = toServiceError(error, {
      service: 'SageMakerRuntime',
      operation: 'InvokeEndpointWithResponseStream',
    });
    return streamError(
      errorName === undefined || errorName === 'UnknownError' ? 'StreamBroken' : errorName,
      undefined,
      true,
    );
  }
}

function streamError(errorName: string, errorCode: string | undefined, retryable: boolean): ServiceError {
  const code = errorCode && /^\w{1,64}$/.test(errorCode) ? ` (${errorCode})` : '';
  return new ServiceError(
    `SageMakerRuntime.InvokeEndpointWithResponseStream failed mid-stream with ${errorName}${code}`,
    {
      service: 'SageMakerRuntime',
      operation: 'InvokeEndpointWithResponseStream',
      errorName,
      retryable,
    },
  );
}

function headerInput(request: InvokeRequest): Record<string, string> {
  const input: Record<string, string> = {};
  const map = [
    ['contentType', 'ContentType'],
    ['accept', 'Accept'],
    ['customAttributes', 'CustomAttributes'],
    ['targetModel', 'TargetModel'],
    ['targetVariant', 'TargetVariant'],
    ['inferenceComponentName', 'InferenceComponentName'],
    ['inferenceId', 'InferenceId'],
  ] as const;
  for (const [from, to] of map) {
    const value = request[from];
    if (value !== undefined) input[to] = value;
  }
  return input;
}
