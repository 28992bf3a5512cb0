/**
 * An object store in a local folder: `s3://bucket/key` is the file `{root}/bucket/key`. For offline runs,
 * tests and examples. Node only; `node:fs` is imported on first use.
 *
 * @module
 */
import { throwIfAborted } from '../../kit/abort.js';
import { ValidationError } from '../../kit/errors.js';
import { ObjectNotFoundError } from '../errors.js';
import { parseS3Uri } from '../s3Uri.js';
import type { CallOptions, ObjectStore } from '../services.js';
import { replaceFile } from './replaceFile.js';

/** Options of {@link LocalFolderObjectStore}. */
export interface LocalFolderObjectStoreOptions {
  /** The folder that stands for S3; buckets are its subfolders. */
  readonly root: string;
}

/**
 * Maps `s3://` URIs to files under a folder.
 *
 * @example
 * ```ts
 * const objects = new LocalFolderObjectStore({ root: './s3' });
 * await objects.put('s3://bucket/in.manifest', manifest); // writes ./s3/bucket/in.manifest
 * ```
 */
export class LocalFolderObjectStore implements ObjectStore {
  readonly #root: string;

  /** @throws ValidationError without a root folder. */
  constructor(options: LocalFolderObjectStoreOptions) {
    if (typeof options?.root !== 'string' || options.root.length === 0) {
      throw new ValidationError('options.root', 'must be a non-empty string');
    }
    this.#root = options.root;
  }

  async #file(uri: string): Promise<string> {
    const { bucket, key } = parseS3Uri(uri);
    if (key.length === 0 || key.split('/').some((part) => part === '..' || part === '.')) {
      throw new ValidationError('uri', 'must name an object key without . or .. segments');
    }
    const { join } = await import('node:path');
    return join(this.#root, bucket, ...key.split('/'));
  }

  /**
   * Reads a file.
   *
   * @example
   * ```ts
   * const bytes = await objects.get('s3://bucket/in.manifest');
   * ```
   */
  async get(uri: string, options: CallOptions = {}): Promise<Uint8Array> {
    throwIfAborted(options.signal);
    const { readFile } = await import('node:fs/promises');
    try {
      return new Uint8Array(await readFile(await this.#file(uri)));
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') throw new ObjectNotFoundError(uri);
      throw error;
    }
  }

  /**
   * Streams a file in chunks.
   *
   * @example
   * ```ts
   * for await (const record of parseOutputManifest(objects.stream(uri))) count++;
   * ```
   */
  async *stream(uri: string, options: CallOptions = {}): AsyncIterable<Uint8Array> {
    throwIfAborted(options.signal);
    const { createReadStream } = await import('node:fs');
    const path = await this.#file(uri);
    const { access } = await import('node:fs/promises');
    try {
      await access(path);
    } catch {
      throw new ObjectNotFoundError(uri);
    }
    for await (const chunk of createReadStream(path, options.signal ? { signal: options.signal } : {})) {
      yield new Uint8Array(chunk as Buffer);
    }
  }

  /**
   * Writes a file (creating folders), atomically.
   *
   * @example
   * ```ts
   * await objects.put('s3://bucket/config.json', JSON.stringify(config));
   * ```
   */
  async put(uri: string, body: Uint8Array | string, options: CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    await replaceFile(await this.#file(uri), body);
  }
}
