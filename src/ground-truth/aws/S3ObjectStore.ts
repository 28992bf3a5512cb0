/**
 * An {@link ObjectStore} on Amazon S3 through `@aws-sdk/client-s3` (an optional peer, imported on first use).
 *
 * @module
 */
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { raceAbort } from '../../kit/abort.js';
import { type ClientOptions, importOptional, LazyClient, loadOnce } from '../../kit/clients.js';
import { ResponseShapeError } from '../../kit/errors.js';
import { createSafeLogger, type Logger } from '../../kit/log.js';
import { callService } from '../../kit/service-call.js';
import { ObjectNotFoundError } from '../errors.js';
import { parseS3Uri } from '../s3Uri.js';
import { type CallOptions, isNotFound, type ObjectStore } from '../services.js';

const PACKAGE = '@aws-sdk/client-s3';
const FEATURE = 'S3ObjectStore';
const loadS3 = loadOnce(() => importOptional(() => import('@aws-sdk/client-s3'), PACKAGE, FEATURE));

/** Options of {@link S3ObjectStore}. */
export type S3ObjectStoreOptions = ClientOptions<S3Client, S3ClientConfig> & {
  /** Receives metadata only. */
  readonly logger?: Logger;
};

/**
 * Manifests and label category files in S3.
 *
 * @example
 * ```ts
 * const objects = new S3ObjectStore({ clientConfig: { region: 'us-west-2' } });
 * for await (const record of parseOutputManifest(objects.stream(outputManifestUri))) count++;
 * ```
 */
export class S3ObjectStore implements ObjectStore {
  readonly #client: LazyClient<S3Client, S3ClientConfig>;
  readonly #logger: Logger;

  /** @throws ValidationError with both `client` and `clientConfig`. */
  constructor(options: S3ObjectStoreOptions = {}) {
    this.#client = new LazyClient<S3Client, S3ClientConfig>(options, {
      packageName: PACKAGE,
      feature: FEATURE,
      create: async (config) => new (await loadS3()).S3Client(config),
    });
    this.#logger = createSafeLogger(options.logger);
  }

  /**
   * Reads a whole object.
   *
   * @example
   * ```ts
   * const config = JSON.parse(new TextDecoder().decode(await objects.get(uri)));
   * ```
   */
  async get(uri: string, options: CallOptions = {}): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of this.stream(uri, options)) chunks.push(chunk);
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }

  /**
   * Streams an object's body.
   *
   * @example
   * ```ts
   * for await (const chunk of objects.stream(uri)) bytes += chunk.byteLength;
   * ```
   */
  async *stream(uri: string, options: CallOptions = {}): AsyncIterable<Uint8Array> {
    const { bucket, key } = parseS3Uri(uri);
    const sdk = await loadS3();
    let output: { Body?: unknown };
    try {
      output = await callService(await this.#client.get(), new sdk.GetObjectCommand({ Bucket: bucket, Key: key }), {
        service: 'S3',
        operation: 'GetObject',
        signal: options.signal,
        logger: this.#logger,
      });
    } catch (error) {
      if (isNotFound(error) || (error as { errorName?: unknown }).errorName === 'NoSuchKey') {
        throw new ObjectNotFoundError(uri, { cause: error });
      }
      throw error;
    }
    const body = output.Body as AsyncIterable<Uint8Array> | undefined;
    if (body === undefined || typeof body[Symbol.asyncIterator] !== 'function') {
      throw new ResponseShapeError('S3.GetObject', 'Body', 'is not a stream');
    }
    const iterator = body[Symbol.asyncIterator]();
    let done = false;
    try {
      for (;;) {
        const next = await raceAbort(iterator.next(), options.signal);
        if (next.done) {
          done = true;
          return;
        }
        yield next.value;
      }
    } finally {
      // A reader that stops early or an abort leaves the body unread: close it so the connection is freed.
      if (!done) void iterator.return?.()?.catch(() => undefined);
    }
  }

  /**
   * Writes an object.
   *
   * @example
   * ```ts
   * await objects.put('s3://bucket/filtered.manifest', lines, { contentType: 'application/jsonlines' });
   * ```
   */
  async put(uri: string, body: Uint8Array | string, options: CallOptions & { contentType?: string } = {}) {
    const { bucket, key } = parseS3Uri(uri);
    const sdk = await loadS3();
    await callService(
      await this.#client.get(),
      new sdk.PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ...(options.contentType === undefined ? {} : { ContentType: options.contentType }),
      }),
      {
        service: 'S3',
        operation: 'PutObject',
        signal: options.signal,
        logger: this.#logger,
        meta: { bytes: body.length },
      },
    );
  }

  /**
   * Destroys the client if this object created it.
   *
   * @example
   * ```ts
   * objects.destroy();
   * ```
   */
  destroy(): void {
    this.#client.destroy();
  }
}
