/**
 * Splitting text or SSML of any length into SynthesizeSpeech requests: each chunk stays under both limits
 * (billed characters — the text — and total characters — the request including tags), ends on the best
 * boundary available (paragraph or sentence element, sentence end, whitespace, and only as a last resort
 * inside a word), never splits inside `<phoneme>`, `<say-as>`, `<sub>` or `<w>`, and is well-formed on its
 * own: the elements open at a cut are closed at the end of the chunk and reopened, with the same attributes,
 * at the start of the next.
 *
 * Each chunk is `prefix + source.slice(sourceStart, sourceEnd) + suffix`, where prefix and suffix are only
 * tags; so the chunks' text concatenates to the input's, and an index into a chunk maps back to the source.
 *
 * @module
 */
import { LimitError, ValidationError } from '../kit/errors.js';
import { POLLY_LIMITS } from './limits.js';
import { scanXml } from './xml.js';

/** One SynthesizeSpeech request's text. */
export interface SpeechChunk {
  /** Position among the chunks, from 0. */
  readonly index: number;
  /** The request text (SSML or plain text). */
  readonly text: string;
  /** How Polly must read `text`. */
  readonly textType: 'ssml' | 'text';
  /** Start of the source slice the chunk carries. */
  readonly sourceStart: number;
  /** End of the source slice. */
  readonly sourceEnd: number;
  /** Length of the reopened tags before the slice. */
  readonly prefixLength: number;
  /** Billed characters: the text without tags (UTF-16 units, which is never less than what Polly counts). */
  readonly billedCharacters: number;
  /** Total characters of the request, tags included. */
  readonly totalCharacters: number;
}

/** Options of {@link splitSsml} and {@link splitText}. */
export interface SplitSpeechOptions {
  /** Default {@link DEFAULT_SPLIT_OPTIONS}.maxBilledCharacters. */
  readonly maxBilledCharacters?: number;
  /** Default {@link DEFAULT_SPLIT_OPTIONS}.maxTotalCharacters. */
  readonly maxTotalCharacters?: number;
  /** Field name used in errors. Default `text`. */
  readonly field?: string;
}

/** Defaults of {@link SplitSpeechOptions}: Polly's SynthesizeSpeech limits. */
export const DEFAULT_SPLIT_OPTIONS = Object.freeze({
  /** Billed characters per request: 3,000. */
  maxBilledCharacters: POLLY_LIMITS.maxBilledCharacters,
  /** Total characters per request, tags included: 6,000. */
  maxTotalCharacters: POLLY_LIMITS.maxTotalCharacters,
});

/** Elements that must never be cut: the service reads their content as one unit. */
const ATOMIC = new Set(['phoneme', 'say-as', 'sub', 'w']);
const PRIORITY_ELEMENT = 3;
const PRIORITY_SENTENCE = 2;
const PRIORITY_SPACE = 1;
const PRIORITY_FORCED = 0;

interface Frame {
  /** Index in `Boundaries.frames`. */
  id: number;
  readonly name: string;
  /** Source range of the start tag (sliced only when a chunk reopens it). */
  readonly openStart: number;
  readonly openEnd: number;
  readonly parent: Frame | undefined;
  readonly atomic: boolean;
  readonly openLength: number;
  readonly closeLength: number;
  prefix: string | undefined;
  suffix: string | undefined;
}

function prefixOf(source: string, frame: Frame | undefined): string {
  if (!frame) return '';
  frame.prefix ??= prefixOf(source, frame.parent) + source.slice(frame.openStart, frame.openEnd);
  return frame.prefix;
}

function suffixOf(frame: Frame | undefined): string {
  if (!frame) return '';
  frame.suffix ??= `</${frame.name}>${suffixOf(frame.parent)}`;
  return frame.suffix;
}

/** Candidate cut positions, in source order, in growable typed arrays (a 1 MB input has ~200,000). */
class Boundaries {
  pos: Int32Array;
  billed: Int32Array;
  priority: Uint8Array;
  frameIndex: Int32Array;
  /** Every frame, by id (0 is outside any element). */
  readonly frames: (Frame | undefined)[] = [undefined];
  length = 0;

  constructor(sourceLength: number) {
    // About one boundary per five characters of prose: sized once, grown rarely.
    const capacity = Math.max(1024, sourceLength >>> 2);
    this.pos = new Int32Array(capacity);
    this.billed = new Int32Array(capacity);
    this.priority = new Uint8Array(capacity);
    this.frameIndex = new Int32Array(capacity);
  }

  /** The id that `add` takes for a new frame. */
  register(frame: Frame): number {
    this.frames.push(frame);
    return this.frames.length - 1;
  }

  add(pos: number, billed: number, priority: number, frame: Frame | undefined): void {
    const frameIndex = frame === undefined ? 0 : frame.id;
    const n = this.length - 1;
    if (n >= 0 && this.pos[n] === pos && this.frameIndex[n] === frameIndex) {
      if (priority > this.priority[n]!) this.priority[n] = priority;
      return;
    }
    if (this.length === this.pos.length) this.#grow();
    this.pos[this.length] = pos;
    this.billed[this.length] = billed;
    this.priority[this.length] = priority;
    this.frameIndex[this.length] = frameIndex;
    this.length++;
  }

  frame(i: number): Frame | undefined {
    return this.frames[this.frameIndex[i]!];
  }

  #grow(): void {
    const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.pos = grow(this.pos);
    this.billed = grow(this.billed);
    this.priority = grow(this.priority);
    this.frameIndex = grow(this.frameIndex);
  }
}

function resolveLimits(options: SplitSpeechOptions): { maxBilled: number; maxTotal: number; field: string } {
  const maxBilled = options.maxBilledCharacters ?? DEFAULT_SPLIT_OPTIONS.maxBilledCharacters;
  const maxTotal = options.maxTotalCharacters ?? DEFAULT_SPLIT_OPTIONS.maxTotalCharacters;
  for (const [name, value] of [
    ['maxBilledCharacters', maxBilled],
    ['maxTotalCharacters', maxTotal],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 20)) {
      throw new ValidationError(`options.${name}`, `must be an integer of at least 20, got ${value}`);
    }
  }
  return { maxBilled, maxTotal, field: options.field ?? 'text' };
}

// One lookup per character instead of set lookups: bit 1 space, 2 sentence end, 4 closing quote.
const SPACE = 1;
const SENTENCE_END = 2;
const CLOSING_QUOTE = 4;
const CHAR_CLASS = new Uint8Array(0x10000);
for (const c of [0x20, 0x0a, 0x09, 0x0d, 0xa0, 0x3000]) CHAR_CLASS[c] = SPACE;
for (const c of [0x2e, 0x21, 0x3f, 0x2026, 0x3002, 0xff01, 0xff1f, 0x3b]) CHAR_CLASS[c] = SENTENCE_END; // . ! ? … 。 ！ ？ ;
for (const c of [0x22, 0x27, 0x29, 0x5d, 0x201d, 0x2019, 0xbb]) CHAR_CLASS[c] = CLOSING_QUOTE;

/**
 * Scans `source.slice(start, end)` (character data), adding whitespace, sentence and forced boundaries.
 * Returns the billed characters after the run.
 */
function scanText(
  source: string,
  start: number,
  end: number,
  billedAtStart: number,
  frame: Frame | undefined,
  cuttable: boolean,
  entities: boolean,
  forceEvery: number,
  out: Boundaries,
): number {
  let billed = billedAtStart;
  let lastCutBilled = billed;
  let sentenceEnded = false; // the last non-space character ends a sentence (closing quotes after it kept)
  let inSpace = false;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    const kind = CHAR_CLASS[c]!;
    if (kind === SPACE) {
      inSpace = true;
      billed++;
      continue;
    }
    if (cuttable) {
      if (inSpace) {
        out.add(i, billed, sentenceEnded ? PRIORITY_SENTENCE : PRIORITY_SPACE, frame);
        lastCutBilled = billed;
      } else if (billed - lastCutBilled >= forceEvery && !(c >= 0xdc00 && c <= 0xdfff)) {
        out.add(i, billed, PRIORITY_FORCED, frame);
        lastCutBilled = billed;
      }
    }
    inSpace = false;
    if (entities && c === 0x26 /* & */) {
      const semi = source.indexOf(';', i);
      const astral = source.charCodeAt(i + 1) === 0x23 && isAstralReference(source, i + 2, semi);
      billed += astral ? 2 : 1;
      sentenceEnded = false;
      i = semi;
      continue;
    }
    if (kind !== CLOSING_QUOTE || !sentenceEnded) sentenceEnded = kind === SENTENCE_END;
    billed++;
  }
  return billed;
}

function isAstralReference(source: string, from: number, semi: number): boolean {
  const hex = source.charCodeAt(from) === 0x78; /* x */
  let code = 0;
  for (let i = hex ? from + 1 : from; i < semi; i++) {
    const c = source.charCodeAt(i) | 0x20; // lower-cases hex letters; digits keep their codes
    code = code * (hex ? 16 : 10) + (c <= 0x39 ? c - 0x30 : c - 0x57);
  }
  return code > 0xffff;
}

/**
 * Splits SSML (one `<speak>` document, well-formed) into chunks under both limits. Tag support is not
 * checked here (see `validateSsml`); well-formedness is.
 *
 * @throws ValidationError for malformed SSML; LimitError when one unsplittable element (a `<phoneme>`,
 * `<say-as>`, `<sub>` or `<w>`) with its enclosing tags is larger than a request.
 * @example
 * ```ts
 * const chunks = splitSsml(longSsml);
 * chunks.every((c) => c.billedCharacters <= 3000 && c.totalCharacters <= 6000); // true
 * ```
 */
export function splitSsml(source: string, options: SplitSpeechOptions = {}): SpeechChunk[] {
  const { maxBilled, maxTotal, field } = resolveLimits(options);
  if (typeof source !== 'string') throw new ValidationError(field, `must be a string, got ${typeof source}`);
  const forceEvery = Math.max(1, Math.floor(maxBilled / 3));
  const out = new Boundaries(source.length);
  let frame: Frame | undefined;
  let billed = 0;
  let roots = 0;
  let afterOpen = false; // a cut right after a start tag would leave that element empty in the chunk
  scanXml(source, field, {
    skipAttributes: true,
    skip() {},
    text(start, end) {
      afterOpen = false;
      if (frame === undefined) {
        if (!/^\s*$/.test(source.slice(start, end))) {
          throw new ValidationError(field, `has text outside <speak> at offset ${start}`);
        }
        return;
      }
      billed = scanText(source, start, end, billed, frame, !frame.atomic, true, forceEvery, out);
    },
    open(name, _attributes, selfClosing, start, end) {
      if (frame === undefined && (name !== 'speak' || roots++ > 0)) {
        throw new ValidationError(field, `must have exactly one root element, <speak> (offset ${start})`);
      }
      const canCut = frame !== undefined && !frame.atomic && !afterOpen;
      afterOpen = !selfClosing;
      const structural = name === 'p' || name === 's';
      if (canCut) out.add(start, billed, structural ? PRIORITY_ELEMENT : PRIORITY_SPACE, frame);
      if (selfClosing) {
        if (canCut) out.add(end, billed, name === 'break' ? PRIORITY_SENTENCE : PRIORITY_SPACE, frame);
        return;
      }
      frame = {
        id: 0,
        name,
        openStart: start,
        openEnd: end,
        parent: frame,
        atomic: (frame?.atomic ?? false) || ATOMIC.has(name),
        openLength: (frame?.openLength ?? 0) + (end - start),
        closeLength: (frame?.closeLength ?? 0) + name.length + 3,
        prefix: undefined,
        suffix: undefined,
      };
      frame.id = out.register(frame);
    },
    close(name, _start, end) {
      afterOpen = false;
      frame = frame!.parent;
      if (frame !== undefined && !frame.atomic) {
        out.add(end, billed, name === 'p' || name === 's' ? PRIORITY_ELEMENT : PRIORITY_SPACE, frame);
      }
    },
  });
  if (roots === 0) throw new ValidationError(field, 'must have exactly one root element, <speak>');
  out.add(source.length, billed, PRIORITY_ELEMENT + 1, undefined);
  return cut(source, out, maxBilled, maxTotal, 'ssml');
}

/**
 * Splits plain text into chunks of at most `maxBilledCharacters` (plain text has no tags, so billed and total
 * characters are the same), preferring sentence ends, then whitespace.
 *
 * @example
 * ```ts
 * splitText('One. Two. Three.', { maxBilledCharacters: 20 }).map((c) => c.text); // ['One. Two. Three.']
 * ```
 */
export function splitText(text: string, options: SplitSpeechOptions = {}): SpeechChunk[] {
  const { maxBilled, maxTotal, field } = resolveLimits(options);
  if (typeof text !== 'string') throw new ValidationError(field, `must be a string, got ${typeof text}`);
  const limit = Math.min(maxBilled, maxTotal);
  const out = new Boundaries(text.length);
  const billed = scanText(text, 0, text.length, 0, undefined, true, false, Math.max(1, Math.floor(limit / 3)), out);
  out.add(text.length, billed, PRIORITY_ELEMENT + 1, undefined);
  return cut(text, out, limit, limit, 'text');
}

function cut(
  source: string,
  b: Boundaries,
  maxBilled: number,
  maxTotal: number,
  textType: 'ssml' | 'text',
): SpeechChunk[] {
  const chunks: SpeechChunk[] = [];
  const n = b.length;
  let a = 0;
  let aBilled = 0;
  let aFrame: Frame | undefined;
  const best = [-1, -1, -1, -1, -1];
  let lastFit = -1;
  const emit = (end: number, endBilled: number, endFrame: Frame | undefined): void => {
    const prefix = prefixOf(source, aFrame);
    const text = prefix + source.slice(a, end) + suffixOf(endFrame);
    chunks.push({
      index: chunks.length,
      text,
      textType,
      sourceStart: a,
      sourceEnd: end,
      prefixLength: prefix.length,
      billedCharacters: endBilled - aBilled,
      totalCharacters: text.length,
    });
  };
  for (let i = 0; i < n; ) {
    const pos = b.pos[i]!;
    if (pos <= a) {
      i++;
      continue;
    }
    const frame = b.frame(i);
    const total = (aFrame?.openLength ?? 0) + (pos - a) + (frame?.closeLength ?? 0);
    if (b.billed[i]! - aBilled <= maxBilled && total <= maxTotal) {
      if (i === n - 1) {
        emit(pos, b.billed[i]!, frame);
        break;
      }
      best[b.priority[i]!] = i;
      lastFit = i;
      i++;
      continue;
    }
    const chosen = choose(b, best, lastFit, a);
    if (chosen < 0) {
      throw new LimitError(
        'SynthesizeSpeech text',
        `the content at offset ${a} has no boundary within ${maxBilled} billed / ${maxTotal} total characters (an element that cannot be split, with its enclosing tags, is larger than one request)`,
      );
    }
    emit(b.pos[chosen]!, b.billed[chosen]!, b.frame(chosen));
    a = b.pos[chosen]!;
    aBilled = b.billed[chosen]!;
    aFrame = b.frame(chosen);
    best.fill(-1);
    lastFit = -1;
    i = chosen + 1;
  }
  return chunks;
}

/** The best recorded cut: the latest of the highest priority that keeps at least half of the fitting span. */
function choose(b: Boundaries, best: number[], lastFit: number, a: number): number {
  if (lastFit < 0) return -1;
  const half = (b.pos[lastFit]! - a) / 2;
  for (let priority = PRIORITY_ELEMENT; priority >= PRIORITY_FORCED; priority--) {
    const i = best[priority]!;
    if (i >= 0 && b.pos[i]! - a >= half) return i;
  }
  return lastFit;
}

/**
 * Maps an index into `chunk.text` to an index into the source the chunk was cut from; indices inside the
 * reopened or closing tags clamp to the slice's edges.
 *
 * @example
 * ```ts
 * const chunk = splitSsml(source)[1]!;
 * source.slice(chunkToSourceIndex(chunk, 20), chunkToSourceIndex(chunk, 25)) === chunk.text.slice(20, 25); // inside the slice
 * ```
 */
export function chunkToSourceIndex(chunk: SpeechChunk, index: number): number {
  const inSlice = index - chunk.prefixLength;
  return chunk.sourceStart + Math.min(Math.max(0, inSlice), chunk.sourceEnd - chunk.sourceStart);
}
