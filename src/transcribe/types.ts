/**
 * The typed events and segments of a streaming transcription.
 *
 * @module
 */

/** One item of a result: a word or a punctuation mark, with its timing. */
export interface TranscriptWord {
  /** The word or punctuation mark. */
  readonly content: string;
  /** `pronunciation` for a word, `punctuation` for a mark. */
  readonly type: 'pronunciation' | 'punctuation';
  /** Start, in milliseconds from the start of the whole audio (stitched across rollovers). */
  readonly startMs: number;
  /** End, in milliseconds from the start of the whole audio. */
  readonly endMs: number;
  /** Speaker label (`0`, `1` …) when speaker labels were asked for. */
  readonly speaker?: string;
  /** Confidence 0–1, when the service reports it (final results). */
  readonly confidence?: number;
  /** With partial-results stabilisation: the service will not change this item any more. */
  readonly stable?: boolean;
  /** The item matched a vocabulary filter. */
  readonly vocabularyFilterMatch?: boolean;
}

/** One result: the service's unit of partial/final text, identified by `resultId`. */
export interface TranscriptSegment {
  /** The service's `ResultId`; partials are re-sent under the same id until the final one. */
  readonly resultId: string;
  /** True while the service may still change the text. */
  readonly isPartial: boolean;
  /** Start, in milliseconds from the start of the whole audio. */
  readonly startMs: number;
  /** End, in milliseconds from the start of the whole audio. */
  readonly endMs: number;
  /** The best alternative's text. */
  readonly text: string;
  /** The best alternative's words and punctuation. */
  readonly words: readonly TranscriptWord[];
  /** Channel (`ch_0`, `ch_1`) with channel identification. */
  readonly channelId?: string;
  /** Language code of the result (with language identification). */
  readonly languageCode?: string;
  /** Speaker labels appearing in the words, in order of first appearance. */
  readonly speakers: readonly string[];
  /** Mean confidence of the words that carry one; absent when none does. */
  readonly confidence?: number;
  /** Which stream (0, 1 … after rollovers) produced it. */
  readonly streamIndex: number;
}

/**
 * An event of `StreamTranscriber.transcribe()`.
 *
 * - `partial`: text that may still change; replace the previous partial of the same `resultId`.
 * - `final`: stable text of one result.
 * - `rollover`: a new stream was started before the 4-hour cap; times stay stitched to the whole audio.
 * - `throttled`: the service refused a stream (`LimitExceededException`); the transcriber waits `delayMs` and retries.
 */
export type TranscribeEvent =
  | { readonly type: 'partial'; readonly segment: TranscriptSegment }
  | { readonly type: 'final'; readonly segment: TranscriptSegment }
  | { readonly type: 'rollover'; readonly streamIndex: number; readonly offsetMs: number }
  | { readonly type: 'throttled'; readonly attempt: number; readonly delayMs: number };
