/**
 * Offsets between the three ways services count text positions:
 *
 * - UTF-16 code units — JavaScript string indices (`text.slice`);
 * - Unicode code points — Comprehend and Comprehend Medical `BeginOffset`/`EndOffset`;
 * - UTF-8 bytes — Polly speech-mark `start`/`end`, and most request size limits.
 *
 * For ASCII text all three agree; they diverge at the first emoji, CJK character or accented letter.
 *
 * @module
 */
import { ValidationError } from './errors.js';

const encoder = new TextEncoder();

/**
 * Number of UTF-8 bytes `text` encodes to (lone surrogates count 3, as `TextEncoder` replaces them).
 *
 * @example
 * ```ts
 * utf8ByteLength('café'); // 5
 * ```
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Number of Unicode code points in `text`.
 *
 * @example
 * ```ts
 * codePointLength('😀 ok'); // 4 (the string's length is 5)
 * ```
 */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    count++;
    if (isHighSurrogate(text.charCodeAt(i)) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) i++;
  }
  return count;
}

/** How an offset that falls inside a character is resolved: to its start, its end, or an error. */
export type OffsetBias = 'start' | 'end' | 'throw';

/**
 * A precomputed map between UTF-16, code-point and UTF-8 offsets of one string. Building it is O(n); each
 * lookup is O(1) (code points) or O(log n) (bytes). Offsets equal to the length are valid (end positions).
 *
 * @example
 * ```ts
 * const map = new OffsetMap('😀 John');
 * map.utf16FromCodePoint(2); // 3: the emoji is one code point but two UTF-16 units
 * map.utf16FromUtf8(5);      // 3: the emoji is four UTF-8 bytes
 * ```
 */
export class OffsetMap {
  /** The mapped text. */
  readonly text: string;
  /** UTF-16 index of each code point start, plus the text length at the end. */
  readonly #utf16AtCodePoint: Uint32Array;
  /** UTF-8 byte offset of each code point start, plus the total byte length at the end. */
  readonly #utf8AtCodePoint: Uint32Array;
  /** Code point index at each UTF-16 index (the second unit of a pair maps to its pair's code point). */
  readonly #codePointAtUtf16: Uint32Array;

  constructor(text: string) {
    this.text = text;
    const cpCount = codePointLength(text);
    this.#utf16AtCodePoint = new Uint32Array(cpCount + 1);
    this.#utf8AtCodePoint = new Uint32Array(cpCount + 1);
    this.#codePointAtUtf16 = new Uint32Array(text.length + 1);
    let cp = 0;
    let bytes = 0;
    for (let i = 0; i < text.length; i++, cp++) {
      this.#utf16AtCodePoint[cp] = i;
      this.#utf8AtCodePoint[cp] = bytes;
      this.#codePointAtUtf16[i] = cp;
      const unit = text.charCodeAt(i);
      if (isHighSurrogate(unit) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
        this.#codePointAtUtf16[i + 1] = cp;
        bytes += 4;
        i++;
      } else bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
    }
    this.#utf16AtCodePoint[cpCount] = text.length;
    this.#utf8AtCodePoint[cpCount] = bytes;
    this.#codePointAtUtf16[text.length] = cpCount;
  }

  /** Length of the text in code points. */
  get codePointLength(): number {
    return this.#utf16AtCodePoint.length - 1;
  }

  /** Length of the text in UTF-8 bytes. */
  get utf8Length(): number {
    return this.#utf8AtCodePoint[this.#utf8AtCodePoint.length - 1]!;
  }

  /**
   * UTF-16 index of the code point offset `codePoint` (0 ≤ codePoint ≤ codePointLength).
   *
   * @example
   * ```ts
   * new OffsetMap('😀 John').utf16FromCodePoint(2); // 3
   * ```
   */
  utf16FromCodePoint(codePoint: number): number {
    checkRange('codePoint', codePoint, this.codePointLength);
    return this.#utf16AtCodePoint[codePoint]!;
  }

  /**
   * Code point offset of UTF-16 index `index`; an index inside a surrogate pair resolves by `bias`.
   *
   * @example
   * ```ts
   * new OffsetMap('😀 John').codePointFromUtf16(3); // 2
   * ```
   */
  codePointFromUtf16(index: number, bias: OffsetBias = 'start'): number {
    checkRange('index', index, this.text.length);
    const cp = this.#codePointAtUtf16[index]!;
    if (this.#utf16AtCodePoint[cp] === index) return cp;
    if (bias === 'throw') throw new ValidationError('index', `falls inside a surrogate pair at UTF-16 index ${index}`);
    return bias === 'start' ? cp : cp + 1;
  }

  /**
   * UTF-16 index of UTF-8 byte offset `byte`; a byte inside a multi-byte character resolves by `bias`.
   *
   * @example
   * ```ts
   * new OffsetMap('café!').utf16FromUtf8(5); // 4
   * ```
   */
  utf16FromUtf8(byte: number, bias: OffsetBias = 'start'): number {
    checkRange('byte', byte, this.utf8Length);
    // Binary search for the last code point starting at or before `byte`.
    const starts = this.#utf8AtCodePoint;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= byte) lo = mid;
      else hi = mid - 1;
    }
    if (starts[lo] === byte) return this.#utf16AtCodePoint[lo]!;
    if (bias === 'throw')
      throw new ValidationError('byte', `falls inside a multi-byte character at UTF-8 offset ${byte}`);
    return this.#utf16AtCodePoint[bias === 'start' ? lo : lo + 1]!;
  }

  /**
   * UTF-8 byte offset of UTF-16 index `index`; an index inside a surrogate pair resolves by `bias`.
   *
   * @example
   * ```ts
   * new OffsetMap('café!').utf8FromUtf16(4); // 5
   * ```
   */
  utf8FromUtf16(index: number, bias: OffsetBias = 'start'): number {
    return this.#utf8AtCodePoint[this.codePointFromUtf16(index, bias)]!;
  }

  /**
   * UTF-8 byte offset of code point offset `codePoint`.
   *
   * @example
   * ```ts
   * new OffsetMap('😀 John').utf8FromCodePoint(1); // 4
   * ```
   */
  utf8FromCodePoint(codePoint: number): number {
    checkRange('codePoint', codePoint, this.codePointLength);
    return this.#utf8AtCodePoint[codePoint]!;
  }
}

/**
 * The UTF-8 encoding of `text`.
 *
 * @example
 * ```ts
 * encodeUtf8('é'); // Uint8Array [0xc3, 0xa9]
 * ```
 */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

function checkRange(field: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new ValidationError(field, `must be an integer between 0 and ${max}, got ${value}`);
  }
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
