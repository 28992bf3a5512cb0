/**
 * A local HTTP server on 127.0.0.1 that real AWS SDK v3 clients can talk to. It routes awsJson calls by the
 * `x-amz-target` header and REST calls by method and path, replies from scripts or handlers, and injects
 * faults (throttling sequences, 5xx, delays, malformed bodies, dropped connections).
 *
 * It records what was called and how large each body was — never the bodies themselves, so sensitive test
 * payloads stay out of snapshots. It is a stand-in: it replays and simulates, it runs no ML.
 *
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a handler sees it. */
export interface StandInRequest {
  /** Operation name: the part of `x-amz-target` after the dot, or the route's name for REST routes. */
  readonly operation: string;
  /** HTTP method, e.g. `POST`. */
  readonly method: string;
  /** URL path without the query string. */
  readonly path: string;
  /** Query string parameters. */
  readonly query: URLSearchParams;
  /** Request headers, names in lower case. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Path parameters of a REST route pattern such as `/bot/{botName}/text`. */
  readonly params: Readonly<Record<string, string>>;
  /** The raw request body. */
  readonly body: Uint8Array;
  /** The body parsed as JSON (`undefined` for an empty body). */
  json<T = unknown>(): T;
}

/** What the stand-in sends back. */
export interface StandInReply {
  /** HTTP status. Default 200. */
  status?: number;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** A JSON body. */
  json?: unknown;
  /** A raw body, instead of `json`. */
  body?: string | Uint8Array;
  /** Wait this long before replying (to test deadlines and aborts). */
  delayMs?: number;
  /** Destroy the socket instead of replying (to test connection faults). */
  dropConnection?: boolean;
}

/**
 * Replies with an AWS error in the shape both awsJson and restJson clients parse.
 *
 * @example
 * ```ts
 * server.script('AnalyzeDocument', [awsError('ThrottlingException'), awsError('InternalServerError', 500)]);
 * ```
 */
export function awsError(errorName: string, status = 400, message = 'stand-in error'): StandInReply {
  return {
    status,
    headers: { 'x-amzn-errortype': `${errorName}:http://internal.amazon.com/coral/com.amazonaws/` },
    json: { __type: errorName, message, Message: message },
  };
}

/** A request handler. It may throw; the stand-in then answers 500 `InternalFailure`. */
export type StandInHandler = (request: StandInRequest) => StandInReply | Promise<StandInReply>;

/** One recorded call: sizes and outcomes only. */
export interface RecordedCall {
  /** Operation name, as in {@link StandInRequest.operation}. */
  readonly operation: string;
  /** HTTP method. */
  readonly method: string;
  /** URL path without the query string. */
  readonly path: string;
  /** Size of the request body in bytes (the body itself is never kept). */
  readonly bodyBytes: number;
  /** HTTP status of the scripted reply (also recorded when the connection was dropped instead). */
  readonly status: number;
  /** `Date.now()` when the request arrived. */
  readonly receivedAt: number;
}

interface RestRoute {
  method: string;
  pattern: RegExp;
  names: string[];
  operation: string;
}

/** The configuration {@link StandInServer.clientConfig} returns, ready for any SDK v3 client constructor. */
export interface StandInClientConfig {
  /** The stand-in's base URL. */
  endpoint: string;
  /** The region the client signs for. */
  region: string;
  /** Static test credentials: the stand-in does not check signatures. */
  credentials: {
    /** Always `stand-in`. */
    accessKeyId: string;
    /** Always `stand-in`. */
    secretAccessKey: string;
  };
  /** Attempts per call, including the SDK's retries. */
  maxAttempts: number;
}

/** Options of {@link StandInServer.start}. */
export interface StandInServerOptions {
  /** Region reported in {@link StandInServer.clientConfig}. Default `us-east-1`. */
  region?: string;
}

/**
 * The generic stand-in the service-specific ones are built on; use it directly for any other AWS API.
 *
 * @example
 * ```ts
 * const server = await StandInServer.start();
 * server.on('DetectDocumentText', () => ({ json: savedResponse }));
 * server.script('DetectDocumentText', [awsError('ThrottlingException')]); // first call throttled
 * const client = new TextractClient(server.clientConfig());
 * // … exercise your code …
 * await server.close();
 * ```
 */
export class StandInServer {
  readonly #server: Server;
  readonly #region: string;
  readonly #handlers = new Map<string, StandInHandler>();
  readonly #scripts = new Map<string, StandInReply[]>();
  readonly #restRoutes: RestRoute[] = [];
  readonly #calls: RecordedCall[] = [];
  #requestCounter = 0;

  private constructor(server: Server, region: string) {
    this.#server = server;
    this.#region = region;
  }

  /**
   * Starts a stand-in on an ephemeral port of 127.0.0.1.
   *
   * @example
   * ```ts
   * const server = await StandInServer.start({ region: 'eu-west-1' });
   * ```
   */
  static async start(options: StandInServerOptions = {}): Promise<StandInServer> {
    const server = createServer();
    server.keepAliveTimeout = 0;
    const standIn = new StandInServer(server, options.region ?? 'us-east-1');
    server.on('request', (req, res) => {
      standIn.#handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return standIn;
  }

  /**
   * Base URL, e.g. `http://127.0.0.1:49152`.
   *
   * @example
   * ```ts
   * await fetch(`${server.url}/health`);
   * ```
   */
  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /**
   * Client configuration for an SDK v3 client: endpoint, region, static test credentials, `maxAttempts`.
   *
   * @example
   * ```ts
   * const client = new TextractClient(server.clientConfig({ maxAttempts: 1 })); // no SDK retries
   * ```
   */
  clientConfig(options: { maxAttempts?: number } = {}): StandInClientConfig {
    return {
      endpoint: this.url,
      region: this.#region,
      credentials: { accessKeyId: 'stand-in', secretAccessKey: 'stand-in' },
      maxAttempts: options.maxAttempts ?? 3,
    };
  }

  /**
   * Handles every call of `operation` (awsJson target suffix, or a REST route's name).
   *
   * @example
   * ```ts
   * server.on('DetectDocumentText', (request) => ({ json: { Blocks: [], DocumentMetadata: { Pages: 1 } } }));
   * ```
   */
  on(operation: string, handler: StandInHandler): this {
    this.#handlers.set(operation, handler);
    return this;
  }

  /**
   * Declares a REST route such as `POST /bot/{botName}/alias/{botAlias}/user/{userId}/text` named `operation`,
   * and optionally its handler. `{name}` matches one path segment, `{name+}` the rest of the path.
   *
   * @example
   * ```ts
   * server.route('GET', '/{Bucket}/{Key+}', 'GetObject', (request) => ({ body: stored.get(request.params.Key!) }));
   * ```
   */
  route(method: string, pathPattern: string, operation: string, handler?: StandInHandler): this {
    const names: string[] = [];
    const source = pathPattern
      .split('/')
      .map((segment) => {
        const match = /^\{(\w+)\+?\}$/.exec(segment);
        if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(match[1]!);
        return segment.endsWith('+}') ? '(.+)' : '([^/]+)';
      })
      .join('/');
    this.#restRoutes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), names, operation });
    if (handler) this.on(operation, handler);
    return this;
  }

  /**
   * Queues replies used, in order, by the next calls of `operation` before its handler is consulted again.
   *
   * @example
   * ```ts
   * server.script('DetectPHI', [awsError('TooManyRequestsException', 429), { delayMs: 500, json: answer }]);
   * ```
   */
  script(operation: string, replies: StandInReply[]): this {
    const queue = this.#scripts.get(operation) ?? [];
    queue.push(...replies);
    this.#scripts.set(operation, queue);
    return this;
  }

  /**
   * Every call received so far (sizes and statuses, no bodies).
   *
   * @example
   * ```ts
   * expect(server.calls.map((call) => call.operation)).toEqual(['StartDocumentTextDetection', 'GetDocumentTextDetection']);
   * ```
   */
  get calls(): readonly RecordedCall[] {
    return this.#calls;
  }

  /**
   * Calls of one operation.
   *
   * @example
   * ```ts
   * expect(server.callsOf('DetectPHI')).toHaveLength(3);
   * ```
   */
  callsOf(operation: string): RecordedCall[] {
    return this.#calls.filter((call) => call.operation === operation);
  }

  /**
   * Forgets handlers, scripts and recorded calls; REST routes stay declared.
   *
   * @example
   * ```ts
   * afterEach(() => server.reset());
   * ```
   */
  reset(): void {
    this.#handlers.clear();
    this.#scripts.clear();
    this.#calls.length = 0;
  }

  /**
   * Stops listening and closes every connection.
   *
   * @example
   * ```ts
   * afterAll(() => server.close());
   * ```
   */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = new Uint8Array(Buffer.concat(chunks));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = decodeURIComponent(url.pathname);
    let operation = 'unknown';
    let params: Record<string, string> = {};
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') {
      operation = target.slice(target.lastIndexOf('.') + 1);
    } else {
      for (const route of this.#restRoutes) {
        const match = route.method === method ? route.pattern.exec(path) : null;
        if (match) {
          operation = route.operation;
          params = Object.fromEntries(route.names.map((name, i) => [name, match[i + 1]!]));
          break;
        }
      }
    }
    const request: StandInRequest = {
      operation,
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      params,
      body,
      json: <T>() => (body.byteLength === 0 ? undefined : JSON.parse(Buffer.from(body).toString('utf8'))) as T,
    };
    let reply: StandInReply;
    const scripted = this.#scripts.get(operation)?.shift();
    const handler = this.#handlers.get(operation);
    try {
      reply =
        scripted ??
        (handler ? await handler(request) : awsError('UnknownOperationException', 404, 'no stand-in route'));
    } catch {
      reply = awsError('InternalFailure', 500);
    }
    this.#calls.push({
      operation,
      method,
      path,
      bodyBytes: body.byteLength,
      status: reply.status ?? 200,
      receivedAt: Date.now(),
    });
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.dropConnection) {
      req.socket.destroy();
      return;
    }
    const payload = reply.body !== undefined ? reply.body : reply.json !== undefined ? JSON.stringify(reply.json) : '';
    const isJson = reply.body === undefined;
    res.writeHead(reply.status ?? 200, {
      'content-type': isJson ? 'application/x-amz-json-1.1' : 'application/octet-stream',
      'x-amzn-requestid': `stand-in-${++this.#requestCounter}`,
      ...reply.headers,
    });
    if (!res.destroyed) res.end(payload);
  }
}
