/**
 * A local stand-in for the few Amazon S3 object operations document pipelines use (PutObject, GetObject,
 * HeadObject, DeleteObject), for a real `S3Client` with path-style addressing. Objects live in memory.
 *
 * @module
 */
import { type StandInClientConfig, type StandInReply, type StandInRequest, StandInServer } from './StandInServer.js';

/** Options of {@link S3StandIn.start}. */
export interface S3StandInOptions {
  /** Serve on this existing stand-in (e.g. the one a `TextractStandIn` uses) instead of starting a new one. */
  server?: StandInServer;
  /** Buckets that exist. Default: every bucket name exists. */
  buckets?: readonly string[];
}

/** An object as the stand-in holds it. */
interface StoredObject {
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly etag: string;
}

/** Replies with an S3 XML error, which the S3 client parses into its modeled exceptions. */
function s3Error(code: string, status: number): StandInReply {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>stand-in error</Message></Error>`;
  return { status, headers: { 'content-type': 'application/xml' }, body: xml };
}

/**
 * A local Amazon S3 for objects in memory: `PutObject`, `GetObject`, `HeadObject` and `DeleteObject`.
 *
 * @example
 * ```ts
 * import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
 * import { S3StandIn } from 'aws-ml-kit/testing';
 *
 * const s3 = await S3StandIn.start();
 * const client = new S3Client(s3.clientConfig());
 * await client.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'hello' }));
 * s3.keys('b'); // ['k']
 * await s3.close();
 * ```
 */
export class S3StandIn {
  readonly #server: StandInServer;
  readonly #ownsServer: boolean;
  readonly #buckets: ReadonlySet<string> | undefined;
  readonly #objects = new Map<string, StoredObject>();
  #etagCounter = 0;

  private constructor(server: StandInServer, ownsServer: boolean, buckets: readonly string[] | undefined) {
    this.#server = server;
    this.#ownsServer = ownsServer;
    this.#buckets = buckets ? new Set(buckets) : undefined;
    server
      .route('PUT', '/{Bucket}/{Key+}', 'PutObject')
      .route('GET', '/{Bucket}/{Key+}', 'GetObject')
      .route('HEAD', '/{Bucket}/{Key+}', 'HeadObject')
      .route('DELETE', '/{Bucket}/{Key+}', 'DeleteObject');
    this.#install();
  }

  /**
   * Starts an S3 stand-in on a new loopback server, or on `options.server`.
   *
   * @example
   * ```ts
   * const s3 = await S3StandIn.start({ buckets: ['staging'] });
   * ```
   */
  static async start(options: S3StandInOptions = {}): Promise<S3StandIn> {
    const server = options.server ?? (await StandInServer.start());
    return new S3StandIn(server, options.server === undefined, options.buckets);
  }

  /**
   * The underlying server, for fault injection and recorded calls.
   *
   * @example
   * ```ts
   * s3.server.script('PutObject', [{ status: 503 }]);
   * ```
   */
  get server(): StandInServer {
    return this.#server;
  }

  /**
   * Configuration for an `S3Client`: the stand-in's endpoint, test credentials and path-style addressing.
   *
   * @example
   * ```ts
   * const client = new S3Client(s3.clientConfig({ maxAttempts: 1 }));
   * ```
   */
  clientConfig(options: { maxAttempts?: number } = {}): StandInClientConfig & {
    /** S3 path-style addressing (`endpoint/bucket/key`): the stand-in has no per-bucket host names. */
    forcePathStyle: true;
  } {
    return { ...this.#server.clientConfig(options), forcePathStyle: true };
  }

  /**
   * Stores an object, as if it had been uploaded.
   *
   * @example
   * ```ts
   * s3.put('docs', 'scan.pdf', pdfBytes, 'application/pdf');
   * ```
   */
  put(bucket: string, key: string, body: Uint8Array, contentType = 'application/octet-stream'): void {
    this.#objects.set(`${bucket}/${key}`, { body: new Uint8Array(body), contentType, etag: this.#nextEtag() });
  }

  /**
   * The stored bytes of an object, or `undefined`.
   *
   * @example
   * ```ts
   * expect(s3.get('docs', 'scan.pdf')).toEqual(pdfBytes);
   * ```
   */
  get(bucket: string, key: string): Uint8Array | undefined {
    return this.#objects.get(`${bucket}/${key}`)?.body;
  }

  /**
   * Whether an object exists.
   *
   * @example
   * ```ts
   * s3.has('docs', 'scan.pdf'); // true
   * ```
   */
  has(bucket: string, key: string): boolean {
    return this.#objects.has(`${bucket}/${key}`);
  }

  /**
   * The keys stored in a bucket, sorted.
   *
   * @example
   * ```ts
   * expect(s3.keys('staging')).toEqual([]); // temporary objects were cleaned up
   * ```
   */
  keys(bucket: string): string[] {
    const prefix = `${bucket}/`;
    return [...this.#objects.keys()]
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length))
      .sort();
  }

  /**
   * Stops the server if this stand-in started it.
   *
   * @example
   * ```ts
   * afterAll(() => s3.close());
   * ```
   */
  async close(): Promise<void> {
    if (this.#ownsServer) await this.#server.close();
  }

  /**
   * Forgets every object and (re)installs the handlers, e.g. after `server.reset()`.
   *
   * @example
   * ```ts
   * beforeEach(() => s3.reset());
   * ```
   */
  reset(): void {
    this.#objects.clear();
    this.#install();
  }

  #install(): void {
    const handle = (request: StandInRequest): StandInReply => this.#handle(request);
    for (const operation of ['PutObject', 'GetObject', 'HeadObject', 'DeleteObject'])
      this.#server.on(operation, handle);
  }

  #nextEtag(): string {
    this.#etagCounter += 1;
    return `"stand-in-etag-${this.#etagCounter}"`;
  }

  #handle(request: StandInRequest): StandInReply {
    const bucket = request.params.Bucket ?? '';
    const key = request.params.Key ?? '';
    if (this.#buckets && !this.#buckets.has(bucket)) return s3Error('NoSuchBucket', 404);
    const id = `${bucket}/${key}`;
    switch (request.operation) {
      case 'PutObject': {
        const contentType = request.headers['content-type'];
        this.put(bucket, key, request.body, typeof contentType === 'string' ? contentType : undefined);
        return { status: 200, headers: { etag: this.#objects.get(id)!.etag } };
      }
      case 'DeleteObject':
        this.#objects.delete(id);
        return { status: 204 };
      default: {
        const stored = this.#objects.get(id);
        if (!stored) return request.operation === 'HeadObject' ? { status: 404 } : s3Error('NoSuchKey', 404);
        const headers = {
          'content-type': stored.contentType,
          'content-length': String(stored.body.byteLength),
          etag: stored.etag,
        };
        return request.operation === 'HeadObject'
          ? { status: 200, headers }
          : { status: 200, headers, body: stored.body };
      }
    }
  }
}
