/**
 * The browser path: transcription over a presigned WebSocket URL (`StartStreamTranscriptionWebSocket`).
 *
 * @module
 */
import { raceAbort, sleep, throwIfAborted, withDeadline } from '../../kit/abort.js';
import { ServiceError, ValidationError } from '../../kit/errors.js';
import { DEFAULT_FRAME_MS, frameByteLength, framePcm, type PacingClock, paceFrames } from '../framePcm.js';
import { assertTranscribeSampleRate } from '../limits.js';
import { parseTranscriptEvent } from '../parseTranscriptEvent.js';
import { assertPresignedUrlFresh } from '../presignedUrlExpiry.js';
import type { TranscribeEvent } from '../types.js';
import type { TranscribeAudio } from './StreamTranscriber.js';
import { TranscribeEventStream } from './TranscribeEventStream.js';

/** The part of the WHATWG `WebSocket` the transcriber uses (browsers, Node ≥ 22, or the `ws` package). */
export interface WebSocketLike {
  /** Set to `arraybuffer`. */
  binaryType: string;
  /** Sends one binary message. */
  send(data: Uint8Array): void;
  /** Closes the connection. */
  close(code?: number, reason?: string): void;
  /** Open handler. */
  onopen: ((event: unknown) => void) | null;
  /** Message handler; `data` is an ArrayBuffer. */
  onmessage: ((event: { data: unknown }) => void) | null;
  /** Error handler. */
  onerror: ((event: unknown) => void) | null;
  /** Close handler. */
  onclose: ((event: { code?: number }) => void) | null;
}

/** A `WebSocket` constructor. */
export type WebSocketConstructorLike = new (url: string) => WebSocketLike;

/** Options of {@link transcribeOverWebSocket}. */
export interface WebSocketTranscribeOptions {
  /** Sample rate of raw PCM; a WAV file carries its own. Must match the URL's `sample-rate`. */
  readonly sampleRateHz?: number;
  /** Channels of raw PCM. Default 1. */
  readonly channels?: 1 | 2;
  /** Frame length, 50–200 ms. Default 100. */
  readonly frameMs?: number;
  /** Pacing speed (1 = real time) or `false` for none. Default 1. */
  readonly realTimeSpeed?: number | false;
  /** Ends the transcription: the socket is closed and the iterator rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Deadline for the whole transcription, in milliseconds. */
  readonly timeoutMs?: number;
  /** WebSocket implementation. Default `globalThis.WebSocket`. */
  readonly WebSocket?: WebSocketConstructorLike;
  /** Timer for pacing. Default real timers. */
  readonly clock?: PacingClock;
  /** Wall clock for the URL's expiry check. Default `Date.now`. */
  readonly now?: () => number;
}

const OPERATION = 'StartStreamTranscriptionWebSocket';

/**
 * Streams audio over a presigned WebSocket URL (see `createPresignedTranscribeUrl`) and yields the same typed
 * events as `StreamTranscriber`: audio is framed and paced, sent as event-stream `AudioEvent`s and closed with
 * the empty `AudioEvent`; transcript events are decoded; a service exception becomes a {@link ServiceError}
 * (`LimitExceededException` with code `THROTTLED`). An expired URL is refused before connecting. The WebSocket
 * path does not retry: a presigned URL is the caller's to renew.
 *
 * @example
 * ```ts
 * const url = await createPresignedTranscribeUrl({ region, credentials, languageCode: 'en-US', sampleRateHz: 16_000 });
 * for await (const event of transcribeOverWebSocket(url, micChunks, { sampleRateHz: 16_000, realTimeSpeed: false })) {
 *   if (event.type === 'final') console.log(event.segment.text);
 * }
 * ```
 * @throws ValidationError for an expired URL, a sample rate other than the URL's, frames outside 50–200 ms.
 */
export function transcribeOverWebSocket(
  url: string,
  audio: TranscribeAudio,
  options: WebSocketTranscribeOptions = {},
): AsyncIterable<TranscribeEvent> {
  assertPresignedUrlFresh(url, { nowMs: (options.now ?? Date.now)() });
  const urlRate = Number(new URL(url).searchParams.get('sample-rate'));
  const wav =
    typeof audio === 'object' && audio !== null && !(audio instanceof Uint8Array) && 'pcm' in audio ? audio : undefined;
  const sampleRateHz = wav?.sampleRateHz ?? options.sampleRateHz ?? urlRate;
  assertTranscribeSampleRate(sampleRateHz, 'options.sampleRateHz');
  if (sampleRateHz !== urlRate) {
    throw new ValidationError(
      'options.sampleRateHz',
      `must equal the URL's sample-rate ${urlRate}, got ${sampleRateHz}`,
    );
  }
  const channels = wav?.channels ?? options.channels ?? 1;
  const framing = { sampleRateHz, channels, frameMs: options.frameMs ?? DEFAULT_FRAME_MS };
  frameByteLength(framing);
  const speed = options.realTimeSpeed ?? 1;
  if (speed !== false && !(Number.isFinite(speed) && speed > 0)) {
    throw new ValidationError('options.realTimeSpeed', `must be a positive number or false, got ${String(speed)}`);
  }
  const Socket = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructorLike }).WebSocket;
  if (typeof Socket !== 'function') {
    throw new ValidationError(
      'options.WebSocket',
      'is required where no global WebSocket exists (e.g. pass the ws package)',
    );
  }
  const source = wav ? wav.pcm : (audio as Exclude<TranscribeAudio, { pcm: Uint8Array }>);
  return {
    [Symbol.asyncIterator]: () => run(url, source, { ...options, framing, speed, Socket }),
  };
}

async function* run(
  url: string,
  source: Exclude<TranscribeAudio, { pcm: Uint8Array }>,
  options: WebSocketTranscribeOptions & {
    framing: { sampleRateHz: number; channels: number; frameMs: number };
    speed: number | false;
    Socket: WebSocketConstructorLike;
  },
): AsyncGenerator<TranscribeEvent> {
  const signal = withDeadline(options.signal, options.timeoutMs);
  throwIfAborted(signal);
  const codec = await raceAbort(TranscribeEventStream.load(), signal);
  const inbox: Uint8Array[] = [];
  let opened = false;
  let closed = false;
  let failed = false;
  let wake: (() => void) | undefined;
  const changed = () => new Promise<void>((resolve) => (wake = resolve));
  const notify = () => wake?.();
  const socket = new options.Socket(url);
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => {
    opened = true;
    notify();
  };
  socket.onmessage = (event) => {
    const data = event.data;
    if (data instanceof ArrayBuffer) inbox.push(new Uint8Array(data));
    else if (ArrayBuffer.isView(data)) inbox.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    notify();
  };
  socket.onerror = () => {
    failed = true;
    notify();
  };
  socket.onclose = () => {
    closed = true;
    notify();
  };
  const pumpController = new AbortController();
  const pumpSignal = signal ? AbortSignal.any([signal, pumpController.signal]) : pumpController.signal;
  let pumpError: unknown;
  try {
    while (!opened) {
      if (failed || closed) {
        // Handshake refused (403 for a bad or expired signature, 429 …): the browser API hides the status.
        throw new ServiceError(`TranscribeStreaming.${OPERATION} failed: the WebSocket handshake was refused`, {
          service: 'TranscribeStreaming',
          operation: OPERATION,
          errorName: 'WebSocketHandshakeError',
        });
      }
      await raceAbort(changed(), signal);
    }
    const pump = (async () => {
      let frames: AsyncIterable<Uint8Array> = framePcm(source, options.framing);
      if (options.speed !== false) {
        const clock = options.clock ?? { now: () => performance.now(), sleep };
        frames = paceFrames(frames, { ...options.framing, speed: options.speed, clock, signal: pumpSignal });
      }
      for await (const frame of frames) {
        if (closed || pumpSignal.aborted) return;
        socket.send(codec.encodeAudioEvent(frame));
      }
      if (!closed) socket.send(codec.encodeEndOfStream());
    })().catch((error: unknown) => {
      if (!pumpSignal.aborted) pumpError = error;
      if (!closed) socket.send(codec.encodeEndOfStream());
    });
    for (;;) {
      const bytes = inbox.shift();
      if (bytes) {
        const message = codec.decode(bytes);
        if (message.kind === 'exception') throw message.error;
        if (message.eventType !== 'TranscriptEvent') continue;
        for (const segment of parseTranscriptEvent(message.payload)) {
          yield { type: segment.isPartial ? 'partial' : 'final', segment };
        }
        continue;
      }
      if (closed || failed) break;
      await raceAbort(changed(), signal);
    }
    await pump;
    if (pumpError !== undefined) throw pumpError;
    if (failed) {
      throw new ServiceError(`TranscribeStreaming.${OPERATION} failed: the WebSocket connection broke`, {
        service: 'TranscribeStreaming',
        operation: OPERATION,
        errorName: 'WebSocketError',
        retryable: true,
      });
    }
  } finally {
    pumpController.abort();
    if (!closed) socket.close(1000);
  }
}
