/**
 * A local SageMaker runtime endpoint (`InvokeEndpoint`, `InvokeEndpointWithResponseStream`) that a real
 * `SageMakerRuntimeClient` can talk to. It simulates a model server: scripted latency per batch size, a
 * compiled-shape check (a Neuron model fails on a batch size or sequence length it was not compiled for),
 * throttling and `ModelNotReadyException` sequences, and `ModelError` 424 with a log stream ARN. It runs no model:
 * each item is answered by a function you give (default: the item itself).
 *
 * @module
 */
import { encodeEventStreamMessage } from './eventStreamMessages.js';
import { awsError, type StandInClientConfig, type StandInReply, StandInServer } from './StandInServer.js';

/** Options of {@link SageMakerRuntimeStandIn.start}. */
export interface SageMakerRuntimeStandInOptions {
  /** Answers one item of a JSON / JSON Lines batch. Default: echoes the item. */
  readonly predict?: (item: unknown, index: number) => unknown;
  /** Server latency per request, in ms: a number, or a function of the batch size. Default 0. */
  readonly latencyMs?: number | ((batchSize: number) => number);
  /** Batch sizes the simulated model was compiled for; other sizes fail with `ModelError`. */
  readonly compiledBatchSizes?: readonly number[];
  /** Sequence length the model was compiled for; items (arrays, or objects of arrays) of another length fail. */
  readonly compiledSequenceLength?: number;
  /** Endpoint names that exist. Default: any. */
  readonly endpoints?: readonly string[];
  /** Log stream reported with `ModelError`. */
  readonly logStreamArn?: string;
  /** Bytes per `PayloadPart` of the streaming operation. Default 7 (small, so parts split characters and lines). */
  readonly streamPartBytes?: number;
  /** Region of the client configuration. Default `us-east-1`. */
  readonly region?: string;
}

/** What the stand-in saw (sizes and counts only). */
export interface SageMakerRuntimeStandInStats {
  /** Requests received. */
  requests: number;
  /** Batch size of each answered JSON/JSON Lines/CSV request, in arrival order. */
  readonly batchSizes: number[];
  /** Most requests being processed at once. */
  maxConcurrent: number;
  /** Requests answered with `ModelError`. */
  modelErrors: number;
  /** Largest request body, in bytes. */
  maxRequestBytes: number;
}

const DEFAULT_LOG_STREAM =
  'arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/stand-in:log-stream:AllTraffic/i-0standin';

/**
 * A `ModelError` (HTTP 424) reply, as SageMaker sends when the container answers with an error.
 *
 * @example
 * ```ts
 * standIn.server.script('InvokeEndpoint', [modelErrorReply({ originalStatusCode: 500 })]);
 * ```
 */
export function modelErrorReply(options: { originalStatusCode?: number; logStreamArn?: string } = {}): StandInReply {
  return {
    status: 424,
    headers: { 'x-amzn-errortype': 'ModelError:http://internal.amazon.com/coral/com.amazonaws.sagemaker/' },
    json: {
      Message: 'Received client error from primary with message "stand-in". See the log stream.',
      OriginalStatusCode: options.originalStatusCode ?? 400,
      OriginalMessage: 'stand-in model error',
      LogStreamArn: options.logStreamArn ?? DEFAULT_LOG_STREAM,
    },
  };
}

/**
 * A `ThrottlingException` reply (HTTP 400, as SageMaker sends it).
 *
 * @example
 * ```ts
 * standIn.server.script('InvokeEndpoint', [throttlingReply(), throttlingReply()]);
 * ```
 */
export function throttlingReply(): StandInReply {
  return awsError('ThrottlingException', 400, 'Rate exceeded');
}

/**
 * A `ModelNotReadyException` reply (HTTP 429: serverless cold start, multi-model endpoint loading the model).
 *
 * @example
 * ```ts
 * standIn.server.script('InvokeEndpoint', [modelNotReadyReply()]);
 * ```
 */
export function modelNotReadyReply(): StandInReply {
  return awsError('ModelNotReadyException', 429, 'Model is not ready');
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * A local SageMaker runtime endpoint.
 *
 * @example
 * ```ts
 * const standIn = await SageMakerRuntimeStandIn.start({ compiledBatchSizes: [1, 6], latencyMs: (n) => 5 + n });
 * const client = new SageMakerRuntimeClient(standIn.clientConfig());
 * // …
 * await standIn.close();
 * ```
 */
export class SageMakerRuntimeStandIn {
  /** The underlying server, for fault scripts (`standIn.server.script('InvokeEndpoint', [throttlingReply()])`). */
  readonly server: StandInServer;
  /** What the stand-in has seen. */
  readonly stats: SageMakerRuntimeStandInStats = {
    requests: 0,
    batchSizes: [],
    maxConcurrent: 0,
    modelErrors: 0,
    maxRequestBytes: 0,
  };
  readonly #options: SageMakerRuntimeStandInOptions;
  #inFlight = 0;

  private constructor(server: StandInServer, options: SageMakerRuntimeStandInOptions) {
    this.server = server;
    this.#options = options;
  }

  /**
   * Starts the stand-in on an ephemeral loopback port.
   *
   * @example
   * ```ts
   * const standIn = await SageMakerRuntimeStandIn.start({ latencyMs: 10 });
   * ```
   */
  static async start(options: SageMakerRuntimeStandInOptions = {}): Promise<SageMakerRuntimeStandIn> {
    const server = await StandInServer.start(options.region === undefined ? {} : { region: options.region });
    const standIn = new SageMakerRuntimeStandIn(server, options);
    server.route('POST', '/endpoints/{EndpointName}/invocations', 'InvokeEndpoint', (request) =>
      standIn.#answer(request.params.EndpointName!, request.headers, request.body, false),
    );
    server.route(
      'POST',
      '/endpoints/{EndpointName}/invocations-response-stream',
      'InvokeEndpointWithResponseStream',
      (request) => standIn.#answer(request.params.EndpointName!, request.headers, request.body, true),
    );
    return standIn;
  }

  /**
   * SDK client configuration pointing at the stand-in.
   *
   * @example
   * ```ts
   * const client = new SageMakerRuntimeClient(standIn.clientConfig({ maxAttempts: 1 }));
   * ```
   */
  clientConfig(options: { maxAttempts?: number } = {}): StandInClientConfig {
    return this.server.clientConfig(options);
  }

  /**
   * Stops the server.
   *
   * @example
   * ```ts
   * await standIn.close();
   * ```
   */
  close(): Promise<void> {
    return this.server.close();
  }

  async #answer(
    endpoint: string,
    headers: Readonly<Record<string, string | string[] | undefined>>,
    body: Uint8Array,
    stream: boolean,
  ): Promise<StandInReply> {
    this.stats.requests++;
    this.stats.maxRequestBytes = Math.max(this.stats.maxRequestBytes, body.byteLength);
    if (this.#options.endpoints && !this.#options.endpoints.includes(endpoint)) {
      return awsError('ValidationError', 400, 'Endpoint not found');
    }
    const contentType = String(headers['content-type'] ?? 'application/octet-stream');
    const accept = String((stream ? headers['x-amzn-sagemaker-accept'] : headers.accept) ?? contentType);
    let items: unknown[] | undefined;
    let format: 'json' | 'jsonl' | 'csv' | 'raw' = 'raw';
    try {
      const text = decoder.decode(body);
      if (contentType.startsWith('application/json') && !contentType.includes('lines')) {
        const parsed = JSON.parse(text) as unknown;
        format = 'json';
        items = Array.isArray(parsed) ? parsed : [parsed];
      } else if (contentType.includes('jsonlines')) {
        format = 'jsonl';
        items = text
          .split('\n')
          .filter((line) => line.trim())
          .map((line) => JSON.parse(line) as unknown);
      } else if (contentType.startsWith('text/csv')) {
        format = 'csv';
        items = text.split('\n').filter((line) => line.length > 0);
      }
    } catch {
      return this.#modelError(400);
    }
    const batchSize = items?.length ?? 1;
    this.#inFlight++;
    this.stats.maxConcurrent = Math.max(this.stats.maxConcurrent, this.#inFlight);
    try {
      const latency = this.#options.latencyMs;
      const ms = typeof latency === 'function' ? latency(batchSize) : (latency ?? 0);
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
      if (items && !this.#fitsCompiledShape(items)) return this.#modelError(400);
      if (items) this.stats.batchSizes.push(batchSize);
      const predict = this.#options.predict ?? ((item: unknown) => item);
      let out: Uint8Array;
      if (format === 'json') out = encoder.encode(JSON.stringify(items!.map(predict)));
      else if (format === 'jsonl')
        out = encoder.encode(`${items!.map((item, i) => JSON.stringify(predict(item, i))).join('\n')}\n`);
      else if (format === 'csv')
        out = encoder.encode(`${items!.map((item, i) => String(predict(item, i))).join('\n')}\n`);
      else out = body;
      const replyHeaders: Record<string, string> = { 'x-amzn-invoked-production-variant': 'AllTraffic' };
      const attributes = headers['x-amzn-sagemaker-custom-attributes'];
      if (typeof attributes === 'string') replyHeaders['x-amzn-sagemaker-custom-attributes'] = attributes;
      if (!stream) return { body: out, headers: { ...replyHeaders, 'content-type': accept } };
      return {
        body: encodePayloadParts(out, this.#options.streamPartBytes ?? 7),
        headers: {
          ...replyHeaders,
          'content-type': 'application/vnd.amazon.eventstream',
          'x-amzn-sagemaker-content-type': accept,
        },
      };
    } finally {
      this.#inFlight--;
    }
  }

  #fitsCompiledShape(items: unknown[]): boolean {
    const sizes = this.#options.compiledBatchSizes;
    if (sizes && !sizes.includes(items.length)) return false;
    const length = this.#options.compiledSequenceLength;
    if (length === undefined) return true;
    return items.every((item) => {
      const arrays = Array.isArray(item)
        ? [item]
        : item !== null && typeof item === 'object'
          ? Object.values(item as Record<string, unknown>)
          : [];
      return arrays.length > 0 && arrays.every((values) => Array.isArray(values) && values.length === length);
    });
  }

  #modelError(originalStatusCode: number): StandInReply {
    this.stats.modelErrors++;
    return modelErrorReply({
      originalStatusCode,
      ...(this.#options.logStreamArn === undefined ? {} : { logStreamArn: this.#options.logStreamArn }),
    });
  }
}

/** The AWS event-stream framing of `PayloadPart` events: prelude, headers, payload, CRC32s. */
function encodePayloadParts(body: Uint8Array, partBytes: number): Uint8Array {
  const messages: Uint8Array[] = [];
  for (let at = 0; at < body.byteLength; at += Math.max(1, partBytes)) {
    messages.push(
      encodeEventStreamMessage(
        { ':message-type': 'event', ':event-type': 'PayloadPart', ':content-type': 'application/octet-stream' },
        body.subarray(at, at + Math.max(1, partBytes)),
      ),
    );
  }
  const total = messages.reduce((sum, m) => sum + m.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const message of messages) {
    out.set(message, offset);
    offset += message.byteLength;
  }
  return out;
}
