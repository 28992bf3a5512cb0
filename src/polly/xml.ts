/**
 * A small XML tokenizer for SSML and PLS: elements, attributes, text, the five predefined entities and
 * numeric character references. No DTDs, no CDATA (neither SSML for Polly nor PLS needs them). Errors name
 * offsets and rules, never the document's text.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';

/** One attribute of a start tag, with its source range (name to closing quote). */
export interface XmlAttribute {
  /** Attribute name, e.g. `interpret-as`. */
  readonly name: string;
  /** Unescaped value. */
  readonly value: string;
  /** Offset of the whitespace before the name. */
  readonly start: number;
  /** Offset after the closing quote. */
  readonly end: number;
}

/** A token of an XML source. Offsets are UTF-16 indices into the source. */
export type XmlToken =
  | {
      /** `<name …>` or `<name …/>`. */
      readonly kind: 'open';
      /** Element name. */
      readonly name: string;
      /** Attributes in source order. */
      readonly attributes: readonly XmlAttribute[];
      /** True for `<name/>`. */
      readonly selfClosing: boolean;
      /** Offset of `<`. */
      readonly start: number;
      /** Offset after `>`. */
      readonly end: number;
    }
  | {
      /** `</name>`. */
      readonly kind: 'close';
      /** Element name. */
      readonly name: string;
      /** Offset of `<`. */
      readonly start: number;
      /** Offset after `>`. */
      readonly end: number;
    }
  | {
      /** Character data (entities still escaped in the source range). */
      readonly kind: 'text';
      /** Offset of the first character. */
      readonly start: number;
      /** Offset after the last character. */
      readonly end: number;
    }
  | {
      /** A comment or the `<?xml …?>` declaration: ignored. */
      readonly kind: 'skip';
      /** Offset of `<`. */
      readonly start: number;
      /** Offset after `>`. */
      readonly end: number;
    };

/** SSML and PLS element names we may print in error messages (other names could be user text). */
const PRINTABLE_NAMES = new Set([
  'speak',
  'p',
  's',
  'break',
  'lang',
  'sub',
  'w',
  'emphasis',
  'mark',
  'phoneme',
  'prosody',
  'say-as',
  'amazon:auto-breaths',
  'amazon:breath',
  'amazon:domain',
  'amazon:effect',
  'audio',
  'lexicon',
  'lookup',
  'voice',
  'meta',
  'desc',
  'lexeme',
  'grapheme',
  'alias',
  'example',
]);

/**
 * `<name>` for a known SSML/PLS name, otherwise a neutral description (an unknown name might be user text).
 *
 * @example
 * ```ts
 * describeElement('say-as'); // '<say-as>'
 * ```
 */
export function describeElement(name: string): string {
  return PRINTABLE_NAMES.has(name) ? `<${name}>` : 'an unknown element';
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const NEEDS_ESCAPE = /[&<>"']/g;

/**
 * Escapes the five XML special characters, so the result is safe in text and in either kind of quoted attribute.
 *
 * @example
 * ```ts
 * escapeXml(`2'42" & more`); // '2&apos;42&quot; &amp; more'
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(NEEDS_ESCAPE, (c) => ESCAPES[c]!);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Replaces entity and character references in `source.slice(start, end)`. Throws a `ValidationError` for an
 * unknown entity or a bare `&`.
 *
 * @example
 * ```ts
 * unescapeXml('a &amp; b', 'ssml'); // 'a & b'
 * ```
 */
export function unescapeXml(source: string, field: string, start = 0, end = source.length): string {
  // Slice first: an unbounded indexOf('&') would scan the rest of the document for every value (quadratic).
  const slice = start === 0 && end === source.length ? source : source.slice(start, end);
  let amp = slice.indexOf('&');
  if (amp < 0) return slice;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = slice.indexOf(';', amp);
    if (semi < 0 || semi - amp > 10) {
      throw new ValidationError(field, `is not well-formed: a bare "&" at offset ${start + amp} (write &amp;)`);
    }
    out += slice.slice(from, amp) + decodeReference(slice.slice(amp + 1, semi), field, start + amp);
    from = semi + 1;
    amp = slice.indexOf('&', from);
  }
  return out + slice.slice(from);
}

function decodeReference(ref: string, field: string, offset: number): string {
  const named = NAMED[ref];
  if (named !== undefined) return named;
  const match = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
  const code = match ? Number.parseInt(match[1] ?? match[2]!, match[1] ? 16 : 10) : Number.NaN;
  if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) {
    throw new ValidationError(field, `is not well-formed: unknown entity reference at offset ${offset}`);
  }
  return String.fromCodePoint(code);
}

/**
 * UTF-16 length of the text `source.slice(start, end)` stands for once references are replaced, without
 * building it.
 *
 * @example
 * ```ts
 * unescapedLength('a &amp; b', 0, 9); // 5
 * ```
 */
export function unescapedLength(source: string, start: number, end: number): number {
  const slice = source.slice(start, end); // bounded search (see unescapeXml)
  let length = slice.length;
  for (let amp = slice.indexOf('&'); amp >= 0; ) {
    const semi = slice.indexOf(';', amp);
    if (semi < 0) break;
    const ref = slice.slice(amp + 1, semi);
    length -= semi + 1 - amp - (ref.charCodeAt(0) === 35 /* # */ ? numericLength(ref) : 1);
    amp = slice.indexOf('&', semi + 1);
  }
  return length;
}

function numericLength(ref: string): number {
  const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
  return code > 0xffff ? 2 : 1;
}

const BAD_REFERENCE = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)/g;
const NO_ATTRIBUTES: XmlAttribute[] = [];

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x3a || c === 0x2d;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** JavaScript's `\s` (what attribute whitespace has always accepted). */
function isAnySpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

// Results of scanAttribute (module state instead of a result object: one attribute per call, no allocation).
let attrNameStart = 0;
let attrNameEnd = 0;
let attrValueStart = 0;

/**
 * Reads `\s+name\s*=\s*"value"` (or single quotes; no `<` in the value) at `from`. Returns the offset of the
 * closing quote and sets the name and value starts, or -1 when there is no attribute there.
 */
function scanAttribute(source: string, from: number): number {
  let j = from;
  while (isAnySpace(source.charCodeAt(j))) j++;
  if (j === from || !isNameStart(source.charCodeAt(j))) return -1;
  const nameStart = j++;
  while (isNameChar(source.charCodeAt(j))) j++;
  const nameEnd = j;
  while (isAnySpace(source.charCodeAt(j))) j++;
  if (source.charCodeAt(j) !== 0x3d /* = */) return -1;
  j++;
  while (isAnySpace(source.charCodeAt(j))) j++;
  const quote = source.charCodeAt(j);
  if (quote !== 0x22 && quote !== 0x27) return -1;
  const valueStart = ++j;
  for (let c = source.charCodeAt(j); c !== quote; c = source.charCodeAt(++j)) {
    if (c === 0x3c /* < */ || Number.isNaN(c)) return -1;
  }
  attrNameStart = nameStart;
  attrNameEnd = nameEnd;
  attrValueStart = valueStart;
  return j;
}

/**
 * Splits `source` into tokens and checks nesting: every end tag closes the innermost open element, and
 * nothing is left open. Throws a `ValidationError` on `field` naming the offset of the first problem.
 *
 * @example
 * ```ts
 * tokenizeXml('<speak>Hi</speak>', 'ssml').map((t) => t.kind); // ['open', 'text', 'close']
 * ```
 */
export function tokenizeXml(source: string, field: string): XmlToken[] {
  const tokens: XmlToken[] = [];
  scanXml(source, field, {
    text: (start, end) => tokens.push({ kind: 'text', start, end }),
    skip: (start, end) => tokens.push({ kind: 'skip', start, end }),
    open: (name, attributes, selfClosing, start, end) =>
      tokens.push({ kind: 'open', name, attributes, selfClosing, start, end }),
    close: (name, start, end) => tokens.push({ kind: 'close', name, start, end }),
  });
  return tokens;
}

/** Callbacks of {@link scanXml}, one per token kind (no token objects are allocated). */
export interface XmlVisitor {
  /** Character data `source.slice(start, end)`, entities still escaped. */
  text(start: number, end: number): void;
  /** A comment or the XML declaration. */
  skip(start: number, end: number): void;
  /** A start tag (or an empty-element tag when `selfClosing`). */
  open(name: string, attributes: readonly XmlAttribute[], selfClosing: boolean, start: number, end: number): void;
  /** An end tag. */
  close(name: string, start: number, end: number): void;
  /**
   * True when `open` does not need the attributes: they are still checked (syntax, duplicates, references)
   * but not built, and `open` receives an empty list. Saves the allocations of a large scan.
   */
  readonly skipAttributes?: boolean;
}

/**
 * {@link tokenizeXml} without the token array: calls `visitor` for each token, in order, with the same checks.
 *
 * @example
 * ```ts
 * let tags = 0;
 * scanXml(ssml, 'ssml', { text() {}, skip() {}, open: () => tags++, close() {} });
 * ```
 */
export function scanXml(source: string, field: string, visitor: XmlVisitor): void {
  let seenContent = false; // anything but blank text or skips, for the XML-declaration rule
  const skipAttributes = visitor.skipAttributes === true;
  const names: string[] = []; // element names seen, reused instead of a new string per tag
  const nameStarts: number[] = []; // attribute name ranges of the current tag, for the duplicate check
  const nameEnds: number[] = [];
  const openNames: string[] = []; // the open elements, innermost last (two arrays: no object per tag)
  const openStarts: number[] = [];
  let i = 0;
  const fail = (rule: string): never => {
    throw new ValidationError(field, `is not well-formed: ${rule}`);
  };
  BAD_REFERENCE.lastIndex = 0;
  const bad = BAD_REFERENCE.exec(source);
  if (bad) fail(`a bare "&" or unknown entity reference at offset ${bad.index} (write &amp;)`);
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > i) {
      visitor.text(i, textEnd);
      if (!seenContent && !isBlank(source, { start: i, end: textEnd })) seenContent = true;
      i = textEnd;
      continue;
    }
    const next = source.charCodeAt(i + 1);
    if (next === 0x21 /* ! */ && source.startsWith('<!--', i)) {
      const close = source.indexOf('-->', i + 4);
      if (close < 0) fail(`unterminated comment at offset ${i}`);
      visitor.skip(i, close + 3);
      i = close + 3;
      continue;
    }
    if (next === 0x3f /* ? */) {
      const close = source.indexOf('?>', i + 2);
      if (close < 0 || seenContent) {
        fail(`a processing instruction is allowed only as the XML declaration, at offset ${i}`);
      }
      visitor.skip(i, close + 2);
      i = close + 2;
      continue;
    }
    if (next === 0x21) fail(`DOCTYPE and CDATA sections are not supported (offset ${i})`);
    const closing = next === 0x2f; /* / */
    const nameStart = i + (closing ? 2 : 1);
    let j = nameStart;
    if (isNameStart(source.charCodeAt(j))) {
      j++;
      while (isNameChar(source.charCodeAt(j))) j++;
    }
    if (j === nameStart) fail(`"<" at offset ${i} starts no tag (write &lt;)`);
    const name = internName(source, nameStart, j, names);
    let attributes: XmlAttribute[] = NO_ATTRIBUTES;
    let nameCount = 0;
    // Only a start tag with whitespace after its name can have attributes.
    while (!closing && isSpace(source.charCodeAt(j))) {
      const valueEnd = scanAttribute(source, j);
      if (valueEnd < 0) break;
      if (skipAttributes) {
        if (hasDuplicateName(source, nameStarts, nameEnds, nameCount)) fail(`duplicate attribute at offset ${j}`);
        nameStarts[nameCount] = attrNameStart;
        nameEnds[nameCount++] = attrNameEnd;
        j = valueEnd + 1;
        continue;
      }
      const attrName = source.slice(attrNameStart, attrNameEnd);
      if (attributes === NO_ATTRIBUTES) attributes = [];
      else if (attributes.some((a) => a.name === attrName)) fail(`duplicate attribute at offset ${j}`);
      const amp = source.indexOf('&', attrValueStart);
      attributes.push({
        name: attrName,
        value:
          amp >= 0 && amp < valueEnd
            ? unescapeXml(source, field, attrValueStart, valueEnd)
            : source.slice(attrValueStart, valueEnd),
        start: j,
        end: valueEnd + 1,
      });
      j = valueEnd + 1;
    }
    while (isSpace(source.charCodeAt(j))) j++;
    const selfClosing = source.charCodeAt(j) === 0x2f;
    if (selfClosing) j++;
    if (source.charCodeAt(j) !== 0x3e /* > */ || (closing && selfClosing)) {
      fail(`malformed tag ${describeElement(name)} at offset ${i}`);
    }
    const tagEnd = j + 1;
    if (closing) {
      if (openNames.length === 0) fail(`end tag ${describeElement(name)} at offset ${i} closes nothing`);
      const topName = openNames.pop()!;
      const topStart = openStarts.pop()!;
      if (topName !== name) {
        fail(
          `end tag ${describeElement(name)} at offset ${i} does not close ${describeElement(topName)} opened at offset ${topStart}`,
        );
      }
      visitor.close(name, i, tagEnd);
    } else {
      if (!selfClosing) {
        openNames.push(name);
        openStarts.push(i);
      }
      visitor.open(name, attributes, selfClosing, i, tagEnd);
    }
    seenContent = true;
    i = tagEnd;
  }
  if (openNames.length > 0) {
    fail(`${describeElement(openNames.at(-1)!)} opened at offset ${openStarts.at(-1)} is never closed`);
  }
}

/**
 * `source.slice(start, end)`, reusing an equal string from `names` (a document has a few dozen distinct
 * element names and tens of thousands of tags). At most 64 are kept, so odd documents cost only the slice.
 */
function internName(source: string, start: number, end: number, names: string[]): string {
  const length = end - start;
  for (let k = 0; k < names.length; k++) {
    const name = names[k]!;
    if (name.length === length && source.startsWith(name, start)) return name;
  }
  const name = source.slice(start, end);
  if (names.length < 64) names.push(name);
  return name;
}

/** Whether the attribute name just scanned (`attrNameStart`..`attrNameEnd`) repeats one of the first `count`. */
function hasDuplicateName(source: string, starts: number[], ends: number[], count: number): boolean {
  const length = attrNameEnd - attrNameStart;
  for (let k = 0; k < count; k++) {
    if (ends[k]! - starts[k]! === length && source.startsWith(source.slice(attrNameStart, attrNameEnd), starts[k]!)) {
      return true;
    }
  }
  return false;
}

function isBlank(source: string, token: { start: number; end: number }): boolean {
  return /^\s*$/.test(source.slice(token.start, token.end));
}
