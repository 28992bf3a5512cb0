/**
 * Pronunciation lexicons (W3C PLS 1.0) for Polly: build one entry by entry, or parse and check an existing
 * file, against Polly's limits — name pattern, 4,000 characters per lexicon, 100 characters per phoneme or
 * alias, an alphabet Polly reads (`ipa` or `x-sampa`) and phonemes actually written in it.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { POLLY_LIMITS } from './limits.js';
import { checkPhonemes, PHONETIC_ALPHABETS, type PhoneticAlphabet } from './phonemes.js';
import { describeElement, escapeXml, tokenizeXml, unescapeXml } from './xml.js';

/** The PLS namespace. */
export const PLS_NAMESPACE = 'http://www.w3.org/2005/01/pronunciation-lexicon';

/** One lexicon entry: the spellings it matches and either a phoneme string or an alias. */
export interface LexiconEntry {
  /** Spellings matched (case-sensitively for most languages). */
  readonly graphemes: readonly string[];
  /** Pronunciation in the lexicon's alphabet. */
  readonly phoneme?: string;
  /** Text spoken instead, e.g. `year 2000` for `Y2K`. */
  readonly alias?: string;
}

/** Options of {@link PronunciationLexicon}. */
export interface PronunciationLexiconOptions {
  /** Lexicon name: 1–20 ASCII letters or digits. */
  readonly name: string;
  /** `xml:lang`, which must match the voice's language, e.g. `en-US`. */
  readonly language: string;
  /** Phonetic alphabet of the entries' phonemes. Default `ipa`. */
  readonly alphabet?: PhoneticAlphabet;
}

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * A pronunciation lexicon. `toXml()` returns PLS that Polly's `PutLexicon` accepts, or throws before any
 * request.
 *
 * @example
 * ```ts
 * const lexicon = new PronunciationLexicon({ name: 'Acronyms', language: 'en-US' })
 *   .add({ graphemes: ['Y2K'], alias: 'year 2000' })
 *   .add({ graphemes: ['pecan'], phoneme: 'pɪˈkɑːn' });
 * const pls = lexicon.toXml();
 * ```
 */
export class PronunciationLexicon {
  /** Lexicon name. */
  readonly name: string;
  /** `xml:lang`. */
  readonly language: string;
  /** Phonetic alphabet. */
  readonly alphabet: PhoneticAlphabet;
  readonly #entries: LexiconEntry[] = [];

  /** @throws ValidationError for a bad name, language or alphabet. */
  constructor(options: PronunciationLexiconOptions) {
    checkLexiconName(options.name, 'name');
    if (typeof options.language !== 'string' || !LANGUAGE.test(options.language)) {
      throw new ValidationError('language', 'must be a language tag such as en-US');
    }
    const alphabet = options.alphabet ?? 'ipa';
    if (!PHONETIC_ALPHABETS.includes(alphabet)) throw new ValidationError('alphabet', 'must be "ipa" or "x-sampa"');
    this.name = options.name;
    this.language = options.language;
    this.alphabet = alphabet;
  }

  /**
   * The entries (a copy).
   *
   * @example
   * ```ts
   * lexicon.entries.length;
   * ```
   */
  get entries(): LexiconEntry[] {
    return [...this.#entries];
  }

  /**
   * Adds an entry; checks it at once (graphemes, exactly one of phoneme or alias, lengths, alphabet).
   *
   * @example
   * ```ts
   * lexicon.add({ graphemes: ['W3C'], alias: 'World Wide Web Consortium' });
   * ```
   */
  add(entry: LexiconEntry): this {
    checkEntry(entry, this.alphabet, `entries[${this.#entries.length}]`);
    this.#entries.push({ graphemes: [...entry.graphemes], ...pick(entry) });
    return this;
  }

  /**
   * The PLS document.
   *
   * @throws ValidationError when it is longer than 4,000 characters (split the entries into several lexicons).
   * @example
   * ```ts
   * await lexicons.put(lexicon.name, lexicon.toXml());
   * ```
   */
  toXml(): string {
    if (this.#entries.length === 0) throw new ValidationError('entries', 'must hold at least one entry');
    const lexemes = this.#entries
      .map((e) => {
        const graphemes = e.graphemes.map((g) => `<grapheme>${escapeXml(g)}</grapheme>`).join('');
        const body =
          e.phoneme !== undefined
            ? `<phoneme>${escapeXml(e.phoneme)}</phoneme>`
            : `<alias>${escapeXml(e.alias!)}</alias>`;
        return `  <lexeme>${graphemes}${body}</lexeme>\n`;
      })
      .join('');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<lexicon version="1.0" xmlns="${PLS_NAMESPACE}" alphabet="${this.alphabet}" xml:lang="${this.language}">\n${lexemes}</lexicon>\n`;
    checkLexiconSize(xml);
    return xml;
  }

  /**
   * Parses and checks a PLS document (e.g. a `.pls` file) under `name`.
   *
   * @throws ValidationError for malformed PLS, a wrong namespace, alphabet or language, an entry without a
   * grapheme or pronunciation, phonemes not in the declared alphabet, or sizes over Polly's limits.
   * @example
   * ```ts
   * const lexicon = PronunciationLexicon.parse('Acronyms', await readFile('acronyms.pls', 'utf8'));
   * ```
   */
  static parse(name: string, xml: string): PronunciationLexicon {
    if (typeof xml !== 'string') throw new ValidationError('content', `must be a string, got ${typeof xml}`);
    checkLexiconSize(xml);
    const tokens = tokenizeXml(xml, 'content');
    let lexicon: PronunciationLexicon | undefined;
    let entry: { graphemes: string[]; phoneme?: string; alias?: string } | undefined;
    let open: { name: string; textStart: number } | undefined;
    let depth = 0;
    for (const token of tokens) {
      if (token.kind === 'skip') continue;
      if (token.kind === 'text') {
        if (open === undefined && !/^\s*$/.test(xml.slice(token.start, token.end))) {
          throw new ValidationError(
            'content',
            `has text outside <grapheme>, <phoneme> or <alias> at offset ${token.start}`,
          );
        }
        continue;
      }
      if (token.kind === 'open') {
        depth++;
        const attributes = Object.fromEntries(token.attributes.map((a) => [a.name, a.value]));
        if (depth === 1) {
          if (token.name !== 'lexicon') throw new ValidationError('content', 'must have the root element <lexicon>');
          if (attributes.xmlns !== PLS_NAMESPACE)
            throw new ValidationError('content@xmlns', `must be ${PLS_NAMESPACE}`);
          lexicon = new PronunciationLexicon({
            name,
            language: attributes['xml:lang'] ?? '',
            alphabet: (attributes.alphabet ?? '') as PhoneticAlphabet,
          });
        } else if (depth === 2 && token.name === 'lexeme') {
          entry = { graphemes: [] };
        } else if (depth === 3 && entry && ['grapheme', 'phoneme', 'alias'].includes(token.name)) {
          open = { name: token.name, textStart: token.end };
        } else if (token.name !== 'meta' && token.name !== 'metadata' && token.name !== 'example') {
          throw new ValidationError(
            'content',
            `${describeElement(token.name)} at offset ${token.start} is not allowed there`,
          );
        }
        if (token.selfClosing) depth--;
        continue;
      }
      if (open && token.name === open.name && entry) {
        const value = unescapeXml(xml, 'content', open.textStart, token.start);
        if (open.name === 'grapheme') entry.graphemes.push(value);
        else if (entry.phoneme === undefined && entry.alias === undefined)
          entry[open.name as 'phoneme' | 'alias'] = value;
        open = undefined;
      } else if (token.name === 'lexeme' && entry && lexicon) {
        lexicon.add(entry);
        entry = undefined;
      }
      depth--;
    }
    if (!lexicon) throw new ValidationError('content', 'must have the root element <lexicon>');
    return lexicon;
  }
}

/**
 * Throws a `ValidationError` unless `name` is 1–20 ASCII letters or digits.
 *
 * @example
 * ```ts
 * checkLexiconName('my-lexicon', 'name'); // ValidationError
 * ```
 */
export function checkLexiconName(name: unknown, field: string): void {
  if (typeof name !== 'string' || !POLLY_LIMITS.lexiconNamePattern.test(name)) {
    throw new ValidationError(field, 'must be 1–20 ASCII letters or digits');
  }
}

function checkLexiconSize(xml: string): void {
  if (xml.length > POLLY_LIMITS.maxLexiconCharacters) {
    throw new ValidationError(
      'lexicon',
      `is ${xml.length} characters; Polly accepts at most ${POLLY_LIMITS.maxLexiconCharacters} per lexicon (split the entries into several lexicons)`,
    );
  }
}

function checkEntry(entry: LexiconEntry, alphabet: PhoneticAlphabet, field: string): void {
  if (!entry || !Array.isArray(entry.graphemes) || entry.graphemes.length === 0) {
    throw new ValidationError(`${field}.graphemes`, 'must list at least one spelling');
  }
  entry.graphemes.forEach((g, i) => {
    if (typeof g !== 'string' || g.trim().length === 0)
      throw new ValidationError(`${field}.graphemes[${i}]`, 'must be a non-empty string');
  });
  if ((entry.phoneme === undefined) === (entry.alias === undefined)) {
    throw new ValidationError(field, 'needs exactly one of phoneme or alias');
  }
  const max = POLLY_LIMITS.maxLexemeReplacementCharacters;
  if (entry.phoneme !== undefined) {
    if (entry.phoneme.length > max)
      throw new ValidationError(`${field}.phoneme`, `is ${entry.phoneme.length} characters; at most ${max}`);
    checkPhonemes(alphabet, entry.phoneme, `${field}.phoneme`);
  } else {
    if (typeof entry.alias !== 'string' || entry.alias.trim().length === 0)
      throw new ValidationError(`${field}.alias`, 'must be a non-empty string');
    if (entry.alias.length > max)
      throw new ValidationError(`${field}.alias`, `is ${entry.alias.length} characters; at most ${max}`);
  }
}

function pick(entry: LexiconEntry): { phoneme: string } | { alias: string } {
  return entry.phoneme !== undefined ? { phoneme: entry.phoneme } : { alias: entry.alias! };
}
