/**
 * Shared shapes of the PHI feature: what detectors return and what the masker reports.
 *
 * Offsets in this module are always UTF-16 code-unit indices into the JavaScript string (`text.slice(begin,
 * end)`), whatever unit the detector's service used. End offsets are exclusive.
 *
 * @module
 */

/** A half-open span `[begin, end)` in UTF-16 code units. */
export interface PhiSpan {
  /** First UTF-16 index of the span. */
  readonly begin: number;
  /** UTF-16 index just past the span (exclusive). */
  readonly end: number;
}

/**
 * One piece of PHI a detector found. It carries no text: the text is `input.slice(begin, end)` and stays
 * with the caller.
 */
export interface DetectedPhi extends PhiSpan {
  /** Entity type, e.g. `NAME`, `DATE`, `ID` (Comprehend Medical names; any string is accepted). */
  readonly type: string;
  /** Confidence between 0 and 1. */
  readonly score: number;
  /** Which detector found it, e.g. `comprehend-medical` or `rules`. */
  readonly source?: string;
}

/** Why a detector changed or questioned a span the service reported. */
export type PhiWarningCode =
  /** The service's offsets did not cover its own `Text`; the span was widened to cover both. */
  | 'OFFSET_MISMATCH'
  /** The service's `Text` does not occur near the offsets; the reported offsets were masked as given. */
  | 'TEXT_NOT_FOUND'
  /** The service gave no `Text` to check the offsets against; the offsets were used unverified. */
  | 'UNVERIFIED'
  /** A response was truncated (`PaginationToken`), so the chunk was split and detected again. */
  | 'RESPLIT';

/** A report about the detection, with positions and counts only — never text. */
export interface PhiWarning {
  /** What happened. */
  readonly code: PhiWarningCode;
  /** The span finally used (UTF-16), when the warning concerns one entity. */
  readonly span?: PhiSpan;
  /** Entity type, when the warning concerns one entity. */
  readonly type?: string;
}

/** What {@link PhiDetector.detect} returns. */
export interface PhiDetection {
  /** What was found, as UTF-16 spans of the input, in no particular order. */
  readonly entities: readonly DetectedPhi[];
  /** Offsets that had to be widened or could not be verified, and re-split chunks. */
  readonly warnings: readonly PhiWarning[];
}

/** Options of {@link PhiDetector.detect}. */
export interface DetectOptions {
  /** Cancels the detection; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Anything that finds PHI in text. Implementations: `ComprehendMedicalPhiDetector` (Amazon Comprehend
 * Medical), {@link RulePhiDetector} (offline patterns), or your own.
 *
 * @example
 * ```ts
 * const detector: PhiDetector = {
 *   name: 'mine',
 *   async detect(text) {
 *     const begin = text.indexOf('Jane');
 *     return { entities: begin < 0 ? [] : [{ type: 'NAME', score: 1, begin, end: begin + 4 }], warnings: [] };
 *   },
 * };
 * ```
 */
export interface PhiDetector {
  /** Short name for reports, e.g. `rules`. */
  readonly name: string;
  /** Finds PHI in `text`. Must reject (never resolve with a partial list) when any part of the text failed. */
  detect(text: string, options?: DetectOptions): Promise<PhiDetection>;
}

/**
 * What to do with a span:
 * - `mask`: one mask character per UTF-16 code unit (`#` by default), so length and offsets are preserved;
 * - `redact`: remove it;
 * - `replace`: `[TYPE]`;
 * - `pseudonym`: `[TYPE_n]`, the same number for the same value within a document or session (reversible
 *   through the vault);
 * - `hmac`: `[TYPE:h:…]`, a keyed, deterministic digest (not reversible, linkable across documents);
 * - `encrypt`: `[TYPE:e:…]`, AES-256-GCM ciphertext (reversible with the key, no storage);
 * - `vault`: `[TYPE:v:…]`, a random token whose original is stored in a `TokenVault`;
 * - `keep`: leave it, but still report it.
 */
export type PhiAction = 'mask' | 'redact' | 'replace' | 'pseudonym' | 'hmac' | 'encrypt' | 'vault' | 'keep';

/** All actions, in a stable order. */
export const PHI_ACTIONS: readonly PhiAction[] = [
  'mask',
  'redact',
  'replace',
  'pseudonym',
  'hmac',
  'encrypt',
  'vault',
  'keep',
];

/** Actions that {@link PhiMasker.reidentify} can reverse. */
export const REVERSIBLE_ACTIONS: readonly PhiAction[] = ['pseudonym', 'encrypt', 'vault'];

/** One masked (or kept) span of a {@link MaskResult}. */
export interface MaskedEntity {
  /** Type of the highest-scoring detection in the span. */
  readonly type: string;
  /** Every type detected in the (union) span, highest score first. */
  readonly types: readonly string[];
  /** Highest score in the span. */
  readonly score: number;
  /** Span in the input text (UTF-16). */
  readonly input: PhiSpan;
  /** Span of the replacement in the output text (UTF-16). */
  readonly output: PhiSpan;
  /** What was done to the span. */
  readonly action: PhiAction;
  /** The replacement token for `replace`, `pseudonym`, `hmac`, `encrypt` and `vault`. */
  readonly token?: string;
  /** Vault key of the original when it differs from `token` (a spelling variant of a shared pseudonym). */
  readonly vaultKey?: string;
}

/** What {@link PhiMasker.mask} returns. */
export interface MaskResult {
  /** The masked text. */
  readonly text: string;
  /** Masked and kept spans, in input order, non-overlapping. */
  readonly entities: readonly MaskedEntity[];
  /** Detector reports (widened offsets, re-split chunks …). */
  readonly warnings: readonly PhiWarning[];
  /** Vault scope: SHA-256 (hex) of the masked text, as in the original design's `MessageHash`. Set when a vault was written. */
  readonly vaultScope?: string;
}
