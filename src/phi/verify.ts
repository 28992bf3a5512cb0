/**
 * Turning a service entity (code-point offsets plus its own `Text`) into trusted UTF-16 spans.
 *
 * Official examples have offsets that disagree with their own text, so offsets are never trusted blindly:
 * `text.slice(begin, end) === entity.Text` is checked for every entity. On a mismatch the span is widened to
 * cover both the reported offsets and the nearest occurrence of the reported text, and a warning is raised.
 * Offsets that fall outside the text are ignored when the text is found, and clamped when it is not; with no
 * offsets at all, every occurrence of the text is masked.
 *
 * @module
 */
import { ResponseShapeError } from '../kit/errors.js';
import type { OffsetMap } from '../kit/offsets.js';
import type { PhiSpan, PhiWarningCode } from './types.js';

/** The entity fields this module reads; every field is optional, as in the SDK's `Entity`. */
export interface ServiceEntityLike {
  /** Start, in Unicode code points. */
  BeginOffset?: number | undefined;
  /** End (exclusive), in Unicode code points. */
  EndOffset?: number | undefined;
  /** The text the service says it found there. */
  Text?: string | undefined;
}

/** Result of {@link resolveServiceEntity}. */
export interface ResolvedSpans {
  /** One span, or two when the reported offsets and the located text are apart. */
  readonly spans: readonly PhiSpan[];
  /** Set when the offsets could not be confirmed as given. */
  readonly warning?: PhiWarningCode;
}

/**
 * Resolves one entity against the text it was detected in (`map.text`).
 *
 * @param operation - For error messages, e.g. `DetectPHI`.
 * @param path - For error messages, e.g. `Entities[3]`.
 * @throws `ResponseShapeError` when the entity has neither usable offsets nor a `Text` found in the text.
 *
 * @example
 * ```ts
 * const map = new OffsetMap('Patient Carlos Salazar presented');
 * resolveServiceEntity(map, { BeginOffset: 8, EndOffset: 21, Text: 'Carlos Salazar' }, 'DetectPHI', 'Entities[0]');
 * // { spans: [{ begin: 8, end: 22 }], warning: 'OFFSET_MISMATCH' }
 * ```
 */
export function resolveServiceEntity(
  map: OffsetMap,
  entity: ServiceEntityLike,
  operation: string,
  path: string,
): ResolvedSpans {
  const text = map.text;
  const claimed = claimedSpan(map, entity);
  const expected = typeof entity.Text === 'string' && entity.Text.length > 0 ? entity.Text : undefined;
  if (expected === undefined) {
    if (!claimed) throw new ResponseShapeError(operation, path, 'has neither usable offsets nor Text');
    return { spans: [{ begin: claimed.begin, end: claimed.end }], warning: 'UNVERIFIED' };
  }
  if (claimed && !claimed.clamped && text.slice(claimed.begin, claimed.end) === expected) {
    return { spans: [{ begin: claimed.begin, end: claimed.end }] };
  }
  if (!claimed) {
    // No usable offsets at all: every occurrence might be the one meant, so all are masked (fail closed).
    const all: PhiSpan[] = [];
    for (let at = text.indexOf(expected); at >= 0; at = text.indexOf(expected, at + 1)) {
      all.push({ begin: at, end: at + expected.length });
    }
    if (all.length === 0)
      throw new ResponseShapeError(operation, path, 'has no usable offsets and a Text not found in the input');
    return { spans: mergeOverlapping(all), warning: 'OFFSET_MISMATCH' };
  }
  const found = nearestOccurrence(text, expected, claimed.begin);
  if (found === undefined) return { spans: [{ begin: claimed.begin, end: claimed.end }], warning: 'TEXT_NOT_FOUND' };
  const located = { begin: found, end: found + expected.length };
  // Offsets outside the text carry no information once the text itself is found.
  if (claimed.clamped) return { spans: [located], warning: 'OFFSET_MISMATCH' };
  if (located.begin <= claimed.end && claimed.begin <= located.end) {
    return {
      spans: [{ begin: Math.min(claimed.begin, located.begin), end: Math.max(claimed.end, located.end) }],
      warning: 'OFFSET_MISMATCH',
    };
  }
  const both = [{ begin: claimed.begin, end: claimed.end }, located].sort((a, b) => a.begin - b.begin);
  return { spans: both, warning: 'OFFSET_MISMATCH' };
}

/** The reported offsets as UTF-16, clamped to the text; `undefined` when nothing usable remains. */
function claimedSpan(map: OffsetMap, entity: ServiceEntityLike): (PhiSpan & { clamped: boolean }) | undefined {
  const { BeginOffset: begin, EndOffset: end } = entity;
  if (!Number.isInteger(begin) || !Number.isInteger(end)) return undefined;
  const max = map.codePointLength;
  const b = Math.min(Math.max(begin as number, 0), max);
  const e = Math.min(Math.max(end as number, 0), max);
  if (e <= b) return undefined;
  return {
    begin: map.utf16FromCodePoint(b),
    end: map.utf16FromCodePoint(e),
    clamped: b !== begin || e !== end,
  };
}

function mergeOverlapping(spans: PhiSpan[]): PhiSpan[] {
  const merged: PhiSpan[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.begin <= last.end)
      merged[merged.length - 1] = { begin: last.begin, end: Math.max(last.end, span.end) };
    else merged.push(span);
  }
  return merged;
}

/** UTF-16 index of the occurrence of `needle` whose start is nearest to `near`. */
function nearestOccurrence(text: string, needle: string, near: number): number | undefined {
  let best: number | undefined;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (best === undefined || Math.abs(at - near) < Math.abs(best - near)) best = at;
    if (at > near) break;
  }
  return best;
}
