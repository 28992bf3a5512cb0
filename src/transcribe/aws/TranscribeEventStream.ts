/**
 * Event-stream framing of the Transcribe WebSocket protocol: audio events out, transcript events and
 * exceptions in. Built on `@smithy/eventstream-codec` (prelude, headers, CRC32s).
 *
 * @module
 */
import type { EventStreamCodec } from '@smithy/eventstream-codec';
import { ResponseShapeError, ServiceError } from '../../kit/errors.js';
import { loadEventStreamCodec } from './loadTranscribeModules.js';

/** A decoded server event, e.g. a `TranscriptEvent`. */
export interface TranscribeServerEvent {
  /** Discriminant. */
  readonly kind: 'event';
  /** `:event-type`, e.g. `TranscriptEvent`. */
  readonly eventType: string;
  /** The parsed JSON payload. */
  readonly payload: unknown;
}

/** A decoded server exception. */
export interface TranscribeServerException {
  /** Discriminant. */
  readonly kind: 'exception';
  /** The exception as a ServiceError named after `:exception-type`. */
  readonly error: ServiceError;
}

/** A decoded server message. */
export type TranscribeServerMessage = TranscribeServerEvent | TranscribeServerException;

const OPERATION = 'StartStreamTranscriptionWebSocket';
const HTTP_STATUS: Readonly<Record<string, number>> = {
  BadRequestException: 400,
  ConflictException: 409,
  LimitExceededException: 429,
  InternalFailureException: 500,
  ServiceUnavailableException: 503,
};

/**
 * Encoder and decoder of Transcribe's WebSocket messages. Create one with {@link TranscribeEventStream.load}.
 *
 * @example
 * ```ts
 * const stream = await TranscribeEventStream.load();
 * socket.send(stream.encodeAudioEvent(frame));
 * socket.send(stream.encodeEndOfStream());
 * ```
 */
export class TranscribeEventStream {
  readonly #codec: EventStreamCodec;
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });

  private constructor(codec: EventStreamCodec) {
    this.#codec = codec;
  }

  /**
   * Loads `@smithy/eventstream-codec` (an optional peer) and returns the framing helpers.
   *
   * @example
   * ```ts
   * const stream = await TranscribeEventStream.load();
   * ```
   * @throws MissingDependencyError when `@smithy/eventstream-codec` is not installed.
   */
  static async load(): Promise<TranscribeEventStream> {
    const { EventStreamCodec } = await loadEventStreamCodec('TranscribeEventStream');
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    return new TranscribeEventStream(
      new EventStreamCodec(
        (bytes) => decoder.decode(bytes),
        (text) => encoder.encode(text),
      ),
    );
  }

  /**
   * One `AudioEvent` message carrying `pcm` (headers `:message-type` event, `:event-type` AudioEvent,
   * `:content-type` application/octet-stream).
   *
   * @example
   * ```ts
   * socket.send(stream.encodeAudioEvent(frame));
   * ```
   */
  encodeAudioEvent(pcm: Uint8Array): Uint8Array {
    return this.#codec.encode({
      headers: {
        ':message-type': { type: 'string', value: 'event' },
        ':event-type': { type: 'string', value: 'AudioEvent' },
        ':content-type': { type: 'string', value: 'application/octet-stream' },
      },
      body: pcm,
    });
  }

  /**
   * The empty `AudioEvent` that tells the service the audio is over.
   *
   * @example
   * ```ts
   * socket.send(stream.encodeEndOfStream());
   * ```
   */
  encodeEndOfStream(): Uint8Array {
    return this.encodeAudioEvent(new Uint8Array(0));
  }

  /**
   * Decodes one server message: a `TranscriptEvent` (JSON payload parsed) or an exception turned into a
   * {@link ServiceError} named after `:exception-type` (the service's message text is not copied).
   *
   * @example
   * ```ts
   * const message = stream.decode(new Uint8Array(event.data));
   * if (message.kind === 'exception') throw message.error;
   * ```
   * @throws ResponseShapeError for a frame that is not a valid event-stream message (bad CRC, truncated) or a
   * payload that is not JSON.
   */
  decode(bytes: Uint8Array): TranscribeServerMessage {
    let message: ReturnType<EventStreamCodec['decode']>;
    try {
      message = this.#codec.decode(bytes);
    } catch (error) {
      throw new ResponseShapeError(OPERATION, 'message', 'is not a valid event-stream frame', {
        cause: new Error((error as Error)?.name ?? 'Error'),
      });
    }
    const header = (name: string): string | undefined => {
      const value = message.headers[name];
      return value?.type === 'string' ? value.value : undefined;
    };
    const messageType = header(':message-type');
    if (messageType === 'exception' || messageType === 'error') {
      const errorName = header(':exception-type') ?? header(':error-code') ?? 'UnknownError';
      const httpStatusCode = HTTP_STATUS[errorName];
      const throttled = errorName === 'LimitExceededException';
      return {
        kind: 'exception',
        error: new ServiceError(`TranscribeStreaming.${OPERATION} failed with ${errorName}`, {
          service: 'TranscribeStreaming',
          operation: OPERATION,
          errorName,
          httpStatusCode,
          code: throttled ? 'THROTTLED' : errorName === 'ConflictException' ? 'CONFLICT' : 'SERVICE',
          retryable: throttled || (httpStatusCode ?? 0) >= 500,
        }),
      };
    }
    const eventType = header(':event-type') ?? 'unknown';
    let payload: unknown;
    try {
      payload = message.body.byteLength === 0 ? undefined : JSON.parse(this.#decoder.decode(message.body));
    } catch {
      throw new ResponseShapeError(OPERATION, `${eventType}.payload`, 'is not UTF-8 JSON');
    }
    return { kind: 'event', eventType, payload };
  }
}
