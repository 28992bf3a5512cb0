/**
 * Real-time transcription over Transcribe streaming's HTTP/2 API (`StartStreamTranscription`).
 *
 * @module
 */
import type {
  StartStreamTranscriptionCommandOutput,
  TranscribeStreamingClient,
  TranscribeStreamingClientConfig,
} from '@aws-sdk/client-transcribe-streaming';
import { raceAbort, sleep, throwIfAborted, withDeadline } from '../../kit/abort.js';
import { type ClientOptions, LazyClient } from '../../kit/clients.js';
import {
  isAwsMlKitError,
  isServiceError,
  ResponseShapeError,
  type ServiceError,
  ValidationError,
} from '../../kit/errors.js';
import { createSafeLogger, type Logger } from '../../kit/log.js';
import { type BackoffOptions, backoffDelayMs } from '../../kit/retry.js';
import { callService, type SdkErrorLike, toServiceError } from '../../kit/service-call.js';
import {
  DEFAULT_FRAME_MS,
  frameByteLength,
  framePcm,
  type PacingClock,
  type PcmSource,
  paceFrames,
} from '../framePcm.js';
import { parseTranscriptEvent } from '../parseTranscriptEvent.js';
import { RolloverPlanner } from '../RolloverPlanner.js';
import { resamplePcm16 } from '../resamplePcm16.js';
import {
  type TranscribeStreamSettings,
  toStartStreamInput,
  validateTranscribeSettings,
} from '../transcribeSettings.js';
import type { TranscribeEvent } from '../types.js';
import type { WavAudio } from '../wav.js';
import { loadTranscribeStreaming } from './loadTranscribeModules.js';

const SERVICE = 'TranscribeStreaming';
const OPERATION = 'StartStreamTranscription';

/** Audio for {@link StreamTranscriber.transcribe}: a parsed WAV file, or raw 16-bit PCM from any source. */
export type TranscribeAudio = WavAudio | PcmSource;

/** Progress of a transcription, reported after each frame sent. */
export interface TranscribeProgress {
  /** Milliseconds of audio sent so far (all streams; frames re-sent after a refused stream count once). */
  readonly sentMs: number;
  /** Frames sent so far (each counted once, like `sentMs`). */
  readonly frames: number;
  /** Index of the current stream (it grows on rollover). */
  readonly streamIndex: number;
  /** Total audio, when known (in-memory audio). */
  readonly totalMs: number | undefined;
}

/** Options of {@link StreamTranscriber.transcribe}: stream settings plus framing, pacing and limits. */
export interface TranscribeOptions extends Partial<TranscribeStreamSettings> {
  /** Frame length, 50–200 ms. Default 100. */
  readonly frameMs?: number;
  /**
   * Playback speed of pacing: 1 sends audio in real time (what the service expects of recorded audio), 2 twice
   * as fast; `false` sends as fast as the connection takes it (for audio that is already live). Default 1.
   */
  readonly realTimeSpeed?: number | false;
  /** Convert in-memory audio to this sample rate first (only when asked; see `resamplePcm16`). */
  readonly resampleToHz?: number;
  /** Audio per stream before rolling over to a new one, under the 4-hour cap. Default 3 h 55 min. */
  readonly rolloverAfterMs?: number;
  /**
   * When the audio source yields nothing for this long, send a frame of silence (zero samples) so the service's
   * idle timeout (about 15 s) does not close the stream; `false` never does. 100–14,000 ms. Default 5,000.
   */
  readonly idleSilenceAfterMs?: number | false;
  /** New attempts after `LimitExceededException` refuses a stream. Default 5. */
  readonly maxThrottleRetries?: number;
  /** Backoff between those attempts. Default 1 s doubling, up to 20 s, with jitter. */
  readonly throttleBackoff?: BackoffOptions;
  /** Ends the transcription: the audio stream is closed and the iterator rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Deadline for the whole transcription, in milliseconds. */
  readonly timeoutMs?: number;
  /** Called after each frame sent. */
  readonly onProgress?: (progress: TranscribeProgress) => void;
  /** Timer for pacing (tests pass a fake one). Default `performance.now()` and real timers. */
  readonly clock?: PacingClock;
}

/** Settings of {@link StreamTranscriber} besides the client. */
export interface StreamTranscriberSettings {
  /** Receives metadata only (ids, sizes, durations); never audio or transcript text. */
  readonly logger?: Logger;
}

/** Options of {@link StreamTranscriber}: `{ client }` or `{ clientConfig }`, plus settings. */
export type StreamTranscriberOptions = ClientOptions<TranscribeStreamingClient, TranscribeStreamingClientConfig> &
  StreamTranscriberSettings;

/**
 * Documented defaults of {@link StreamTranscriber.transcribe}.
 *
 * @example
 * ```ts
 * transcriber.transcribe(wav, { languageCode: 'en-US', frameMs: DEFAULT_TRANSCRIBE_OPTIONS.frameMs });
 * ```
 */
export const DEFAULT_TRANSCRIBE_OPTIONS = Object.freeze({
  /** Frame length in milliseconds. */
  frameMs: DEFAULT_FRAME_MS,
  /** Real-time pacing. */
  realTimeSpeed: 1,
  /** Retries after `LimitExceededException`. */
  maxThrottleRetries: 5,
  /** Silence is sent after this long without audio from the source. */
  idleSilenceAfterMs: 5_000,
});

interface TranscribePlan {
  source: PcmSource;
  settings: TranscribeStreamSettings;
  framing: { sampleRateHz: number; channels: number; frameMs: number };
  speed: number | false;
  maxThrottleRetries: number;
  planner: RolloverPlanner;
  bytesPerMs: number;
  totalMs: number | undefined;
  idleSilenceAfterMs: number | false;
  frameBytes: number;
}

const SILENT_SDK_LOGGER = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

const REAL_CLOCK: PacingClock = { now: () => performance.now(), sleep };

/**
 * Streams audio to Amazon Transcribe and yields typed events: partial and final segments (words with
 * timings, speakers, channel, confidence), rollovers and throttling pauses. It frames the audio uniformly,
 * paces it in real time, rolls over to a new stream before the 4-hour cap with timestamps stitched to the
 * whole audio, backs off when `LimitExceededException` refuses a stream (replaying the audio that stream
 * had taken), and on abort or `break` closes the audio stream and the HTTP/2 stream.
 *
 * @example
 * ```ts
 * const transcriber = new StreamTranscriber({ clientConfig: { region: 'us-east-1' } });
 * const assembler = new TranscriptAssembler();
 * for await (const event of transcriber.transcribe(parseWav(bytes), { languageCode: 'en-US' })) {
 *   if (event.type === 'final') assembler.push(event.segment);
 * }
 * console.log(formatTranscriptText(assembler.finals));
 * transcriber.destroy();
 * ```
 */
export class StreamTranscriber {
  readonly #client: LazyClient<TranscribeStreamingClient, TranscribeStreamingClientConfig>;
  readonly #logger: Logger;

  /** @throws ValidationError when both `client` and `clientConfig` are given, or the client has no `send()`. */
  constructor(options: StreamTranscriberOptions = {}) {
    this.#client = new LazyClient<TranscribeStreamingClient, TranscribeStreamingClientConfig>(options, {
      packageName: '@aws-sdk/client-transcribe-streaming',
      feature: 'StreamTranscriber',
      // Without a logger the SDK prints a console warning for every refused stream; the transcriber handles those
      // itself and reports them through its own logger, so a client it creates gets a silent one by default.
      create: async (config) =>
        new (await loadTranscribeStreaming('StreamTranscriber')).TranscribeStreamingClient({
          logger: SILENT_SDK_LOGGER,
          ...config,
        }),
    });
    this.#logger = createSafeLogger(options.logger);
  }

  /**
   * Transcribes `audio`. Options are checked at once (a {@link ValidationError} is thrown by this call, before
   * any request); the returned iterable then streams the events.
   *
   * @example
   * ```ts
   * for await (const event of transcriber.transcribe(pcmChunks, { languageCode: 'en-US', sampleRateHz: 16_000, realTimeSpeed: false })) {
   *   if (event.type === 'partial') showCaption(event.segment.text);
   * }
   * ```
   * @throws ValidationError for settings Transcribe rejects, a WAV/PCM mismatch, frames outside 50–200 ms.
   */
  transcribe(audio: TranscribeAudio, options: TranscribeOptions = {}): AsyncIterable<TranscribeEvent> {
    const plan = this.#plan(audio, options);
    return { [Symbol.asyncIterator]: () => this.#run(plan, options) };
  }

  /**
   * Destroys the client this transcriber created (an injected client is left alone).
   *
   * @example
   * ```ts
   * transcriber.destroy();
   * ```
   */
  destroy(): void {
    this.#client.destroy();
  }

  #plan(audio: TranscribeAudio, options: TranscribeOptions): TranscribePlan {
    if (options === null || typeof options !== 'object') throw new ValidationError('options', 'must be an object');
    let source: PcmSource;
    let sampleRateHz = options.sampleRateHz;
    let channels = options.channels;
    if (isWavAudio(audio)) {
      if (sampleRateHz !== undefined && options.resampleToHz === undefined && sampleRateHz !== audio.sampleRateHz) {
        throw new ValidationError(
          'options.sampleRateHz',
          `must match the WAV file's ${audio.sampleRateHz} Hz (or set resampleToHz), got ${sampleRateHz}`,
        );
      }
      if (channels !== undefined && channels !== audio.channels) {
        throw new ValidationError(
          'options.channels',
          `must match the WAV file's ${audio.channels} channels, got ${channels}`,
        );
      }
      sampleRateHz = audio.sampleRateHz;
      channels = audio.channels as 1 | 2;
      source = audio.pcm;
    } else {
      if (sampleRateHz === undefined && options.resampleToHz === undefined) {
        throw new ValidationError('options.sampleRateHz', 'is required for raw PCM (a WAV file carries its own)');
      }
      source = audio;
    }
    if (options.resampleToHz !== undefined) {
      if (!(source instanceof Uint8Array)) {
        throw new ValidationError('options.resampleToHz', 'needs audio in memory (a WAV file or one Uint8Array)');
      }
      if (sampleRateHz === undefined || !(sampleRateHz > 0)) {
        throw new ValidationError('options.sampleRateHz', 'is required to resample raw PCM');
      }
      const settings = { ...options, sampleRateHz: options.resampleToHz, channels: channels ?? 1 };
      validateTranscribeSettings(settings);
      source = resamplePcm16(source, { fromHz: sampleRateHz, toHz: options.resampleToHz, channels: channels ?? 1 });
      sampleRateHz = options.resampleToHz;
    }
    const settings: TranscribeStreamSettings = {
      ...options,
      sampleRateHz: sampleRateHz as number,
      channels: channels ?? 1,
    };
    validateTranscribeSettings(settings);
    const frameMs = options.frameMs ?? DEFAULT_TRANSCRIBE_OPTIONS.frameMs;
    const framing = { sampleRateHz: settings.sampleRateHz, channels: settings.channels ?? 1, frameMs };
    const frameBytes = frameByteLength(framing); // validates the frame length now, not at the first event
    const speed = options.realTimeSpeed ?? DEFAULT_TRANSCRIBE_OPTIONS.realTimeSpeed;
    if (speed !== false && !(Number.isFinite(speed) && speed > 0)) {
      throw new ValidationError('options.realTimeSpeed', `must be a positive number or false, got ${String(speed)}`);
    }
    const maxThrottleRetries = options.maxThrottleRetries ?? DEFAULT_TRANSCRIBE_OPTIONS.maxThrottleRetries;
    if (!Number.isInteger(maxThrottleRetries) || maxThrottleRetries < 0) {
      throw new ValidationError(
        'options.maxThrottleRetries',
        `must be a non-negative integer, got ${maxThrottleRetries}`,
      );
    }
    if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
      throw new ValidationError(
        'options.timeoutMs',
        `must be a positive number of milliseconds, got ${options.timeoutMs}`,
      );
    }
    const idleSilenceAfterMs = options.idleSilenceAfterMs ?? DEFAULT_TRANSCRIBE_OPTIONS.idleSilenceAfterMs;
    if (idleSilenceAfterMs !== false && !(idleSilenceAfterMs >= 100 && idleSilenceAfterMs <= 14_000)) {
      throw new ValidationError(
        'options.idleSilenceAfterMs',
        `must be from 100 to 14000 ms (under the service's idle timeout) or false, got ${String(idleSilenceAfterMs)}`,
      );
    }
    const planner = new RolloverPlanner(
      options.rolloverAfterMs === undefined ? {} : { rolloverAfterMs: options.rolloverAfterMs },
    );
    const bytesPerMs = (framing.channels * 2 * framing.sampleRateHz) / 1000;
    const totalMs = source instanceof Uint8Array ? source.byteLength / bytesPerMs : undefined;
    return {
      source,
      settings,
      framing,
      speed,
      maxThrottleRetries,
      planner,
      bytesPerMs,
      totalMs,
      idleSilenceAfterMs,
      frameBytes,
    };
  }

  async *#run(plan: TranscribePlan, options: TranscribeOptions): AsyncGenerator<TranscribeEvent> {
    const signal = withDeadline(options.signal, options.timeoutMs);
    throwIfAborted(signal);
    const { planner, bytesPerMs, settings } = plan;
    let frames: AsyncIterable<Uint8Array> = framePcm(plan.source, plan.framing);
    if (plan.speed !== false) {
      frames = paceFrames(frames, { ...plan.framing, speed: plan.speed, clock: options.clock ?? REAL_CLOCK, signal });
    }
    const feed = new FrameFeed(
      frames[Symbol.asyncIterator](),
      planner,
      bytesPerMs,
      plan.idleSilenceAfterMs,
      plan.frameBytes,
    );
    const [client, { StartStreamTranscriptionCommand }] = await raceAbort(
      Promise.all([this.#client.get(), loadTranscribeStreaming('StreamTranscriber')]),
      signal,
    );
    const input = toStartStreamInput(settings);
    let sentMs = 0;
    let sentFrames = 0;
    // Frames of a refused stream that are being sent again: progress counts each frame of audio once.
    let resendFrames = 0;
    try {
      for (;;) {
        const streamIndex = planner.streamIndex;
        const offsetMs = planner.offsetMs;
        if (streamIndex > 0) yield { type: 'rollover', streamIndex, offsetMs };
        for (let attempt = 0; ; attempt++) {
          const controller = new AbortController();
          const streamSignal = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
          const stream = feed.openStream(streamSignal, (frame) => {
            if (resendFrames > 0) {
              resendFrames--;
              return;
            }
            sentMs += frame.byteLength / bytesPerMs;
            sentFrames++;
            options.onProgress?.({ sentMs, frames: sentFrames, streamIndex, totalMs: plan.totalMs });
          });
          let output: StartStreamTranscriptionCommandOutput | undefined;
          let iterator: AsyncIterator<unknown> | undefined;
          try {
            const command = new StartStreamTranscriptionCommand({ ...input, AudioStream: stream.events() } as never);
            output = await callService<StartStreamTranscriptionCommandOutput>(client, command, {
              service: SERVICE,
              operation: OPERATION,
              signal: streamSignal,
              logger: this.#logger,
              meta: { index: streamIndex, attempt },
            });
            if (!output.TranscriptResultStream) {
              throw new ResponseShapeError(`${SERVICE}.${OPERATION}`, 'TranscriptResultStream', 'is missing');
            }
            iterator = output.TranscriptResultStream[Symbol.asyncIterator]();
            for (;;) {
              const next = await raceAbort(iterator.next(), streamSignal).catch((error: unknown) => {
                throw mapStreamError(error, signal);
              });
              if (next.done) break;
              const event = next.value as Record<string, unknown>;
              const exceptionName = Object.keys(event).find((key) => key.endsWith('Exception'));
              if (exceptionName) throw streamException(exceptionName);
              if (!event.TranscriptEvent) continue;
              stream.responded();
              for (const segment of parseTranscriptEvent(event.TranscriptEvent, { offsetMs, streamIndex })) {
                yield { type: segment.isPartial ? 'partial' : 'final', segment };
              }
            }
            stream.responded();
            if (stream.sourceError !== undefined) throw stream.sourceError;
            this.#logger.debug('stream ended', {
              index: streamIndex,
              requestId: output.$metadata?.requestId,
              frames: stream.frames,
            });
            break;
          } catch (caught) {
            throwIfAborted(signal);
            if (caught !== undefined && caught === stream.sourceError) throw caught; // the caller's own audio source failed
            // The SDK throws in-stream exceptions without `$metadata`, so callService passes them through.
            const error = mapStreamError(caught, signal);
            const throttled = isServiceError(error) && error.code === 'THROTTLED';
            if (!throttled || !stream.canReplay() || attempt >= plan.maxThrottleRetries) throw error;
            // Stop the refused stream's audio first, so it cannot take replayed frames while we wait.
            stream.stop();
            controller.abort();
            resendFrames += stream.replay();
            const delayMs = Math.round(backoffDelayMs(attempt, options.throttleBackoff));
            this.#logger.warn('stream refused (LimitExceededException), retrying', { attempt: attempt + 1, delayMs });
            yield { type: 'throttled', attempt: attempt + 1, delayMs };
            await sleep(delayMs, signal);
          } finally {
            stream.stop();
            controller.abort();
            // The SDK's stream may never settle after an abort; do not wait for it.
            settleQuietly(() => iterator?.return?.());
          }
        }
        if (!feed.rolledOver) return;
        feed.rolledOver = false;
      }
    } finally {
      feed.close();
    }
  }
}

/** Calls a clean-up that may throw or return a promise that rejects, without waiting for it or failing. */
function settleQuietly(cleanUp: () => unknown): void {
  try {
    Promise.resolve(cleanUp()).catch(() => undefined);
  } catch {
    // nothing to do: the stream is being abandoned
  }
}

function isWavAudio(audio: TranscribeAudio): audio is WavAudio {
  return (
    typeof audio === 'object' &&
    audio !== null &&
    !(audio instanceof Uint8Array) &&
    (audio as WavAudio).pcm instanceof Uint8Array &&
    typeof (audio as WavAudio).sampleRateHz === 'number'
  );
}

function mapStreamError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason;
  if (isAwsMlKitError(error)) return error;
  // Anything else, a thrown string included, becomes a ServiceError that keeps the name only.
  const e = (typeof error === 'object' ? error : null) as (Error & SdkErrorLike) | null;
  const name = typeof e?.name === 'string' ? e.name : 'UnknownError';
  return toServiceError(Object.assign(new Error(name), { name, $fault: e?.$fault, $metadata: { ...e?.$metadata } }), {
    service: SERVICE,
    operation: OPERATION,
  });
}

function streamException(errorName: string): ServiceError {
  return toServiceError(Object.assign(new Error(errorName), { name: errorName, $metadata: {} }), {
    service: SERVICE,
    operation: OPERATION,
  });
}

/**
 * Hands frames to successive streams: counts them against the rollover plan, keeps the frames a stream took
 * before the service answered (to replay them if the stream is refused), and the frame that triggered a
 * rollover (to open the next stream with it).
 */
class FrameFeed {
  readonly #frames: AsyncIterator<Uint8Array>;
  readonly #planner: RolloverPlanner;
  readonly #bytesPerMs: number;
  readonly #idleMs: number | false;
  readonly #frameBytes: number;
  readonly #queue: Uint8Array[] = [];
  #pending: Promise<IteratorResult<Uint8Array>> | undefined;
  #idlePromise: Promise<'idle'> | undefined;
  #wakeIdle: (() => void) | undefined;
  #watchdog: ReturnType<typeof setInterval> | undefined;
  #waiting = false;
  #lastActivityMs = 0;
  #sourceDone = false;
  rolledOver = false;

  constructor(
    frames: AsyncIterator<Uint8Array>,
    planner: RolloverPlanner,
    bytesPerMs: number,
    idleMs: number | false,
    frameBytes: number,
  ) {
    this.#frames = frames;
    this.#planner = planner;
    this.#bytesPerMs = bytesPerMs;
    this.#idleMs = idleMs;
    this.#frameBytes = frameBytes;
  }

  /**
   * The source's next frame, or a frame of silence when the source has been quiet for the idle limit. A pending
   * `next()` is kept for the following pull (and the following stream), so no frame is lost or reordered. One
   * watchdog timer per transcription checks for idleness, instead of a timer per frame.
   */
  async #pull(signal: AbortSignal): Promise<IteratorResult<Uint8Array>> {
    this.#pending ??= this.#frames.next();
    if (this.#idleMs === false) {
      const next = await raceAbort(this.#pending, signal);
      this.#pending = undefined;
      return next;
    }
    this.#startWatchdog(this.#idleMs);
    this.#waiting = true;
    try {
      const next = await raceAbort(Promise.race([this.#pending, this.#idle()]), signal);
      this.#lastActivityMs = performance.now();
      if (next === 'idle') {
        return { done: false, value: new Uint8Array(this.#frameBytes) };
      }
      this.#pending = undefined;
      return next;
    } finally {
      this.#waiting = false;
    }
  }

  #idle(): Promise<'idle'> {
    this.#idlePromise ??= new Promise<'idle'>((resolve) => {
      this.#wakeIdle = () => {
        this.#idlePromise = undefined;
        resolve('idle');
      };
    });
    return this.#idlePromise;
  }

  #startWatchdog(idleMs: number): void {
    if (this.#watchdog !== undefined) return;
    this.#lastActivityMs = performance.now();
    this.#watchdog = setInterval(
      () => {
        if (this.#waiting && performance.now() - this.#lastActivityMs >= idleMs) this.#wakeIdle?.();
      },
      Math.max(10, Math.floor(idleMs / 4)),
    );
    (this.#watchdog as { unref?: () => void }).unref?.();
  }

  openStream(signal: AbortSignal, onSent: (frame: Uint8Array) => void) {
    const feed = this;
    let stopped = false;
    let recording: Uint8Array[] | undefined = [];
    let sourceError: unknown;
    let frames = 0;
    return {
      get sourceError() {
        return sourceError;
      },
      get frames() {
        return frames;
      },
      async *events(): AsyncGenerator<{ AudioEvent: { AudioChunk: Uint8Array } }> {
        while (!stopped) {
          let frame = feed.#queue.shift();
          const fromQueue = frame !== undefined;
          if (frame === undefined) {
            if (feed.#sourceDone || feed.rolledOver) return;
            let next: IteratorResult<Uint8Array>;
            try {
              next = await feed.#pull(signal);
            } catch (error) {
              if (!signal.aborted) sourceError = error;
              return; // ends the audio stream cleanly; the error surfaces after the service's last results
            }
            if (next.done) {
              feed.#sourceDone = true;
              return;
            }
            frame = next.value;
            if (feed.#planner.next(frame.byteLength / feed.#bytesPerMs) === 'rollover') {
              feed.#queue.push(frame);
              feed.rolledOver = true;
              return;
            }
          }
          if (stopped) {
            // A queued frame goes back to the front; a newly pulled one is newer than anything queued.
            if (fromQueue) feed.#queue.unshift(frame);
            else feed.#queue.push(frame);
            return;
          }
          recording?.push(frame);
          frames++;
          onSent(frame);
          yield { AudioEvent: { AudioChunk: frame } };
        }
      },
      /** The service answered with a result: frames sent so far can no longer be replayed. */
      responded() {
        recording = undefined;
      },
      canReplay() {
        return recording !== undefined;
      },
      /** Puts the frames this refused stream took back in front of the queue; returns how many. */
      replay(): number {
        const count = recording?.length ?? 0;
        if (recording) feed.#queue.unshift(...recording);
        recording = undefined;
        feed.rolledOver = false;
        return count;
      },
      stop() {
        stopped = true;
      },
    };
  }

  close(): void {
    if (this.#watchdog !== undefined) clearInterval(this.#watchdog);
    settleQuietly(() => this.#frames.return?.());
  }
}
