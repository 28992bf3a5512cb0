/**
 * Amazon Transcribe streaming limits the library checks before any request.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';

/**
 * Limits of `StartStreamTranscription` and its WebSocket twin (developer guide, "Streaming" best practices and
 * "Endpoints and quotas"). Frames of 50–200 ms are the documented best practice, not a hard service limit.
 *
 * @example
 * ```ts
 * const maxBytes = (TRANSCRIBE_STREAMING_LIMITS.maxChunkMs / 1000) * 16_000 * 2; // 1 s of 16 kHz mono
 * ```
 */
export const TRANSCRIBE_STREAMING_LIMITS = Object.freeze({
  /** Lowest `MediaSampleRateHertz` the service accepts. */
  minSampleRateHz: 8_000,
  /** Highest `MediaSampleRateHertz` the service accepts. */
  maxSampleRateHz: 48_000,
  /** Channels: 1, or 2 with channel identification. */
  maxChannels: 2,
  /** Longest audio one `AudioChunk` may hold. */
  maxChunkMs: 1_000,
  /** Shortest recommended frame. */
  minFrameMs: 50,
  /** Longest recommended frame. */
  maxFrameMs: 200,
  /** Hard cap on one stream's duration: 4 hours, not adjustable. */
  maxStreamDurationMs: 14_400_000,
  /** Longest `X-Amz-Expires` of a presigned WebSocket URL. */
  maxPresignExpirySeconds: 300,
});

/**
 * Checks a sample rate against what Transcribe streaming accepts (an integer in 8,000–48,000 Hz).
 *
 * @example
 * ```ts
 * assertTranscribeSampleRate(16_000, 'options.sampleRateHz');
 * ```
 * @throws ValidationError naming `field`.
 */
export function assertTranscribeSampleRate(sampleRateHz: unknown, field: string): asserts sampleRateHz is number {
  const { minSampleRateHz, maxSampleRateHz } = TRANSCRIBE_STREAMING_LIMITS;
  if (
    !Number.isInteger(sampleRateHz) ||
    (sampleRateHz as number) < minSampleRateHz ||
    (sampleRateHz as number) > maxSampleRateHz
  ) {
    throw new ValidationError(
      field,
      `must be an integer sample rate Transcribe streaming accepts (${minSampleRateHz}–${maxSampleRateHz} Hz), got ${String(sampleRateHz)}`,
    );
  }
}
