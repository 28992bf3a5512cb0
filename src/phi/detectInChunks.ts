/**
 * Runs a per-chunk detector over a long text: split, detect concurrently, re-split truncated chunks, rebase,
 * merge. Fails closed: if any chunk fails, the others are cancelled and the whole call rejects.
 *
 * @module
 */
import { throwIfAborted } from '../kit/abort.js';
import { LimitError, ValidationError } from '../kit/errors.js';
import {
  type ChunkingOptions,
  MIN_CHUNK_BYTES,
  mergeSameType,
  rebase,
  splitIntoChunks,
  type TextChunk,
} from './chunking.js';
import type { DetectedPhi, PhiDetection, PhiWarning } from './types.js';

/** What a per-chunk detector returns; spans are UTF-16 offsets within `chunk.text`. */
export interface ChunkDetection {
  readonly entities: readonly DetectedPhi[];
  readonly warnings: readonly PhiWarning[];
  /** The service truncated its answer (e.g. a `PaginationToken`): the chunk is split and detected again. */
  readonly truncated?: boolean;
}

/** Detects PHI in one chunk. It must honour `signal`. */
export type ChunkDetector = (chunk: TextChunk, signal: AbortSignal) => Promise<ChunkDetection>;

/** Options of {@link detectInChunks}. */
export interface DetectInChunksOptions extends ChunkingOptions {
  /** Chunks in flight at once. Default 4. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal | undefined;
  /** Called after each chunk with counts. */
  readonly onChunk?: (done: number, total: number) => void;
}

/** Default number of chunks detected at once. */
export const DEFAULT_CHUNK_CONCURRENCY = 4;

/**
 * @example
 * ```ts
 * const detection = await detectInChunks(text, async (chunk) => ({ entities: [], warnings: [] }), {
 *   maxChunkBytes: 19_000,
 *   overlapBytes: 400,
 * });
 * ```
 */
export async function detectInChunks(
  text: string,
  detectChunk: ChunkDetector,
  options: DetectInChunksOptions,
): Promise<PhiDetection> {
  const concurrency = options.concurrency ?? DEFAULT_CHUNK_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ValidationError('options.concurrency', `must be a positive integer, got ${concurrency}`);
  }
  throwIfAborted(options.signal);
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const entities: DetectedPhi[] = [];
  const warnings: PhiWarning[] = [];
  const queue: Array<{ chunk: TextChunk; maxChunkBytes: number }> = splitIntoChunks(text, options).map((chunk) => ({
    chunk,
    maxChunkBytes: options.maxChunkBytes,
  }));
  let total = queue.length;
  let done = 0;
  let failure: { error: unknown } | undefined;

  const worker = async (): Promise<void> => {
    for (let job = queue.shift(); job && !failure; job = queue.shift()) {
      const result = await detectChunk(job.chunk, signal);
      throwIfAborted(signal);
      if (result.truncated) {
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
        warnings.push({ code: 'RESPLIT' });
        queue.push(...parts);
        total += parts.length - 1;
        continue;
      }
      entities.push(...rebase(result.entities, job.chunk));
      warnings.push(
        ...result.warnings.map((w) =>
          w.span ? { ...w, span: { begin: w.span.begin + job.chunk.begin, end: w.span.end + job.chunk.begin } } : w,
        ),
      );
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
  return { entities: mergeSameType(entities), warnings };
}
