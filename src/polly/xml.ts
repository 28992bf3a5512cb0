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
const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTRIBUTE = /(\s+)([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;

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
  const open: { name: string; start: number }[] = [];
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
      tokens.push({ kind: 'text', start: i, end: textEnd });
      i = textEnd;
      continue;
    }
    if (source.startsWith('<!--', i)) {
      const close = source.indexOf('-->', i + 4);
      if (close < 0) fail(`unterminated comment at offset ${i}`);
      tokens.push({ kind: 'skip', start: i, end: close + 3 });
      i = close + 3;
      continue;
    }
    if (source.startsWith('<?', i)) {
      const close = source.indexOf('?>', i + 2);
      if (close < 0 || tokens.some((t) => t.kind !== 'skip' && (t.kind !== 'text' || !isBlank(source, t)))) {
        fail(`a processing instruction is allowed only as the XML declaration, at offset ${i}`);
      }
      tokens.push({ kind: 'skip', start: i, end: close + 2 });
      i = close + 2;
      continue;
    }
    if (source.startsWith('<!', i)) fail(`DOCTYPE and CDATA sections are not supported (offset ${i})`);
    const closing = source.charCodeAt(i + 1) === 47; /* / */
    NAME.lastIndex = i + (closing ? 2 : 1);
    const name = NAME.exec(source)?.[0];
    if (name === undefined) fail(`"<" at offset ${i} starts no tag (write &lt;)`);
    let j = NAME.lastIndex;
    const attributes: XmlAttribute[] = [];
    if (!closing) {
      for (;;) {
        ATTRIBUTE.lastIndex = j;
        const match = ATTRIBUTE.exec(source);
        if (!match) break;
        const raw = match[3] ?? match[4] ?? '';
        const valueStart = j + match[0].length - 1 - raw.length;
        const attrName = match[2]!;
        if (attributes.some((a) => a.name === attrName)) fail(`duplicate attribute at offset ${j}`);
        attributes.push({
          name: attrName,
          value: raw.includes('&') ? unescapeXml(source, field, valueStart, valueStart + raw.length) : raw,
          start: j,
          end: ATTRIBUTE.lastIndex,
        });
        j = ATTRIBUTE.lastIndex;
      }
    }
    TAG_END.lastIndex = j;
    const end = TAG_END.exec(source);
    if (!end || (closing && end[1] === '/')) fail(`malformed tag ${describeElement(name!)} at offset ${i}`);
    const tagEnd = TAG_END.lastIndex;
    if (closing) {
      const top = open.pop();
      if (!top) fail(`end tag ${describeElement(name!)} at offset ${i} closes nothing`);
      if (top!.name !== name) {
        fail(
          `end tag ${describeElement(name!)} at offset ${i} does not close ${describeElement(top!.name)} opened at offset ${top!.start}`,
        );
      }
      tokens.push({ kind: 'close', name: name!, start: i, end: tagEnd });
    } else {
      const selfClosing = end![1] === '/';
      if (!selfClosing) open.push({ name: name!, start: i });
      tokens.push({ kind: 'open', name: name!, attributes, selfClosing, start: i, end: tagEnd });
    }
    i = tagEnd;
  }
  const unclosed = open.pop();
  if (unclosed) fail(`${describeElement(unclosed.name)} opened at offset ${unclosed.start} is never closed`);
  return tokens;
}

function isBlank(source: string, token: { start: number; end: number }): boolean {
  return /^\s*$/.test(source.slice(token.start, token.end));
}
