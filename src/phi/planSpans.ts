/**
 * From detections to the non-overlapping spans that will be replaced: score filter, optional expansion to
 * token or number boundaries, and union resolution of overlaps.
 *
 * Union resolution never lets one detection shrink another: overlapping detections become one span covering
 * all of them, typed by the highest-scoring member and reporting every type. A `keep` member never wins over a
 * member that must be masked.
 *
 * @module
 */
import type { DetectedPhi, PhiAction } from './types.js';

/**
 * How partial hits grow: not at all, across digit groups joined by one space, `-`, `.`, `/` or `:`
 * (`0412 345` → `0412 345 678`), or also to whole tokens.
 */
export type PhiExpansion = 'none' | 'number' | 'token';

/** The policy fields {@link planSpans} needs. */
export interface SpanPolicy {
  /** Action for types without an entry in `actions`. */
  readonly defaultAction: PhiAction;
  /** Per-type actions. */
  readonly actions?: Readonly<Record<string, PhiAction>> | undefined;
  /** Detections scoring below this are ignored. Default 0. */
  readonly minScore?: number | undefined;
  /** Grow partial hits to number or token boundaries. Default `none`. */
  readonly expand?: PhiExpansion | undefined;
}

/** A span that will be replaced (or kept). */
export interface PlannedSpan {
  /** UTF-16 start in the input. */
  readonly begin: number;
  /** UTF-16 end (exclusive) in the input. */
  readonly end: number;
  /** Type of the highest-scoring detection in the span. */
  readonly type: string;
  /** Every type detected in the span, highest score first. */
  readonly types: readonly string[];
  /** Highest score in the span. */
  readonly score: number;
  /** The action the policy chose for the span. */
  readonly action: PhiAction;
}

/**
 * Plans replacements for `entities` found in `text`. Entities must have valid UTF-16 offsets.
 *
 * @example
 * ```ts
 * planSpans('Age 50, 500 mg', [{ type: 'AGE', score: 0.99, begin: 4, end: 6 }], { defaultAction: 'mask' });
 * // [{ begin: 4, end: 6, type: 'AGE', types: ['AGE'], score: 0.99, action: 'mask' }]
 * ```
 */
export function planSpans(text: string, entities: readonly DetectedPhi[], policy: SpanPolicy): PlannedSpan[] {
  const minScore = policy.minScore ?? 0;
  const actionOf = (type: string): PhiAction => policy.actions?.[type] ?? policy.defaultAction;
  const spans = entities
    // A NaN or missing score cannot be compared: keep the entity (fail closed).
    .filter((e) => !(e.score < minScore))
    .map((e) => {
      let { begin, end } = snapToCodePoints(text, e.begin, e.end);
      if (policy.expand === 'number' || policy.expand === 'token') ({ begin, end } = expandNumber(text, begin, end));
      if (policy.expand === 'token') ({ begin, end } = expandToken(text, begin, end));
      return { begin, end, type: e.type, score: Number.isNaN(e.score) ? 1 : e.score, action: actionOf(e.type) };
    })
    .sort((a, b) => a.begin - b.begin || b.end - a.end);

  const planned: PlannedSpan[] = [];
  let cluster: typeof spans = [];
  let clusterEnd = -1;
  const flush = (): void => {
    if (cluster.length === 0) return;
    const ranked = [...cluster].sort((a, b) => b.score - a.score);
    const lead = ranked.find((m) => m.action !== 'keep') ?? ranked[0]!;
    planned.push({
      begin: cluster[0]!.begin,
      end: clusterEnd,
      type: lead.type,
      types: [...new Set([lead.type, ...ranked.map((m) => m.type)])],
      score: ranked[0]!.score,
      action: lead.action,
    });
    cluster = [];
  };
  for (const span of spans) {
    if (span.begin >= clusterEnd) flush();
    if (cluster.length === 0) clusterEnd = span.end;
    cluster.push(span);
    clusterEnd = Math.max(clusterEnd, span.end);
  }
  flush();
  return planned;
}

/** Widens a span that starts or ends inside a surrogate pair so the whole character is covered. */
function snapToCodePoints(text: string, begin: number, end: number): { begin: number; end: number } {
  const isLow = (i: number): boolean => {
    const unit = text.charCodeAt(i);
    return unit >= 0xdc00 && unit <= 0xdfff;
  };
  return { begin: begin > 0 && isLow(begin) ? begin - 1 : begin, end: end < text.length && isLow(end) ? end + 1 : end };
}

const DIGIT = /\p{Nd}/u;
// `:` joins a date to its time ("11/12/2011 18:15") so no half of a timestamp is left behind.
const NUMBER_SEPARATOR = /[ \-./:]/;

/** Grows a span whose edge is a digit across adjoining digit groups joined by one separator. */
function expandNumber(text: string, begin: number, end: number): { begin: number; end: number } {
  const digit = (i: number): boolean => i >= 0 && i < text.length && DIGIT.test(text[i]!);
  const sep = (i: number): boolean => i >= 0 && i < text.length && NUMBER_SEPARATOR.test(text[i]!);
  if (end > begin && digit(end - 1)) {
    for (;;) {
      if (digit(end)) end++;
      else if (sep(end) && digit(end + 1)) end += 2;
      else break;
    }
  }
  if (end > begin && digit(begin)) {
    for (;;) {
      if (digit(begin - 1)) begin--;
      else if (sep(begin - 1) && digit(begin - 2)) begin -= 2;
      else break;
    }
  }
  return { begin, end };
}

const WORD = /[\p{L}\p{N}\p{M}]/u;
const JOINER = /[-_'@.:/+]/;

/** Grows a span to the whole tokens it touches: letters, digits and marks, joined by `- _ ' @ . : / +`. */
function expandToken(text: string, begin: number, end: number): { begin: number; end: number } {
  const word = (i: number): boolean => i >= 0 && i < text.length && WORD.test(text[i]!);
  const joiner = (i: number): boolean => i >= 0 && i < text.length && JOINER.test(text[i]!);
  // Low surrogates of astral letters fail the test; such tokens simply stop growing there, which is safe
  // because the span already covers what the detector reported.
  if (end > begin && (word(end - 1) || joiner(end - 1))) {
    for (;;) {
      if (word(end)) end++;
      else if (joiner(end) && word(end + 1)) end += 2;
      else break;
    }
  }
  if (end > begin && (word(begin) || joiner(begin))) {
    for (;;) {
      if (word(begin - 1)) begin--;
      else if (joiner(begin - 1) && word(begin - 2)) begin -= 2;
      else break;
    }
  }
  return { begin, end };
}
