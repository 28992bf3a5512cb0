/**
 * Checks that a phoneme string is written in the alphabet it claims. The common mistakes: X-SAMPA (ASCII,
 * with `"` as primary stress) labelled `ipa`, IPA (ɛ, ˈ, ː) labelled `x-sampa`, and an ASCII apostrophe used
 * as the IPA stress mark, which Polly does not read as stress.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';

/** Phonetic alphabets Polly accepts. */
export type PhoneticAlphabet = 'ipa' | 'x-sampa';

/** Phonetic alphabets Polly accepts, as a list. */
export const PHONETIC_ALPHABETS: readonly PhoneticAlphabet[] = Object.freeze(['ipa', 'x-sampa']);

// ASCII that only X-SAMPA uses: capitals, digits and its symbol set; IPA has none of them.
const XSAMPA_ONLY = /[A-Z0-9"%@{}\\=&?^|~`]/;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/**
 * Throws a `ValidationError` on `field` if `ph` is empty, too long, or not written in `alphabet`.
 *
 * @example
 * ```ts
 * checkPhonemes('ipa', 'pɪˈkɑːn', 'ph');      // ok
 * checkPhonemes('x-sampa', 'pI"kA:n', 'ph'); // ok
 * checkPhonemes('ipa', 'pI"kA:n', 'ph');     // ValidationError: looks like X-SAMPA
 * ```
 */
export function checkPhonemes(alphabet: string, ph: string, field: string, maxLength = Number.POSITIVE_INFINITY): void {
  if (!(PHONETIC_ALPHABETS as readonly string[]).includes(alphabet)) {
    throw new ValidationError(`${field}.alphabet`, `must be "ipa" or "x-sampa"`);
  }
  if (typeof ph !== 'string' || ph.trim().length === 0) throw new ValidationError(field, 'must be a non-empty string');
  if (ph.length > maxLength)
    throw new ValidationError(field, `must be at most ${maxLength} characters, got ${ph.length}`);
  if (alphabet === 'x-sampa') {
    if (!PRINTABLE_ASCII.test(ph)) {
      throw new ValidationError(field, 'is not X-SAMPA: it has non-ASCII characters (IPA symbols need alphabet "ipa")');
    }
    return;
  }
  if (XSAMPA_ONLY.test(ph)) {
    throw new ValidationError(
      field,
      'is not IPA: it has ASCII capitals, digits or X-SAMPA symbols such as " or @ (use alphabet "x-sampa")',
    );
  }
  if (ph.includes("'")) {
    throw new ValidationError(field, 'uses an ASCII apostrophe as stress; IPA primary stress is ˈ (U+02C8)');
  }
}
