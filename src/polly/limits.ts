/**
 * Amazon Polly limits and quotas as versioned data (source and date below), so a quota change is a data
 * change, not a hunt through code. Override what your account was granted through each class's options.
 *
 * @module
 */

/** Polly engines. */
export type PollyEngine = 'standard' | 'neural' | 'long-form' | 'generative';

/** Every engine, in the order the docs list them. */
export const POLLY_ENGINES: readonly PollyEngine[] = Object.freeze(['standard', 'neural', 'long-form', 'generative']);

/**
 * SynthesizeSpeech and lexicon limits.
 *
 * Source: Amazon Polly developer guide, "Quotas in Amazon Polly" and the SynthesizeSpeech / PutLexicon API
 * reference, as summarised in the project's service-facts notes §4.2–§4.3 (checked December 2026).
 *
 * @example
 * ```ts
 * POLLY_LIMITS.maxBilledCharacters; // 3000
 * ```
 */
export const POLLY_LIMITS = Object.freeze({
  /** Date the numbers were checked. */
  checkedOn: '2026-12-04',
  /** Billed characters (text without SSML tags) per SynthesizeSpeech request. */
  maxBilledCharacters: 3_000,
  /** Total characters (SSML tags included) per SynthesizeSpeech request. */
  maxTotalCharacters: 6_000,
  /** Audio longer than this is truncated by the service. */
  maxAudioMs: 10 * 60 * 1000,
  /** Lexicons per SynthesizeSpeech request. */
  maxLexiconsPerRequest: 5,
  /** Speech-mark types per request. */
  maxSpeechMarkTypes: 4,
  /** Lexicons per account and region. */
  maxLexiconsPerRegion: 100,
  /** Characters of one lexicon's PLS document. */
  maxLexiconCharacters: 4_000,
  /** Characters of one `<phoneme>` or `<alias>` replacement in a lexicon. */
  maxLexemeReplacementCharacters: 100,
  /** Lexicon names: 1–20 ASCII letters or digits. */
  lexiconNamePattern: /^[0-9A-Za-z]{1,20}$/,
  /** Longest `<break time>`, in milliseconds. */
  maxBreakMs: 10_000,
  /** Slowest `<prosody rate>`, in percent of the normal rate (−80 %). */
  minProsodyRatePercent: 20,
  /** Lexicon operations (Put/Get/List/Delete) per second. */
  lexiconRequestsPerSecond: 2,
});

/** A request quota: sustained rate and burst. */
export interface RequestQuota {
  /** Sustained requests per second. */
  readonly requestsPerSecond: number;
  /** Requests allowed at once after idling. */
  readonly burst: number;
}

/**
 * SynthesizeSpeech requests per second and burst, per engine ("Quotas in Amazon Polly", December 2026).
 * Generative's burst was not published where we looked; its sustained rate is used as the burst.
 *
 * @example
 * ```ts
 * SYNTHESIZE_SPEECH_TPS.neural; // { requestsPerSecond: 8, burst: 10 }
 * ```
 */
export const SYNTHESIZE_SPEECH_TPS: Readonly<Record<PollyEngine, RequestQuota>> = Object.freeze({
  standard: { requestsPerSecond: 80, burst: 100 },
  neural: { requestsPerSecond: 8, burst: 10 },
  'long-form': { requestsPerSecond: 8, burst: 10 },
  generative: { requestsPerSecond: 8, burst: 8 },
});
