/**
 * An embedded, offline PHI detector built from patterns. It is defence in depth, not a replacement for a
 * model: it finds things with a shape (dates, phone and fax numbers, e-mail addresses, URLs, IP addresses,
 * SSN- and ID-like numbers, ZIP codes after a state code, ages, MRN-like codes) and it does **not** find
 * names, professions, facility names or addresses other than numbered streets and ZIP codes. Use it alone only for text known to be free of
 * those, or combined with `ComprehendMedicalPhiDetector`.
 *
 * @module
 */
import { throwIfAborted } from '../kit/abort.js';
import { ValidationError } from '../kit/errors.js';
import type { DetectedPhi, DetectOptions, PhiDetection, PhiDetector } from './types.js';

/** One pattern. The pattern must have the `g` flag; with `group`, only that capture group is reported. */
export interface PhiRule {
  /** Rule name, for tests and reports. */
  readonly name: string;
  /** Entity type reported, e.g. `DATE`. */
  readonly type: string;
  /** Fixed confidence reported for every match. */
  readonly score: number;
  /** What to find; needs the `g` flag (and `d` when `group` is set). */
  readonly pattern: RegExp;
  /** Capture group holding the PHI (needs the `d` flag). Default: the whole match. */
  readonly group?: number;
}

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';

/** The built-in rules. Scores express how often such a shape is PHI in clinical text, not a model's confidence. */
export const DEFAULT_PHI_RULES: readonly PhiRule[] = Object.freeze([
  // Quantifiers are bounded (RFC 5321 local part ≤ 64, label ≤ 63) so long runs without separators stay linear.
  { name: 'email', type: 'EMAIL', score: 0.95, pattern: /[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/g },
  { name: 'url', type: 'URL', score: 0.9, pattern: /\b(?:https?:\/\/|www\.)[^\s<>"')\]]{0,2048}[^\s<>"')\].,;:!?]/gi },
  {
    name: 'ipv4',
    type: 'IP_ADDRESS',
    score: 0.85,
    pattern: /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.]*\d)/g,
  },
  {
    name: 'ipv6',
    type: 'IP_ADDRESS',
    score: 0.85,
    pattern:
      /(?<![\w:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})(?![\w:])/gi,
  },
  { name: 'ssn', type: 'ID', score: 0.9, pattern: /\b\d{3}-\d{2}-\d{4}\b/g },
  {
    name: 'phone-nanp',
    type: 'PHONE_OR_FAX',
    score: 0.85,
    pattern: /(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\b\d{3})[\s.-]?\d{3}[\s.-]\d{4}\b/g,
  },
  { name: 'phone-au-mobile', type: 'PHONE_OR_FAX', score: 0.85, pattern: /\b0[45]\d{2}[\s-]?\d{3}[\s-]?\d{3}\b/g },
  {
    name: 'phone-international',
    type: 'PHONE_OR_FAX',
    score: 0.8,
    pattern: /\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)|\d{1,4})(?:[\s.-]?\d{2,4}){2,4}\b/g,
  },
  { name: 'date-numeric', type: 'DATE', score: 0.9, pattern: /\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b/g },
  { name: 'date-iso', type: 'DATE', score: 0.9, pattern: /\b\d{4}-\d{2}-\d{2}\b/g },
  {
    name: 'date-month-first',
    type: 'DATE',
    score: 0.85,
    pattern: new RegExp(`\\b${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b`, 'gi'),
  },
  {
    name: 'date-day-first',
    type: 'DATE',
    score: 0.85,
    pattern: new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+\\d{4}\\b`, 'gi'),
  },
  {
    name: 'age-suffix',
    type: 'AGE',
    score: 0.8,
    pattern: /\b(\d{1,3})\s?(?:yo\b|y\/o|y\.o\.|-?years?[- ]old\b|-?yrs?[- ]old\b)/dgi,
    group: 1,
  },
  { name: 'age-label', type: 'AGE', score: 0.8, pattern: /\b(?:age|aged)\s*:?\s*(\d{1,3})\b/dgi, group: 1 },
  {
    name: 'street-address',
    type: 'ADDRESS',
    score: 0.7,
    pattern:
      /\b\d{1,6}\s+(?:[NSEW]\.?\s+)?[A-Z][\w.]{0,30}(?:\s+[A-Z][\w.]{0,30}){0,3}\s+(?:St|Street|Rd|Road|Ave|Avenue|Blvd|Boulevard|Dr|Drive|Ln|Lane|Way|Ct|Court|Pl|Place|Hwy|Highway)\b\.?/g,
  },
  { name: 'zip-after-state', type: 'ADDRESS', score: 0.6, pattern: /\b[A-Z]{2},?\s+(\d{5}(?:-\d{4})?)\b/dg, group: 1 },
  {
    name: 'zip-label',
    type: 'ADDRESS',
    score: 0.7,
    pattern: /\bzip(?:\s*code)?\s*:?\s*(\d{5}(?:-\d{4})?)\b/dgi,
    group: 1,
  },
  {
    name: 'mrn-label',
    type: 'ID',
    score: 0.8,
    pattern:
      /\b(?:MRN|MR#|medical record(?: number| no\.?)?|patient id|account(?: number| no\.?)?|acct)\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{3,})/dgi,
    group: 1,
  },
  { name: 'mrn-shape', type: 'ID', score: 0.6, pattern: /\b[A-Z]{1,4}-?\d{5,}\b/g },
  { name: 'long-number', type: 'ID', score: 0.5, pattern: /\b\d{7,}\b/g },
] satisfies PhiRule[]);

/** Options of {@link RulePhiDetector}. */
export interface RulePhiDetectorOptions {
  /** Rules to use instead of {@link DEFAULT_PHI_RULES}. */
  readonly rules?: readonly PhiRule[];
  /** Rules added to the chosen ones. */
  readonly extraRules?: readonly PhiRule[];
}

/**
 * Finds PHI offline with regular expressions: dates, phone and fax numbers, e-mail, URLs, IP addresses,
 * SSN- and ID-like numbers, street addresses and ZIP codes, ages and MRN-like codes. It cannot find names, or
 * anything else without a fixed shape: combine it with a model-based detector for those.
 *
 * @example
 * ```ts
 * const detector = new RulePhiDetector();
 * const { entities } = await detector.detect('DOB: 2/11/1961, call (770) 922-9800');
 * entities.map((e) => e.type); // ['DATE', 'PHONE_OR_FAX']
 * ```
 */
export class RulePhiDetector implements PhiDetector {
  /** Reported as `source` of each detection. */
  readonly name = 'rules';
  readonly #rules: readonly PhiRule[];

  /**
   * @throws ValidationError for a rule without the `g` flag, a `group` without the `d` flag, or a bad score.
   */
  constructor(options: RulePhiDetectorOptions = {}) {
    this.#rules = [...(options.rules ?? DEFAULT_PHI_RULES), ...(options.extraRules ?? [])];
    for (const [i, rule] of this.#rules.entries()) {
      if (!(rule.pattern instanceof RegExp) || !rule.pattern.global) {
        throw new ValidationError(`rules[${i}].pattern`, 'must be a RegExp with the g flag');
      }
      if (rule.group !== undefined && !rule.pattern.hasIndices) {
        throw new ValidationError(`rules[${i}].pattern`, 'must have the d flag when group is set');
      }
      if (!(rule.score >= 0 && rule.score <= 1))
        throw new ValidationError(`rules[${i}].score`, 'must be between 0 and 1');
    }
  }

  /**
   * Finds every rule match; overlapping matches are all reported (the masker unions them).
   *
   * @example
   * ```ts
   * const { entities } = await new RulePhiDetector().detect('Age: 50');
   * ```
   */
  async detect(text: string, options: DetectOptions = {}): Promise<PhiDetection> {
    throwIfAborted(options.signal);
    return { entities: this.detectSync(text), warnings: [] };
  }

  /**
   * The same as {@link RulePhiDetector.detect}, synchronously.
   *
   * @example
   * ```ts
   * new RulePhiDetector().detectSync('mail jane@example.org').length; // 1
   * ```
   */
  detectSync(text: string): DetectedPhi[] {
    if (typeof text !== 'string') throw new ValidationError('text', `must be a string, got ${typeof text}`);
    const entities: DetectedPhi[] = [];
    for (const rule of this.#rules) {
      // A fresh RegExp per call keeps `lastIndex` state out of shared rule objects.
      const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
      for (const match of text.matchAll(pattern)) {
        const range = rule.group === undefined ? undefined : match.indices?.[rule.group];
        const begin = range ? range[0] : match.index;
        const end = range ? range[1] : match.index + match[0].length;
        if (end > begin) entities.push({ type: rule.type, score: rule.score, begin, end, source: 'rules' });
      }
    }
    return entities.sort((a, b) => a.begin - b.begin || a.end - b.end);
  }
}
