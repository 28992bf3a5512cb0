/**
 * Planning new streams before Transcribe's 4-hour stream cap, with timestamps stitched across them.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { TRANSCRIBE_STREAMING_LIMITS } from './limits.js';

/**
 * Default audio per stream before rolling over: 5 minutes under the 4-hour cap, so a stream paced slightly
 * slower than real time still ends before the service cuts it.
 *
 * @example
 * ```ts
 * new RolloverPlanner({ rolloverAfterMs: DEFAULT_ROLLOVER_AFTER_MS });
 * ```
 */
export const DEFAULT_ROLLOVER_AFTER_MS = TRANSCRIBE_STREAMING_LIMITS.maxStreamDurationMs - 300_000;

/** One planned stream of {@link planStreams}. */
export interface PlannedStream {
  /** 0, 1, … */
  readonly streamIndex: number;
  /** Where its audio starts in the whole audio; add to its result times. */
  readonly offsetMs: number;
  /** Audio it carries. */
  readonly durationMs: number;
}

/**
 * Counts the audio sent on the current stream and says when the next frame must go on a new stream.
 * Frames are never split: a stream ends before the frame that would cross `rolloverAfterMs`.
 *
 * @example
 * ```ts
 * const planner = new RolloverPlanner();
 * if (planner.next(frameMs) === 'rollover') { endStream(); startStream(planner.offsetMs); }
 * ```
 */
export class RolloverPlanner {
  readonly #limitMs: number;
  #streamIndex = 0;
  #offsetMs = 0;
  #sentMs = 0;

  /** @throws ValidationError when `rolloverAfterMs` is not in (0, 14,400,000]. */
  constructor(options: { readonly rolloverAfterMs?: number } = {}) {
    const limit = options.rolloverAfterMs ?? DEFAULT_ROLLOVER_AFTER_MS;
    if (!(limit > 0 && limit <= TRANSCRIBE_STREAMING_LIMITS.maxStreamDurationMs)) {
      throw new ValidationError(
        'options.rolloverAfterMs',
        `must be more than 0 and at most ${TRANSCRIBE_STREAMING_LIMITS.maxStreamDurationMs} ms (the 4-hour cap), got ${limit}`,
      );
    }
    this.#limitMs = limit;
  }

  /**
   * Accounts for a frame of `frameMs`; returns `rollover` when it must start a new stream (the planner has
   * then moved to that stream), else `continue`.
   *
   * @example
   * ```ts
   * planner.next(100); // 'continue'
   * ```
   */
  next(frameMs: number): 'continue' | 'rollover' {
    if (this.#sentMs > 0 && this.#sentMs + frameMs > this.#limitMs) {
      this.#offsetMs += this.#sentMs;
      this.#streamIndex++;
      this.#sentMs = frameMs;
      return 'rollover';
    }
    this.#sentMs += frameMs;
    return 'continue';
  }

  /**
   * Index of the current stream.
   *
   * @example
   * ```ts
   * planner.streamIndex; // 0 before the first rollover
   * ```
   */
  get streamIndex(): number {
    return this.#streamIndex;
  }

  /**
   * Milliseconds of audio before the current stream: add to its result times.
   *
   * @example
   * ```ts
   * const stitchedMs = resultStartMs + planner.offsetMs;
   * ```
   */
  get offsetMs(): number {
    return this.#offsetMs;
  }
}

/**
 * The streams a known duration of audio needs, cut in whole frames.
 *
 * @example
 * ```ts
 * planStreams(5 * 3_600_000, { frameMs: 100 }); // two streams: 3 h 55 min and 1 h 5 min
 * ```
 * @throws ValidationError for negative durations or bad frame lengths.
 */
export function planStreams(
  totalMs: number,
  options: { readonly frameMs: number; readonly rolloverAfterMs?: number },
): PlannedStream[] {
  if (!(totalMs >= 0)) throw new ValidationError('totalMs', `must be a non-negative number, got ${totalMs}`);
  if (!(options.frameMs > 0)) throw new ValidationError('options.frameMs', `must be positive, got ${options.frameMs}`);
  const planner = new RolloverPlanner(options);
  const streams: PlannedStream[] = [];
  let durationMs = 0;
  for (let sent = 0; sent < totalMs; sent += options.frameMs) {
    const frameMs = Math.min(options.frameMs, totalMs - sent);
    if (planner.next(frameMs) === 'rollover') {
      streams.push({ streamIndex: planner.streamIndex - 1, offsetMs: planner.offsetMs - durationMs, durationMs });
      durationMs = 0;
    }
    durationMs += frameMs;
  }
  if (durationMs > 0) streams.push({ streamIndex: planner.streamIndex, offsetMs: planner.offsetMs, durationMs });
  return streams;
}
