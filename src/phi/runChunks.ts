/**
 * The chunk scheduler shared by every chunked service call: split, run chunks concurrently, re-split a chunk
 * whose answer was truncated, and fail closed — if any chunk fails, the others are cancelled and the whole run
 * rejects.
 *
 * @module
 */
import { throwIfAborted } from '../kit/abort.js';
import { LimitError, ValidationError } from '../kit/errors.js';
import { type ChunkingOptions, MIN_CHUNK_BYTES, splitIntoChunks, type TextChunk } from './chunking.js';

/** Default number of chunks in flight at once. */
export const DEFAULT_CHUNK_CONCURRENCY = 4;

/**
 * Handles one chunk and keeps what it found. Resolves `'truncated'` when the service cut its answer short (e.g.
 * a `PaginationToken`): the chunk is then split and its pieces handled instead. It must honour `signal`.
 */
export type ChunkHandler = (chunk: TextChunk, signal: AbortSignal) => Promise<'truncated' | undefined>;

/** Options of {@link runChunks}. */
export interface RunChunksOptions extends ChunkingOptions {
  /** Chunks in flight at once. Default {@link DEFAULT_CHUNK_CONCURRENCY}. */
  readonly concurrency?: number;
  /** Cancels the run; it rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** Called after each completed chunk with counts. */
  readonly onChunk?: (done: number, total: number) => void;
}

/**
 * Runs `handle` over the chunks of `text`. Chunk offsets are UTF-16 indices into the whole `text`.
 *
 * @example
 * ```ts
 * await runChunks(text, async (chunk, signal) => {
 *   const response = await send(chunk.text, signal);
 *   if (response.PaginationToken) return 'truncated';
 *   keep(response, chunk.begin);
 *   return undefined;
 * }, { maxChunkBytes: 19_000, overlapBytes: 400 });
 * ```
 */
export async function runChunks(text: string, handle: ChunkHandler, options: RunChunksOptions): Promise<void> {
  const concurrency = resolveConcurrency(options.concurrency);
  throwIfAborted(options.signal);
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const queue: Array<{ chunk: TextChunk; maxChunkBytes: number }> = splitIntoChunks(text, options).map((chunk) => ({
    chunk,
    maxChunkBytes: options.maxChunkBytes,
  }));
  let total = queue.length;
  let done = 0;
  let failure: { error: unknown } | undefined;

  const worker = async (): Promise<void> => {
    for (let job = queue.shift(); job && !failure; job = queue.shift()) {
      const outcome = await handle(job.chunk, signal);
      throwIfAborted(signal);
      if (outcome === 'truncated') {
        // Always smaller than the chunk itself, so the split yields at least two pieces.
        const smaller = Math.min(Math.floor(job.maxChunkBytes / 2), Math.floor(job.chunk.bytes * 0.6));
        if (smaller < MIN_CHUNK_BYTES) {
          throw new LimitError('Text', `the service truncated a response for a chunk of ${job.chunk.bytes} bytes`);
        }
        const parts = splitIntoChunks(job.chunk.text, {
          maxChunkBytes: smaller,
          overlapBytes: Math.min(options.overlapBytes, Math.floor(smaller / 4)),
        }).map((part) => ({
          chunk: { ...part, begin: part.begin + job.chunk.begin, end: part.end + job.chunk.begin },
          maxChunkBytes: smaller,
        }));
        queue.push(...parts);
        total += parts.length - 1;
        continue;
      }
      options.onChunk?.(++done, total);
    }
  };

  const spawn = (): Promise<void>[] =>
    Array.from({ length: Math.min(concurrency, queue.length) }, () =>
      worker().catch((error: unknown) => {
        if (!failure) {
          failure = { error };
          controller.abort(error);
        }
      }),
    );
  // Re-split jobs may be queued after some workers have exited; keep draining until nothing is left.
  while (queue.length > 0 && !failure) await Promise.all(spawn());
  throwIfAborted(options.signal);
  if (failure) throw failure.error;
}

/**
 * Validates `options.concurrency` and fills the default.
 *
 * @example
 * ```ts
 * resolveConcurrency(undefined); // 4
 * ```
 */
export function resolveConcurrency(concurrency: number | undefined): number {
  const value = concurrency ?? DEFAULT_CHUNK_CONCURRENCY;
  if (!Number.isInteger(value) || value < 1) {
    throw new ValidationError('options.concurrency', `must be a positive integer, got ${value}`);
  }
  return value;
}
