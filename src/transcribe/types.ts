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

/** Text that may still change: replace the previous partial of the same `segment.resultId`. */
export interface TranscriptPartialEvent {
  /** Discriminant. */
  readonly type: 'partial';
  /** The result as it stands. */
  readonly segment: TranscriptSegment;
}

/** The stable text of one result. */
export interface TranscriptFinalEvent {
  /** Discriminant. */
  readonly type: 'final';
  /** The final result. */
  readonly segment: TranscriptSegment;
}

/** A new stream was started before the 4-hour cap; times stay stitched to the whole audio. */
export interface TranscribeRolloverEvent {
  /** Discriminant. */
  readonly type: 'rollover';
  /** Index of the new stream (1 for the first rollover). */
  readonly streamIndex: number;
  /** Milliseconds of audio sent before it, added to its result times. */
  readonly offsetMs: number;
}

/** The service refused a stream (`LimitExceededException`); the transcriber waits, then retries. */
export interface TranscribeThrottledEvent {
  /** Discriminant. */
  readonly type: 'throttled';
  /** 1 for the first retry. */
  readonly attempt: number;
  /** How long it waits before retrying. */
  readonly delayMs: number;
}

/**
 * An event of `StreamTranscriber.transcribe()` and `transcribeOverWebSocket()`.
 *
 * @example
 * ```ts
 * for await (const event of events) if (event.type === 'final') console.log(event.segment.text);
 * ```
 */
export type TranscribeEvent =
  | TranscriptPartialEvent
  | TranscriptFinalEvent
  | TranscribeRolloverEvent
  | TranscribeThrottledEvent;
