/**
 * Splitting text under a UTF-8 byte budget, and merging what was detected in the pieces.
 *
 * Chunks end at the best boundary inside the budget (blank line, line, sentence, whitespace, then any code
 * point that does not start a combining mark) and overlap by a window so that an entity cut by one chunk edge
 * is seen whole, or at least in overlapping pieces, by the next chunk. Offsets are UTF-16 throughout.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { OffsetMap } from '../kit/offsets.js';
import type { DetectedPhi } from './types.js';

/** Options of {@link splitIntoChunks}. */
export interface ChunkingOptions {
  /** Largest chunk in UTF-8 bytes. */
  readonly maxChunkBytes: number;
  /** How many UTF-8 bytes each chunk repeats from the end of the previous one. At most a quarter of `maxChunkBytes`. */
  readonly overlapBytes: number;
}

/** Default chunking for DetectPHI: a budget safely under its 20,000-byte limit, and a 400-byte overlap. */
export const DEFAULT_CHUNKING: ChunkingOptions = Object.freeze({ maxChunkBytes: 19_000, overlapBytes: 400 });

/** The smallest budget accepted: enough for any code point plus some context. */
export const MIN_CHUNK_BYTES = 64;

/** One piece of a text. */
export interface TextChunk {
  /** Position in the chunk list. */
  readonly index: number;
  /** UTF-16 start in the whole text. */
  readonly begin: number;
  /** UTF-16 end (exclusive) in the whole text. */
  readonly end: number;
  /** `text.slice(begin, end)`. */
  readonly text: string;
  /** UTF-8 size of `text`. */
  readonly bytes: number;
}

/**
 * Validates chunking options and fills defaults.
 *
 * @example
 * ```ts
 * resolveChunking({ maxChunkBytes: 5000 }); // { maxChunkBytes: 5000, overlapBytes: 400 }
 * ```
 */
export function resolveChunking(options: Partial<ChunkingOptions> = {}, maxBytes = 20_000): ChunkingOptions {
  const maxChunkBytes = options.maxChunkBytes ?? Math.min(DEFAULT_CHUNKING.maxChunkBytes, maxBytes);
  if (!Number.isInteger(maxChunkBytes) || maxChunkBytes < MIN_CHUNK_BYTES || maxChunkBytes > maxBytes) {
    throw new ValidationError(
      'options.maxChunkBytes',
      `must be an integer between ${MIN_CHUNK_BYTES} and ${maxBytes}, got ${maxChunkBytes}`,
    );
  }
  const overlapBytes = options.overlapBytes ?? Math.min(DEFAULT_CHUNKING.overlapBytes, Math.floor(maxChunkBytes / 4));
  if (!Number.isInteger(overlapBytes) || overlapBytes < 0 || overlapBytes > Math.floor(maxChunkBytes / 4)) {
    throw new ValidationError(
      'options.overlapBytes',
      `must be an integer between 0 and ${Math.floor(maxChunkBytes / 4)} (a quarter of maxChunkBytes), got ${overlapBytes}`,
    );
  }
  return { maxChunkBytes, overlapBytes };
}

const COMBINING_MARK = /\p{M}/u;

/**
 * Splits `text` into chunks of at most `maxChunkBytes` UTF-8 bytes that overlap by about `overlapBytes`.
 * Chunks never split a surrogate pair or separate a combining mark from its base. Every UTF-16 index of the
 * text lies in at least one chunk, and consecutive chunks overlap or touch.
 *
 * @example
 * ```ts
 * const chunks = splitIntoChunks(longNote, { maxChunkBytes: 19_000, overlapBytes: 400 });
 * ```
 */
export function splitIntoChunks(text: string, options: ChunkingOptions): TextChunk[] {
  const { maxChunkBytes, overlapBytes } = resolveChunking(options, Number.MAX_SAFE_INTEGER);
  const map = new OffsetMap(text);
  const total = map.utf8Length;
  const chunks: TextChunk[] = [];
  let begin = 0;
  for (;;) {
    const beginByte = map.utf8FromUtf16(begin);
    if (total - beginByte <= maxChunkBytes) {
      chunks.push({ index: chunks.length, begin, end: text.length, text: text.slice(begin), bytes: total - beginByte });
      return chunks;
    }
    const hardEnd = map.utf16FromUtf8(beginByte + maxChunkBytes, 'start');
    const lower = Math.max(begin + 1, map.utf16FromUtf8(beginByte + Math.floor(maxChunkBytes / 2), 'start'));
    const end = findBoundary(text, lower, hardEnd);
    chunks.push({
      index: chunks.length,
      begin,
      end,
      text: text.slice(begin, end),
      bytes: map.utf8FromUtf16(end) - beginByte,
    });
    begin = nextBegin(text, map, begin, end, overlapBytes);
  }
}

/** The best cut in `[lower, upper]`: after a blank line, a line, a sentence, whitespace, or before a base character. */
function findBoundary(text: string, lower: number, upper: number): number {
  const tests: Array<(i: number) => boolean> = [
    (i) => text[i - 1] === '\n' && text[i - 2] === '\n',
    (i) => text[i - 1] === '\n',
    (i) => /\s/.test(text[i - 1] ?? '') && /[.!?;:]/.test(text[i - 2] ?? ''),
    (i) => /\s/.test(text[i - 1] ?? '') && !/\s/.test(text[i] ?? ''),
  ];
  for (const test of tests) {
    for (let i = upper; i >= lower; i--) if (test(i)) return i;
  }
  // No boundary: cut at a code point that does not start a combining mark (upper is a code-point boundary).
  const combiningAt = (i: number): boolean => COMBINING_MARK.test(String.fromCodePoint(text.codePointAt(i) ?? 0x20));
  let cut = upper;
  while (cut > lower && combiningAt(cut)) cut = prevCodePoint(text, cut);
  return combiningAt(cut) ? upper : cut;
}

/** Where the next chunk starts: `overlapBytes` before `end`, moved forward to a word start when one is near. */
function nextBegin(text: string, map: OffsetMap, begin: number, end: number, overlapBytes: number): number {
  if (overlapBytes === 0) return end;
  const raw = Math.max(begin + 1, map.utf16FromUtf8(Math.max(0, map.utf8FromUtf16(end) - overlapBytes), 'end'));
  for (let i = raw; i < end; i++) {
    if (/\s/.test(text[i - 1] ?? '') && !/\s/.test(text[i] ?? '')) return i;
  }
  // No word start: at least do not begin with a combining mark cut off from its base.
  let start = raw;
  while (start < end && COMBINING_MARK.test(String.fromCodePoint(text.codePointAt(start) ?? 0x20))) {
    start += isLowSurrogateAt(text, start + 1) ? 2 : 1;
  }
  return start < end ? start : raw;
}

function prevCodePoint(text: string, index: number): number {
  return isLowSurrogateAt(text, index - 1) && index >= 2 ? index - 2 : index - 1;
}

function isLowSurrogateAt(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * Moves chunk-local spans into whole-text coordinates.
 *
 * @example
 * ```ts
 * rebase([{ type: 'NAME', score: 1, begin: 0, end: 4 }], chunk); // begin/end shifted by chunk.begin
 * ```
 */
export function rebase(entities: readonly DetectedPhi[], chunk: Pick<TextChunk, 'begin'>): DetectedPhi[] {
  return entities.map((entity) => ({ ...entity, begin: entity.begin + chunk.begin, end: entity.end + chunk.begin }));
}

/**
 * Merges spans of the same type that overlap or touch into their union (highest score kept). This is what
 * stitches an entity that straddles a chunk edge back together; output is sorted by begin, then type.
 *
 * @example
 * ```ts
 * mergeSameType([{ type: 'NAME', score: 0.9, begin: 0, end: 6 }, { type: 'NAME', score: 0.8, begin: 4, end: 10 }]);
 * // [{ type: 'NAME', score: 0.9, begin: 0, end: 10 }]
 * ```
 */
export function mergeSameType(entities: readonly DetectedPhi[]): DetectedPhi[] {
  const byType = new Map<string, DetectedPhi[]>();
  for (const entity of entities) {
    const list = byType.get(entity.type) ?? [];
    list.push(entity);
    byType.set(entity.type, list);
  }
  const merged: DetectedPhi[] = [];
  for (const list of byType.values()) {
    list.sort((a, b) => a.begin - b.begin || a.end - b.end);
    let current: DetectedPhi | undefined;
    for (const entity of list) {
      if (current && entity.begin <= current.end) {
        current = {
          ...current,
          end: Math.max(current.end, entity.end),
          score: Math.max(current.score, entity.score),
        };
      } else {
        if (current) merged.push(current);
        current = { ...entity };
      }
    }
    if (current) merged.push(current);
  }
  return merged.sort((a, b) => a.begin - b.begin || a.end - b.end || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}
