/**
 * Runs a per-chunk PHI detector over a long text: split, detect concurrently, re-split truncated chunks (all
 * by {@link runChunks}), then rebase and merge.
 *
 * @module
 */
import { mergeSameType, rebase, type TextChunk } from './chunking.js';
import { type RunChunksOptions, runChunks } from './runChunks.js';
import type { DetectedPhi, PhiDetection, PhiWarning } from './types.js';

/** What a per-chunk detector returns; spans are UTF-16 offsets within `chunk.text`. */
export interface ChunkDetection {
  /** What was found, as UTF-16 spans of the chunk text. */
  readonly entities: readonly DetectedPhi[];
  /** Reports about the chunk, spans relative to the chunk text. */
  readonly warnings: readonly PhiWarning[];
  /** The service truncated its answer (e.g. a `PaginationToken`): the chunk is split and detected again. */
  readonly truncated?: boolean;
}

/** Detects PHI in one chunk. It must honour `signal`. */
export type ChunkDetector = (chunk: TextChunk, signal: AbortSignal) => Promise<ChunkDetection>;

/** Options of {@link detectInChunks}: chunking, concurrency, `signal` and progress. */
export type DetectInChunksOptions = RunChunksOptions;

/**
 * Detects PHI in each chunk of `text` (see {@link runChunks}), rebases what was found to offsets in the whole
 * text and merges entities cut by chunk edges. Fails closed: if any chunk fails, the whole call rejects.
 *
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
  const entities: DetectedPhi[] = [];
  const warnings: PhiWarning[] = [];
  await runChunks(
    text,
    async (chunk, signal) => {
      const result = await detectChunk(chunk, signal);
      if (result.truncated) {
        warnings.push({ code: 'RESPLIT' });
        return 'truncated';
      }
      entities.push(...rebase(result.entities, chunk));
      warnings.push(
        ...result.warnings.map((w) =>
          w.span ? { ...w, span: { begin: w.span.begin + chunk.begin, end: w.span.end + chunk.begin } } : w,
        ),
      );
      return undefined;
    },
    options,
  );
  return { entities: mergeSameType(entities), warnings };
}
