/**
 * Chain state in a local JSON file, written atomically (temporary file, then rename) so a crash never leaves
 * a half-written state. Node only; `node:fs` is imported on first use so `aws-ml-kit/ground-truth` still loads
 * where there is no file system.
 *
 * @module
 */
import { throwIfAborted } from '../../kit/abort.js';
import { ResponseShapeError, ValidationError } from '../../kit/errors.js';
import type { CallOptions, ChainStateStore } from '../services.js';
import { replaceFile } from './replaceFile.js';

/** Options of {@link JsonFileChainStateStore}. */
export interface JsonFileChainStateStoreOptions {
  /** File path; created (with its directory) on first save. One file per batch. */
  readonly path: string;
}

function nodeFs(): Promise<typeof import('node:fs/promises')> {
  return import('node:fs/promises');
}

/**
 * The default state store of `GroundTruthChain`: one JSON file per batch.
 *
 * @example
 * ```ts
 * const stateStore = new JsonFileChainStateStore({ path: './state/nb-track-823f6d3e.json' });
 * const chain = new GroundTruthChain({ plan, service, objects, stateStore });
 * ```
 */
export class JsonFileChainStateStore implements ChainStateStore {
  readonly #path: string;

  /** @throws ValidationError without a path. */
  constructor(options: JsonFileChainStateStoreOptions) {
    if (typeof options?.path !== 'string' || options.path.length === 0) {
      throw new ValidationError('options.path', 'must be a non-empty string');
    }
    this.#path = options.path;
  }

  /**
   * Reads the state, or `undefined` when the file does not exist.
   *
   * @example
   * ```ts
   * const saved = await stateStore.load('nb-track-823f6d3e');
   * ```
   */
  async load(batchId: string, options: CallOptions = {}): Promise<unknown> {
    throwIfAborted(options.signal);
    const { readFile } = await nodeFs();
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
      throw error;
    }
    let state: unknown;
    try {
      state = JSON.parse(text);
    } catch {
      throw new ResponseShapeError('chain state file', this.#path, 'is not JSON');
    }
    if ((state as { batchId?: unknown } | null)?.batchId !== batchId) {
      throw new ValidationError('stateFile', `holds another batch than ${batchId}`);
    }
    return state;
  }

  /**
   * Replaces the file atomically.
   *
   * @example
   * ```ts
   * await stateStore.save('nb-track-823f6d3e', state);
   * ```
   */
  async save(_batchId: string, state: unknown, options: CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    await replaceFile(this.#path, `${JSON.stringify(state, null, 2)}\n`);
  }
}
