/**
 * Text cues read from a line's characters: sentence ends, list markers, page numbers, case.
 *
 * @module
 */

/** Common abbreviations whose full stop does not end a sentence (lower-cased, without the dot). */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'no',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'inc',
  'ltd',
  'co',
  'corp',
  'fig',
  'approx',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/** Full stops, question and exclamation marks: Latin, CJK (full and half width), Arabic and Urdu, Devanagari. */
const SENTENCE_ENDS = '.?!。．｡！？؟۔।॥';

const CLOSERS = /["'”’)\]}»]+$/u;

/**
 * Whether a line ends a sentence: `.?!` or a CJK, Arabic or Devanagari equivalent (optionally followed by
 * closing quotes or brackets), ignoring common abbreviations and single initials. A colon is left out on
 * purpose: in forms `Label:` is followed by its value.
 *
 * @example
 * ```ts
 * endsSentence('It ended."'); // true
 * endsSentence('see Dr.'); // false
 * ```
 */
export function endsSentence(text: string): boolean {
  const trimmed = text.trimEnd().replace(CLOSERS, '');
  const last = trimmed.at(-1);
  if (last === undefined || !SENTENCE_ENDS.includes(last)) return false;
  if (last !== '.') return true;
  const lastWord = trimmed.slice(0, -1).split(/\s+/).at(-1)?.toLowerCase() ?? '';
  if (ABBREVIATIONS.has(lastWord)) return false;
  // A single letter before the dot is an initial ("J. Smith"), not a sentence end.
  return !/^\p{L}$/u.test(lastWord);
}

const BULLETS = '•◦▪▫●○■□►▶‣⁃∙·–—-*✓✔➢➤';

/** A valid roman numeral, case-insensitive (`iv`, `xii`; not `did` or `mill`). */
const ROMAN = '(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})';
/** A page number in roman numerals, up to 399 (`vii`, `XII`; not `civic`). */
const ROMAN_PAGE_NUMBER = /^(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/iu;
/** `1.`, `12)`, `iv.`, `a)`, `(a)`, `(12)`, `(iv)`: enumerators nobody writes at the start of running text. */
const ENUMERATOR = new RegExp(
  `^(?:(?:\\d{1,3}|(?=[ivxlcdm]{2})${ROMAN})[.)]|[a-z]\\))\\s+\\S|^\\((?:\\d{1,3}|[a-z]|${ROMAN})\\)\\s*\\S`,
  'iu',
);

/**
 * Whether a line starts with an unambiguous list marker: a bullet, `1.`, `1)`, `iv.`, `a)` or `(a)`. A single
 * letter with a full stop or a bare number before a capitalised word may be prose; see
 * {@link startsWithPossibleListMarker}.
 *
 * @example
 * ```ts
 * startsWithListMarker('• apples'); // true
 * startsWithListMarker('(iv) pears'); // true
 * ```
 */
export function startsWithListMarker(text: string): boolean {
  const t = text.trimStart();
  const first = t[0];
  if (first === undefined) return false;
  if (BULLETS.includes(first) && (t.length === 1 || /\s/.test(t[1] ?? ''))) return true;
  return ENUMERATOR.test(t);
}

/**
 * Whether a line starts with what may be a list marker or may be prose: a single letter and a full stop (`A.`
 * or the initial in `J. Smith`), or a small number and a capitalised word (a footnote `2 Sudan Administered …`,
 * or a wrapped sentence going on with `15 March 2021`). Only the layout can tell them apart.
 *
 * @example
 * ```ts
 * startsWithPossibleListMarker('2 Sudan Administered Account'); // true
 * startsWithPossibleListMarker('2021 was a year'); // false
 * ```
 */
export function startsWithPossibleListMarker(text: string): boolean {
  const t = text.trimStart();
  return /^[a-zA-Z]\.\s+\S/u.test(t) || /^\d{1,2}\s+\p{Lu}\p{Ll}/u.test(t);
}

/**
 * Whether a line is a page number: `7`, `- 7 -`, `Page 7`, `Page 7 of 9`, `7/9`, `vii`.
 *
 * @example
 * ```ts
 * isPageNumberText('Page 1/1'); // true
 * ```
 */
export function isPageNumberText(text: string): boolean {
  const t = text.trim().toLowerCase();
  return /^[-–—\s]*(page|p\.|pg\.?)?\s*\d{1,4}(\s*(\/|of)\s*\d{1,4})?[-–—\s]*$/u.test(t) || ROMAN_PAGE_NUMBER.test(t);
}

/**
 * Whether the first letter of a line is lower case (a paragraph that carries on).
 *
 * @example
 * ```ts
 * startsLowercase('and then'); // true
 * ```
 */
export function startsLowercase(text: string): boolean {
  const match = /\p{L}/u.exec(text);
  return match !== null && match[0] === match[0].toLowerCase() && match[0] !== match[0].toUpperCase();
}

/** Text with digits and spaces normalised, for spotting headers and footers repeated across pages. */
export function repeatKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** Number of whitespace-separated words. */
export function wordCount(text: string): number {
  // The number of runs between whitespace, as `text.trim().split(/\s+/).length` counts them, without the array.
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isWhiteSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** Exactly the code units `\s` matches (ECMAScript WhiteSpace and LineTerminator). */
function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const LETTER = /\p{L}/gu;
/**
 * Any UTF-16 code unit of the blocks those scripts use (Hebrew to Arabic Extended, the Hebrew and Arabic
 * presentation forms) or a surrogate (Adlam and the astral Arabic blocks): a cheap pre-filter.
 */
const MAYBE_RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufeff\ud800-\udfff]/;
const RIGHT_TO_LEFT_LETTER =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/gu;

/**
 * Whether most letters of some texts belong to right-to-left scripts (Arabic, Hebrew, Syriac, Thaana, N'Ko,
 * Adlam). Digits and punctuation do not count.
 *
 * @example
 * ```ts
 * isMostlyRightToLeft(['שלום עולם', 'PDF 2']); // true
 * ```
 */
export function isMostlyRightToLeft(texts: Iterable<string>): boolean {
  const list = Array.isArray(texts) ? (texts as readonly string[]) : [...texts];
  // No right-to-left letter at all decides it without counting letters (the usual page).
  let rightToLeft = 0;
  for (const text of list)
    if (MAYBE_RIGHT_TO_LEFT.test(text)) rightToLeft += text.match(RIGHT_TO_LEFT_LETTER)?.length ?? 0;
  if (rightToLeft === 0) return false;
  let letters = 0;
  for (const text of list) letters += text.match(LETTER)?.length ?? 0;
  return rightToLeft > letters / 2;
}
