/**
 * Uniform framing of PCM audio, as Transcribe's streaming best practices ask (50–200 ms chunks of one size),
 * and optional real-time pacing with an injected clock.
 *
 * @module
 */
import { throwIfAborted } from '../kit/abort.js';
import { ValidationError } from '../kit/errors.js';
import { TRANSCRIBE_STREAMING_LIMITS } from './limits.js';

/** Audio the transcriber accepts: PCM bytes in memory, or any (async) iterable of PCM byte chunks of any size. */
export type PcmSource = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** Options of {@link framePcm}. */
export interface FramePcmOptions {
  /** Samples per second per channel. */
  readonly sampleRateHz: number;
  /** Interleaved channels. Default 1. */
  readonly channels?: number;
  /** Frame duration in milliseconds, 50–200. Default {@link DEFAULT_FRAME_MS}. */
  readonly frameMs?: number;
}

/**
 * Default frame duration: 100 ms, the middle of the recommended 50–200 ms.
 *
 * @example
 * ```ts
 * frameByteLength({ sampleRateHz: 16_000, frameMs: DEFAULT_FRAME_MS }); // 3200
 * ```
 */
export const DEFAULT_FRAME_MS = 100;

/**
 * Bytes in one frame: `round(frameMs / 1000 × sampleRateHz) × channels × 2`, so every frame holds whole sample
 * frames (an even byte count for mono, a multiple of 4 for stereo).
 *
 * @example
 * ```ts
 * frameByteLength({ sampleRateHz: 8_000, channels: 2, frameMs: 50 }); // 1600
 * ```
 * @throws ValidationError for a frame duration outside 50–200 ms or a bad channel count.
 */
export function frameByteLength(options: FramePcmOptions): number {
  const { minFrameMs, maxFrameMs, maxChannels } = TRANSCRIBE_STREAMING_LIMITS;
  const frameMs = options.frameMs ?? DEFAULT_FRAME_MS;
  const channels = options.channels ?? 1;
  if (!(Number.isFinite(frameMs) && frameMs >= minFrameMs && frameMs <= maxFrameMs)) {
    throw new ValidationError('options.frameMs', `must be between ${minFrameMs} and ${maxFrameMs} ms, got ${frameMs}`);
  }
  if (!Number.isInteger(channels) || channels < 1 || channels > maxChannels) {
    throw new ValidationError('options.channels', `must be 1 or 2, got ${channels}`);
  }
  if (!(Number.isFinite(options.sampleRateHz) && options.sampleRateHz > 0)) {
    throw new ValidationError('options.sampleRateHz', `must be a positive number, got ${options.sampleRateHz}`);
  }
  return Math.max(1, Math.round((frameMs / 1000) * options.sampleRateHz)) * channels * 2;
}

/**
 * Cuts PCM from any source into frames of one size; only the last frame may be shorter. The frames
 * concatenate to exactly the input. A source whose total length is not whole sample frames is an error
 * at its end (a half sample would shift every later sample).
 *
 * @example
 * ```ts
 * for await (const frame of framePcm(microphoneChunks, { sampleRateHz: 16_000 })) socket.send(encode(frame));
 * ```
 * @throws ValidationError for options out of range (at the first `next()`), or a source that ends mid-sample.
 */
export async function* framePcm(source: PcmSource, options: FramePcmOptions): AsyncGenerator<Uint8Array> {
  const size = frameByteLength(options);
  const sampleFrameBytes = (options.channels ?? 1) * 2;
  if (source instanceof Uint8Array) {
    checkWhole(source.byteLength, sampleFrameBytes);
    for (let offset = 0; offset < source.byteLength; offset += size) yield source.subarray(offset, offset + size);
    return;
  }
  if (source === null || typeof source !== 'object' || !(Symbol.asyncIterator in source || Symbol.iterator in source)) {
    throw new ValidationError('audio', 'must be a Uint8Array or an (async) iterable of Uint8Array chunks');
  }
  let pending = new Uint8Array(size);
  let filled = 0;
  let total = 0;
  for await (const chunk of source as AsyncIterable<Uint8Array>) {
    if (!(chunk instanceof Uint8Array)) throw new ValidationError('audio', 'chunks must be Uint8Array');
    total += chunk.byteLength;
    let offset = 0;
    while (offset < chunk.byteLength) {
      const take = Math.min(size - filled, chunk.byteLength - offset);
      pending.set(chunk.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === size) {
        yield pending;
        pending = new Uint8Array(size);
        filled = 0;
      }
    }
  }
  checkWhole(total, sampleFrameBytes);
  if (filled > 0) yield pending.subarray(0, filled);
}

function checkWhole(byteLength: number, sampleFrameBytes: number): void {
  if (byteLength % sampleFrameBytes !== 0) {
    throw new ValidationError(
      'audio',
      `must hold whole sample frames of ${sampleFrameBytes} bytes, got ${byteLength} bytes`,
    );
  }
}

/** The clock {@link paceFrames} waits on; the adapter passes real timers, tests a fake one. */
export interface PacingClock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Options of {@link paceFrames}. */
export interface PaceFramesOptions {
  /** Samples per second per channel of the frames. */
  readonly sampleRateHz: number;
  /** Interleaved channels. Default 1. */
  readonly channels?: number;
  /** Playback speed: 1 is real time, 2 twice as fast. Default 1. */
  readonly speed?: number;
  /** The timer. Pacing is the only place the transcriber waits on one. */
  readonly clock: PacingClock;
  /** Stops pacing. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Releases frames no faster than the audio they hold plays (times `speed`): frame n waits until the audio
 * of frames 0…n−1 has "played". Use it for recorded audio, which Transcribe expects near real time.
 *
 * @example
 * ```ts
 * const clock = { now: () => performance.now(), sleep };
 * for await (const frame of paceFrames(framePcm(pcm, { sampleRateHz }), { sampleRateHz, clock })) send(frame);
 * ```
 * @throws ValidationError for a speed that is not a positive number.
 */
export async function* paceFrames(
  frames: AsyncIterable<Uint8Array>,
  options: PaceFramesOptions,
): AsyncGenerator<Uint8Array> {
  const speed = options.speed ?? 1;
  if (!(Number.isFinite(speed) && speed > 0)) {
    throw new ValidationError('options.speed', `must be a positive number, got ${speed}`);
  }
  const bytesPerMs = ((options.channels ?? 1) * 2 * options.sampleRateHz) / 1000;
  const { clock, signal } = options;
  const startedAt = clock.now();
  let playedMs = 0;
  for await (const frame of frames) {
    throwIfAborted(signal);
    const dueAt = startedAt + playedMs / speed;
    const waitMs = dueAt - clock.now();
    if (waitMs > 0) await clock.sleep(waitMs, signal);
    yield frame;
    playedMs += frame.byteLength / bytesPerMs;
  }
}
