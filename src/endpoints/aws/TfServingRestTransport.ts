/**
 * A TensorFlow Serving REST server as an endpoint transport (plain `fetch`): the method and model are read from
 * the request's `CustomAttributes` (`tfs-method`, `tfs-model-name`) exactly as a SageMaker TFS container would,
 * so the same client code talks to either.
 *
 * @module
 */
import { raceAbort, throwIfAborted, withDeadline } from '../../kit/abort.js';
import { ServiceError, ValidationError } from '../../kit/errors.js';
import { createSafeLogger, type Logger } from '../../kit/log.js';
import type { EndpointTransport, InvokeCallOptions, InvokeRequest, InvokeResponse } from '../EndpointTransport.js';
import { PayloadTooLargeError } from '../errors.js';
import { type EndpointRetryOptions, resolveRetry, withEndpointRetries } from '../retryPolicy.js';
import { parseTfsCustomAttributes } from '../tfServing.js';
import { checkRequestHeaders, checkTimeout } from '../validation.js';

/** Options of {@link TfServingRestTransport}. */
export interface TfServingRestTransportOptions extends EndpointRetryOptions {
  /** Base URL of the REST API, e.g. `http://localhost:8501`. */
  readonly url: string;
  /** The model name (`/v1/models/<name>`), unless a request names another with `tfs-model-name`. */
  readonly modelName: string;
  /** A model version to pin (`/versions/<n>`). Default: the latest. */
  readonly version?: number;
  /** Largest request body. Default 6,291,456 (the SageMaker limit, so code moves between both unchanged). */
  readonly maxPayloadBytes?: number;
  /** Default deadline per call, in ms. */
  readonly timeoutMs?: number;
  /** `fetch` to use. Default the global one. */
  readonly fetch?: typeof fetch;
  /** Receives metadata only. */
  readonly logger?: Logger;
}

/**
 * Talks to TensorFlow Serving's REST API.
 *
 * @example
 * ```ts
 * const transport = new TfServingRestTransport({ url: 'http://localhost:8501', modelName: 'ssd_resnet50' });
 * const predictor = new EIPredictorClient({ transport });
 * ```
 */
export class TfServingRestTransport implements EndpointTransport {
  /** The model name. */
  readonly target: string;
  /** Largest request body. */
  readonly maxPayloadBytes: number;
  readonly #url: string;
  readonly #version: number | undefined;
  readonly #fetch: typeof fetch;
  readonly #retry: Required<EndpointRetryOptions>;
  readonly #timeoutMs: number | undefined;
  readonly #logger: Logger;

  /**
   * @throws ValidationError for a URL that is not http(s), a bad model name, version, limit or timeout.
   */
  constructor(options: TfServingRestTransportOptions) {
    if (options === null || typeof options !== 'object') throw new ValidationError('options', 'must be an object');
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new ValidationError('options.url', 'must be an absolute http(s) URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ValidationError('options.url', `must use http or https, got ${url.protocol}`);
    }
    this.#url = url.href.replace(/\/+$/, '');
    if (typeof options.modelName !== 'string' || !/^[\w.-]{1,128}$/.test(options.modelName)) {
      throw new ValidationError('options.modelName', 'must be 1 to 128 letters, digits, "_", "." or "-"');
    }
    this.target = options.modelName;
    if (options.version !== undefined && (!Number.isInteger(options.version) || options.version < 0)) {
      throw new ValidationError('options.version', `must be a non-negative integer, got ${options.version}`);
    }
    this.#version = options.version;
    this.maxPayloadBytes = options.maxPayloadBytes ?? 6_291_456;
    if (!Number.isInteger(this.maxPayloadBytes) || this.maxPayloadBytes < 1) {
      throw new ValidationError('options.maxPayloadBytes', `must be a positive integer, got ${this.maxPayloadBytes}`);
    }
    this.#fetch = options.fetch ?? fetch;
    this.#retry = resolveRetry(options);
    this.#timeoutMs = checkTimeout(options.timeoutMs, 'options.timeoutMs');
    this.#logger = createSafeLogger(options.logger);
  }

  /**
   * POSTs the body to `/v1/models/<model>[/versions/<v>]:<method>`.
   *
   * @example
   * ```ts
   * const response = await transport.invoke({ body, contentType: 'application/json', customAttributes: 'tfs-method=classify' });
   * ```
   */
  async invoke(request: InvokeRequest, options: InvokeCallOptions = {}): Promise<InvokeResponse> {
    if (request === null || typeof request !== 'object') throw new ValidationError('request', 'must be an object');
    if (!(request.body instanceof Uint8Array)) throw new ValidationError('request.body', 'must be a Uint8Array');
    if (request.body.byteLength > this.maxPayloadBytes) {
      throw new PayloadTooLargeError('request.body', request.body.byteLength, this.maxPayloadBytes);
    }
    checkRequestHeaders(request, 'request');
    const signal = withDeadline(
      options.signal,
      checkTimeout(options.timeoutMs, 'options.timeoutMs') ?? this.#timeoutMs,
    );
    throwIfAborted(signal);
    const { method, modelName } = parseTfsCustomAttributes(request.customAttributes);
    const model = modelName ?? this.target;
    const version = this.#version === undefined ? '' : `/versions/${this.#version}`;
    const url = `${this.#url}/v1/models/${encodeURIComponent(model)}${version}:${method}`;
    const operation = method;
    return withEndpointRetries(
      async () => {
        const startedAt = performance.now();
        let response: Response | undefined;
        let body: Uint8Array;
        try {
          response = await raceAbort(
            this.#fetch(url, {
              method: 'POST',
              headers: { 'content-type': request.contentType ?? 'application/json' },
              body: request.body as Uint8Array<ArrayBuffer>,
              ...(signal ? { signal } : {}),
            }),
            signal,
          );
          body = new Uint8Array(await raceAbort(response.arrayBuffer(), signal));
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          // A network failure: the message can hold the URL only, but we keep just the error's type.
          const failure = response === undefined ? 'could not connect' : 'lost the connection reading the response';
          throw new ServiceError(`TensorFlowServing.${operation} ${failure}`, {
            service: 'TensorFlowServing',
            operation,
            errorName: error instanceof Error ? error.name : 'NetworkError',
            retryable: true,
            cause: error,
          });
        }
        const durationMs = Math.round(performance.now() - startedAt);
        if (!response.ok) {
          const status = response.status;
          this.#logger.warn('call failed', {
            service: 'TensorFlowServing',
            operation,
            httpStatusCode: status,
            durationMs,
          });
          // TF Serving's `{"error": …}` may quote the input, so only the status is reported.
          throw new ServiceError(`TensorFlowServing.${operation} failed with HTTP ${status}`, {
            service: 'TensorFlowServing',
            operation,
            errorName: status === 429 ? 'ThrottlingException' : `Http${status}`,
            httpStatusCode: status,
            retryable: status === 429 || status >= 500,
            code: status === 429 ? 'THROTTLED' : status === 404 ? 'NOT_FOUND' : 'SERVICE',
          });
        }
        this.#logger.debug('call succeeded', {
          service: 'TensorFlowServing',
          operation,
          bytes: request.body.byteLength,
          durationMs,
        });
        return {
          body,
          contentType: response.headers.get('content-type') ?? undefined,
          customAttributes: undefined,
          invokedProductionVariant: undefined,
          requestId: undefined,
        };
      },
      this.#retry,
      { signal, logger: this.#logger, operation },
    );
  }
}
