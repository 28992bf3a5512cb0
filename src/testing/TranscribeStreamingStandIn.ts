/**
 * A local stand-in of Amazon Transcribe streaming: an HTTP/2 server (plain h2c on 127.0.0.1) for the SDK's
 * `StartStreamTranscription`, and a WebSocket endpoint for presigned URLs whose SigV4 signature and expiry it
 * verifies. It decodes the audio events, checks their size against the 1-second limit, and answers with scripted
 * partial and final results timed by the audio received. It replays text; it recognises no speech.
 *
 * The SDK's `NodeHttp2Handler` connects with `http2.connect(endpoint)`, so an `http://` endpoint gives
 * cleartext HTTP/2 and no certificate is needed.
 *
 * @module
 */

import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttp2Server, type Http2Server, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { importOptional } from '../kit/clients.js';
import {
  decodeEventStreamMessage,
  type EventStreamMessage,
  EventStreamSplitter,
  encodeEventStreamMessage,
} from './eventStreamMessages.js';
import type { StandInClientConfig } from './StandInServer.js';
import { verifyPresignedUrl } from './verifyPresignedUrl.js';

/** A fault the next stream meets. */
export interface TranscribeStandInFault {
  /** The service exception, e.g. `LimitExceededException`, `BadRequestException`, `InternalFailureException`. */
  readonly errorName: string;
  /**
   * When the exception comes: `undefined` refuses the stream outright (HTTP status on HTTP/2, an exception as
   * the first WebSocket message); a number sends it in the stream once that much audio (ms) has arrived.
   */
  readonly afterAudioMs?: number;
}

/** Options of {@link TranscribeStreamingStandIn.start}. */
export interface TranscribeStreamingStandInOptions {
  /** Region of the client configuration. Default `us-east-1`. */
  readonly region?: string;
  /** Phrases replayed in order (cycling), one per `phraseMs` of audio. Default: a few neutral phrases. */
  readonly phrases?: readonly string[];
  /** Audio per phrase, in ms. Default 2,000. */
  readonly phraseMs?: number;
  /** Longest stream the stand-in accepts before `LimitExceededException` (the real cap is 4 hours). */
  readonly maxStreamMs?: number;
  /** Start the WebSocket endpoint (needs the `ws` package). Default true. */
  readonly webSocket?: boolean;
}

/** What {@link TranscribeStreamingStandIn.presignOptions} returns: spread it into `createPresignedTranscribeUrl`. */
export interface TranscribeStandInPresignOptions {
  /** The stand-in's `ws://127.0.0.1:port` endpoint. */
  readonly endpoint: string;
  /** Region to sign for. */
  readonly region: string;
  /** The credentials the stand-in verifies signatures with. */
  readonly credentials: {
    /** Always `stand-in`. */
    readonly accessKeyId: string;
    /** Always `stand-in`. */
    readonly secretAccessKey: string;
  };
}

/** One stream as the stand-in saw it: settings and sizes, never audio. */
export interface RecordedTranscribeSession {
  /** `http2` or `websocket`. */
  readonly transport: 'http2' | 'websocket';
  /** Language code asked for. */
  readonly languageCode: string | undefined;
  /** Sample rate asked for. */
  readonly sampleRateHz: number;
  /** Audio events received (the end-of-stream event not counted). */
  audioEvents: number;
  /** Audio bytes received. */
  audioBytes: number;
  /** Largest audio event, in bytes. */
  maxEventBytes: number;
  /** Whether the client ended the audio (empty AudioEvent or end of request stream). */
  endedByClient: boolean;
  /** How it ended. */
  outcome: 'open' | 'completed' | 'refused' | 'failed' | 'aborted';
  /** The exception sent, if any. */
  errorName: string | undefined;
}

const DEFAULT_PHRASES = Object.freeze([
  'the stand in replays scripted text',
  'it recognises no speech',
  'every phrase is timed by the audio received',
]);

const HTTP_STATUS: Readonly<Record<string, number>> = {
  BadRequestException: 400,
  ConflictException: 409,
  LimitExceededException: 429,
  InternalFailureException: 500,
  ServiceUnavailableException: 503,
};

interface SessionSettings {
  languageCode: string | undefined;
  sampleRateHz: number;
  channels: number;
  speakerLabels: boolean;
}

type Outgoing = { kind: 'event'; payload: unknown } | { kind: 'exception'; errorName: string };

/**
 * The stand-in. Start it, point a client or a presigned URL at it, script faults, read what it recorded.
 *
 * @example
 * ```ts
 * const standIn = await TranscribeStreamingStandIn.start();
 * const transcriber = new StreamTranscriber({ clientConfig: standIn.clientConfig() });
 * standIn.failNext({ errorName: 'LimitExceededException' }); // the first stream is refused
 * for await (const event of transcriber.transcribe(wav, { languageCode: 'en-US', realTimeSpeed: false })) { … }
 * const url = await createPresignedTranscribeUrl({ ...standIn.presignOptions(), languageCode: 'en-US', sampleRateHz: 16_000 });
 * await standIn.close();
 * ```
 */
export class TranscribeStreamingStandIn {
  readonly #http2: Http2Server;
  readonly #http: HttpServer | undefined;
  readonly #region: string;
  readonly #phrases: readonly string[];
  readonly #phraseMs: number;
  readonly #maxStreamMs: number;
  readonly #faults: TranscribeStandInFault[] = [];
  readonly #sessions: RecordedTranscribeSession[] = [];
  readonly #streams = new Set<ServerHttp2Stream>();
  readonly #sockets = new Set<{ terminate(): void }>();
  #counter = 0;

  private constructor(http2: Http2Server, http: HttpServer | undefined, options: TranscribeStreamingStandInOptions) {
    this.#http2 = http2;
    this.#http = http;
    this.#region = options.region ?? 'us-east-1';
    this.#phrases = options.phrases && options.phrases.length > 0 ? options.phrases : DEFAULT_PHRASES;
    this.#phraseMs = options.phraseMs ?? 2_000;
    this.#maxStreamMs = options.maxStreamMs ?? 14_400_000;
  }

  /**
   * Starts the HTTP/2 server (and the WebSocket endpoint) on ephemeral ports of 127.0.0.1.
   *
   * @example
   * ```ts
   * const standIn = await TranscribeStreamingStandIn.start({ phrases: ['hello world'], phraseMs: 1_000 });
   * ```
   * @throws MissingDependencyError when the WebSocket endpoint is wanted and `ws` is not installed.
   */
  static async start(options: TranscribeStreamingStandInOptions = {}): Promise<TranscribeStreamingStandIn> {
    const http2 = createHttp2Server();
    let http: HttpServer | undefined;
    let wss: import('ws').WebSocketServer | undefined;
    if (options.webSocket !== false) {
      const { WebSocketServer } = await importOptional(() => import('ws'), 'ws', 'TranscribeStreamingStandIn');
      wss = new WebSocketServer({ noServer: true });
      http = createHttpServer((_req, res) => res.writeHead(426).end());
    }
    const standIn = new TranscribeStreamingStandIn(http2, http, options);
    http2.on('stream', (stream, headers) => standIn.#onHttp2Stream(stream, headers));
    http2.on('sessionError', () => undefined);
    if (http && wss) {
      const server = wss;
      http.on('upgrade', (req, socket, head) => {
        const url = req.url ?? '/';
        const host = req.headers.host ?? '';
        const refuse = (status: number, reason: string) => {
          socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        };
        if (!url.startsWith('/stream-transcription-websocket')) return refuse(404, 'Not Found');
        const check = verifyPresignedUrl(url, { secretAccessKey: 'stand-in', host });
        if (!check.ok) {
          standIn.#sessions.push(standIn.#record('websocket', settingsFromQuery(url), 'refused', check.reason));
          return refuse(403, 'Forbidden');
        }
        server.handleUpgrade(req, socket, head, (ws) => standIn.#onWebSocket(ws, url));
      });
    }
    await listen(http2);
    if (http) await listen(http);
    return standIn;
  }

  /**
   * Client configuration for `TranscribeStreamingClient`: the h2c endpoint, region, static test credentials.
   *
   * @example
   * ```ts
   * const client = new TranscribeStreamingClient(standIn.clientConfig());
   * ```
   */
  clientConfig(): StandInClientConfig {
    const { port } = this.#http2.address() as AddressInfo;
    return {
      endpoint: `http://127.0.0.1:${port}`,
      region: this.#region,
      credentials: { accessKeyId: 'stand-in', secretAccessKey: 'stand-in' },
      maxAttempts: 1,
    };
  }

  /**
   * What `createPresignedTranscribeUrl` needs to sign a URL this stand-in accepts: its `ws://` endpoint, region
   * and the credentials it verifies signatures with.
   *
   * @example
   * ```ts
   * const url = await createPresignedTranscribeUrl({ ...standIn.presignOptions(), languageCode: 'en-US', sampleRateHz: 16_000 });
   * ```
   * @throws Error when the WebSocket endpoint was not started.
   */
  presignOptions(): TranscribeStandInPresignOptions {
    if (!this.#http) throw new Error('the WebSocket endpoint was not started (webSocket: false)');
    const { port } = this.#http.address() as AddressInfo;
    return {
      endpoint: `ws://127.0.0.1:${port}`,
      region: this.#region,
      credentials: { accessKeyId: 'stand-in', secretAccessKey: 'stand-in' },
    };
  }

  /**
   * Queues a fault for the next stream (either transport); several calls queue several streams' faults.
   *
   * @example
   * ```ts
   * standIn.failNext({ errorName: 'LimitExceededException' }).failNext({ errorName: 'LimitExceededException' });
   * ```
   */
  failNext(fault: TranscribeStandInFault): this {
    this.#faults.push(fault);
    return this;
  }

  /**
   * Every stream so far: settings and sizes, no audio.
   *
   * @example
   * ```ts
   * expect(standIn.sessions.map((s) => s.outcome)).toEqual(['refused', 'completed']);
   * ```
   */
  get sessions(): readonly RecordedTranscribeSession[] {
    return this.#sessions;
  }

  /**
   * Forgets queued faults and recorded sessions.
   *
   * @example
   * ```ts
   * afterEach(() => standIn.reset());
   * ```
   */
  reset(): void {
    this.#faults.length = 0;
    this.#sessions.length = 0;
  }

  /**
   * Closes every stream and socket and stops listening.
   *
   * @example
   * ```ts
   * afterAll(() => standIn.close());
   * ```
   */
  async close(): Promise<void> {
    for (const stream of this.#streams) stream.close();
    for (const socket of this.#sockets) socket.terminate();
    await Promise.all([
      new Promise<void>((resolve) => this.#http2.close(() => resolve())),
      this.#http
        ? new Promise<void>((resolve) => {
            this.#http!.closeAllConnections();
            this.#http!.close(() => resolve());
          })
        : undefined,
    ]);
  }

  #record(
    transport: RecordedTranscribeSession['transport'],
    settings: SessionSettings,
    outcome: RecordedTranscribeSession['outcome'],
    errorName?: string,
  ): RecordedTranscribeSession {
    return {
      transport,
      languageCode: settings.languageCode,
      sampleRateHz: settings.sampleRateHz,
      audioEvents: 0,
      audioBytes: 0,
      maxEventBytes: 0,
      endedByClient: false,
      outcome,
      errorName,
    };
  }

  #onHttp2Stream(stream: ServerHttp2Stream, headers: Record<string, string | string[] | undefined>): void {
    this.#streams.add(stream);
    stream.on('close', () => this.#streams.delete(stream));
    stream.on('error', () => undefined);
    const header = (name: string) => (typeof headers[name] === 'string' ? (headers[name] as string) : undefined);
    const settings: SessionSettings = {
      languageCode: header('x-amzn-transcribe-language-code'),
      sampleRateHz: Number(header('x-amzn-transcribe-sample-rate')),
      channels: Number(header('x-amzn-transcribe-number-of-channels') ?? 1),
      speakerLabels: header('x-amzn-transcribe-show-speaker-label') === 'true',
    };
    const requestId = `stand-in-${++this.#counter}`;
    const refuse = (errorName: string) => {
      this.#sessions.push(this.#record('http2', settings, 'refused', errorName));
      stream.respond({
        ':status': HTTP_STATUS[errorName] ?? 400,
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': `${errorName}:http://internal.amazon.com/coral/com.amazonaws.transcribestreaming/`,
        'x-amzn-requestid': requestId,
      });
      stream.end(JSON.stringify({ Message: 'stand-in refused the stream' }));
      stream.resume();
    };
    if (headers[':path'] !== '/stream-transcription' || headers[':method'] !== 'POST') {
      refuse('BadRequestException');
      return;
    }
    if (
      !(settings.sampleRateHz >= 8_000 && settings.sampleRateHz <= 48_000) ||
      header('x-amzn-transcribe-media-encoding') !== 'pcm'
    ) {
      refuse('BadRequestException');
      return;
    }
    const fault = this.#faults.shift();
    if (fault && fault.afterAudioMs === undefined) {
      refuse(fault.errorName);
      return;
    }
    const session = this.#record('http2', settings, 'open');
    this.#sessions.push(session);
    stream.respond({
      ':status': 200,
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-request-id': requestId,
      'x-amzn-transcribe-session-id': `00000000-0000-4000-8000-${String(this.#counter).padStart(12, '0')}`,
      'x-amzn-transcribe-language-code': settings.languageCode ?? '',
      'x-amzn-transcribe-sample-rate': String(settings.sampleRateHz),
      'x-amzn-transcribe-media-encoding': 'pcm',
    });
    const sim = new SessionSimulation(settings, session, this.#phrases, this.#phraseMs, this.#maxStreamMs, fault);
    const send = (out: Outgoing[]): boolean => {
      for (const message of out) {
        if (stream.destroyed || stream.closed) return false;
        stream.write(encodeOutgoing(message));
        if (message.kind === 'exception') {
          stream.end();
          return false;
        }
      }
      return true;
    };
    const splitter = new EventStreamSplitter();
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      session.endedByClient = true;
      if (send(sim.end()) && !stream.destroyed) stream.end();
    };
    stream.on('data', (chunk: Buffer) => {
      if (finished) return;
      let messages: EventStreamMessage[];
      try {
        messages = splitter.push(chunk);
      } catch {
        finished = true;
        send([sim.fail('BadRequestException')]);
        return;
      }
      for (const outer of messages) {
        // The SDK signs each event: the audio event travels inside a message carrying `:chunk-signature`.
        const inner =
          outer.body.byteLength > 0 && outer.headers[':chunk-signature'] ? decodeEventStreamMessage(outer.body) : outer;
        if (outer.body.byteLength === 0 || inner.body.byteLength === 0) return finish();
        if (!send(sim.audio(inner.body.byteLength))) {
          finished = true;
          return;
        }
      }
    });
    stream.on('end', finish);
    stream.on('close', () => {
      if (session.outcome === 'open') session.outcome = 'aborted';
    });
  }

  #onWebSocket(ws: import('ws').WebSocket, url: string): void {
    this.#sockets.add(ws);
    const settings = settingsFromQuery(url);
    const fault = this.#faults.shift();
    const session = this.#record('websocket', settings, 'open');
    this.#sessions.push(session);
    const sim = new SessionSimulation(settings, session, this.#phrases, this.#phraseMs, this.#maxStreamMs, fault);
    const send = (out: Outgoing[]): boolean => {
      for (const message of out) {
        if (ws.readyState !== ws.OPEN) return false;
        ws.send(encodeOutgoing(message));
        if (message.kind === 'exception') {
          ws.close(1000);
          return false;
        }
      }
      return true;
    };
    ws.on('close', () => {
      this.#sockets.delete(ws);
      if (session.outcome === 'open') session.outcome = 'aborted';
    });
    ws.on('error', () => undefined);
    if (fault && fault.afterAudioMs === undefined) {
      session.outcome = 'refused';
      session.errorName = fault.errorName;
      ws.send(encodeOutgoing({ kind: 'exception', errorName: fault.errorName }));
      ws.close(1000);
      return;
    }
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (session.outcome !== 'open') return;
      let message: EventStreamMessage;
      try {
        if (!isBinary) throw new Error('text frame');
        message = decodeEventStreamMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        if (message.headers[':event-type'] !== 'AudioEvent') throw new Error('not an AudioEvent');
      } catch {
        send([sim.fail('BadRequestException')]);
        return;
      }
      if (message.body.byteLength === 0) {
        session.endedByClient = true;
        if (send(sim.end())) ws.close(1000);
        return;
      }
      send(sim.audio(message.body.byteLength));
    });
  }
}

let simulations = 0;

/** Decides, from the audio received, which scripted results are due. */
class SessionSimulation {
  readonly #settings: SessionSettings;
  readonly #session: RecordedTranscribeSession;
  readonly #phrases: readonly string[];
  readonly #phraseMs: number;
  readonly #maxStreamMs: number;
  readonly #fault: TranscribeStandInFault | undefined;
  readonly #resultPrefix = `stand-in-${++simulations}`;
  #receivedMs = 0;
  #nextPhrase = 0;
  #partialSent = false;

  constructor(
    settings: SessionSettings,
    session: RecordedTranscribeSession,
    phrases: readonly string[],
    phraseMs: number,
    maxStreamMs: number,
    fault: TranscribeStandInFault | undefined,
  ) {
    this.#settings = settings;
    this.#session = session;
    this.#phrases = phrases;
    this.#phraseMs = phraseMs;
    this.#maxStreamMs = maxStreamMs;
    this.#fault = fault;
  }

  fail(errorName: string): Outgoing {
    this.#session.outcome = 'failed';
    this.#session.errorName = errorName;
    return { kind: 'exception', errorName };
  }

  audio(bytes: number): Outgoing[] {
    const session = this.#session;
    session.audioEvents++;
    session.audioBytes += bytes;
    session.maxEventBytes = Math.max(session.maxEventBytes, bytes);
    const eventMs = (bytes / (2 * this.#settings.channels * this.#settings.sampleRateHz)) * 1000;
    if (eventMs > 1000) return [this.fail('BadRequestException')]; // an AudioChunk holds at most 1 s
    this.#receivedMs += eventMs;
    if (this.#fault?.afterAudioMs !== undefined && this.#receivedMs >= this.#fault.afterAudioMs) {
      return [this.fail(this.#fault.errorName)];
    }
    if (this.#receivedMs > this.#maxStreamMs) return [this.fail('LimitExceededException')];
    const out: Outgoing[] = [];
    for (;;) {
      const start = this.#nextPhrase * this.#phraseMs;
      if (!this.#partialSent && this.#receivedMs >= start + this.#phraseMs / 2) {
        out.push(this.#result(this.#nextPhrase, true, this.#receivedMs));
        this.#partialSent = true;
      }
      if (this.#receivedMs < start + this.#phraseMs) break;
      out.push(this.#result(this.#nextPhrase, false, start + this.#phraseMs));
      this.#nextPhrase++;
      this.#partialSent = false;
    }
    return out;
  }

  end(): Outgoing[] {
    const out: Outgoing[] = [];
    if (this.#receivedMs > this.#nextPhrase * this.#phraseMs) {
      out.push(this.#result(this.#nextPhrase, false, this.#receivedMs));
    }
    if (this.#session.outcome === 'open') this.#session.outcome = 'completed';
    return out;
  }

  #result(index: number, isPartial: boolean, untilMs: number): Outgoing {
    const startMs = index * this.#phraseMs;
    const endMs = Math.min(untilMs, startMs + this.#phraseMs);
    const allWords = this.#phrases[index % this.#phrases.length]!.split(/\s+/).filter(Boolean);
    const shown = isPartial ? allWords.slice(0, Math.max(1, Math.ceil(allWords.length / 2))) : allWords;
    const wordMs = this.#phraseMs / allWords.length;
    const speaker = this.#settings.speakerLabels ? String(index % 2) : undefined;
    const items = shown.map((word, i) => ({
      Content: word,
      Type: 'pronunciation',
      StartTime: (startMs + i * wordMs) / 1000,
      EndTime: Math.min(endMs, startMs + (i + 1) * wordMs) / 1000,
      ...(speaker === undefined ? {} : { Speaker: speaker }),
      ...(isPartial ? {} : { Confidence: 0.9 + ((index + i) % 10) / 100 }),
    }));
    return {
      kind: 'event',
      payload: {
        Transcript: {
          Results: [
            {
              ResultId: `${this.#resultPrefix}-${index}`,
              StartTime: startMs / 1000,
              EndTime: endMs / 1000,
              IsPartial: isPartial,
              Alternatives: [{ Transcript: shown.join(' '), Items: items }],
              ...(this.#settings.channels === 2 ? { ChannelId: `ch_${index % 2}` } : {}),
            },
          ],
        },
      },
    };
  }
}

function encodeOutgoing(message: Outgoing): Uint8Array {
  const encoder = new TextEncoder();
  if (message.kind === 'exception') {
    return encodeEventStreamMessage(
      { ':message-type': 'exception', ':exception-type': message.errorName, ':content-type': 'application/json' },
      encoder.encode(JSON.stringify({ Message: 'stand-in exception' })),
    );
  }
  return encodeEventStreamMessage(
    { ':message-type': 'event', ':event-type': 'TranscriptEvent', ':content-type': 'application/json' },
    encoder.encode(JSON.stringify(message.payload)),
  );
}

function settingsFromQuery(url: string): SessionSettings {
  const query = new URL(url, 'http://stand-in').searchParams;
  return {
    languageCode: query.get('language-code') ?? undefined,
    sampleRateHz: Number(query.get('sample-rate')),
    channels: Number(query.get('number-of-channels') ?? 1),
    speakerLabels: query.get('show-speaker-label') === 'true',
  };
}

function listen(server: Http2Server | HttpServer): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}
