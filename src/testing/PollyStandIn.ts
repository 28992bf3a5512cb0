/**
 * A local stand-in for Amazon Polly (`SynthesizeSpeech` and the lexicon operations) that a real
 * `PollyClient` can talk to over the REST-JSON protocol. It synthesizes nothing: it answers with
 * deterministic audio of the requested format — valid MP3 frame headers, Ogg pages with correct CRCs, or
 * 16-bit PCM — whose length grows with the text, and speech marks (sentence, word, viseme, ssml) with UTF-8
 * byte offsets into the request text, like the service. It enforces the service's limits with the service's
 * error names, can throttle (`ThrottlingException`, HTTP 400), and can make new lexicons visible only after
 * a few reads, to exercise eventual consistency.
 *
 * The Polly SDK client (v3.1100 and later) sends every request over HTTP/2, so the stand-in listens for
 * HTTP/2 without TLS (prior knowledge, which the SDK's HTTP/2 handler uses for `http://` endpoints) and
 * relays each request to a {@link StandInServer}, which routes it and applies scripted faults.
 *
 * @module
 */
import { request as httpRequest } from 'node:http';
import {
  createServer as createHttp2Server,
  type Http2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type Http2Session,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import { OffsetMap } from '../kit/offsets.js';
import type { PollyEngine } from '../polly/limits.js';
import { readLexicon, readRequestText, type StandInWord, standInAudio } from './pollyStandInMedia.js';
import { awsError, type StandInClientConfig, type StandInReply, StandInServer } from './StandInServer.js';

/** Options of {@link PollyStandIn.start}. */
export interface PollyStandInOptions {
  /** Milliseconds of audio per billed character. Default 60. */
  readonly msPerCharacter?: number;
  /** Prefix every MP3 answer with an ID3v2 tag and a Xing header frame (as some encoders do). Default false. */
  readonly mp3Headers?: boolean;
  /** A put lexicon stays invisible (old version or not found) for this many reads. Default 0. */
  readonly lexiconVisibleAfterReads?: number;
  /** SynthesizeSpeech requests per second before answering `ThrottlingException`. Default: unlimited. */
  readonly requestsPerSecond?: number;
  /** Delay before each answer. Default 0. */
  readonly latencyMs?: number;
  /** Region reported in {@link PollyStandIn.clientConfig}. Default `us-east-1`. */
  readonly region?: string;
}

/** Counters of what the stand-in saw (sizes only). */
export interface PollyStandInStats {
  /** SynthesizeSpeech requests received. */
  requests: number;
  /** Requests answered `ThrottlingException`. */
  throttled: number;
  /** Requests answered `TextLengthExceededException`. */
  tooLong: number;
  /** Largest billed characters of an accepted request. */
  maxBilledCharacters: number;
  /** Largest total characters of an accepted request. */
  maxTotalCharacters: number;
}

interface StoredLexicon {
  content: string;
  previous: string | undefined;
  readsUntilVisible: number;
  alphabet: string;
  language: string;
  lexemes: number;
  modified: number;
}

const SAMPLE_RATES: Record<string, readonly number[]> = {
  mp3: [8000, 16000, 22050, 24000, 44100, 48000],
  ogg_vorbis: [8000, 16000, 22050, 24000, 44100, 48000],
  ogg_opus: [48000],
  pcm: [8000, 16000],
  mulaw: [8000],
  alaw: [8000],
  json: [8000, 16000, 22050, 24000, 44100, 48000],
};
const CONTENT_TYPES: Record<string, string> = {
  mp3: 'audio/mpeg',
  ogg_vorbis: 'audio/ogg',
  ogg_opus: 'audio/ogg',
  pcm: 'audio/pcm',
  mulaw: 'audio/basic',
  alaw: 'audio/alaw',
  json: 'application/x-json-stream',
};
/** The service's limits, as the stand-in enforces them (Polly quotas, December 2026). */
const LIMITS = {
  maxBilledCharacters: 3_000,
  maxTotalCharacters: 6_000,
  maxLexiconsPerRequest: 5,
  maxLexiconCharacters: 4_000,
  maxLexiconsPerRegion: 100,
  lexiconName: /^[0-9A-Za-z]{1,20}$/,
};

interface SynthesizeInput {
  Text?: string;
  TextType?: string;
  VoiceId?: string;
  Engine?: PollyEngine;
  OutputFormat?: string;
  SampleRate?: string;
  SpeechMarkTypes?: string[];
  LexiconNames?: string[];
}

/**
 * A local Amazon Polly for tests and offline examples.
 *
 * @example
 * ```ts
 * const standIn = await PollyStandIn.start({ mp3Headers: true });
 * const synthesizer = new SpeechSynthesizer({ client: new PollyClient(standIn.clientConfig()), voiceId: 'Joanna' });
 * // …
 * await standIn.close();
 * ```
 */
export class PollyStandIn {
  /** The underlying server, for fault scripts (`standIn.server.script('SynthesizeSpeech', [...])`). */
  readonly server: StandInServer;
  /** What the stand-in has seen (sizes and counts, never text). */
  readonly stats: PollyStandInStats = {
    requests: 0,
    throttled: 0,
    tooLong: 0,
    maxBilledCharacters: 0,
    maxTotalCharacters: 0,
  };
  readonly #options: PollyStandInOptions;
  readonly #lexicons = new Map<string, StoredLexicon>();
  readonly #bucket: { tokens: number; at: number };
  readonly #front: Http2Server;
  readonly #sessions = new Set<Http2Session>();

  private constructor(server: StandInServer, front: Http2Server, options: PollyStandInOptions) {
    this.server = server;
    this.#front = front;
    front.on('session', (session) => {
      this.#sessions.add(session);
      session.once('close', () => this.#sessions.delete(session));
    });
    this.#options = options;
    this.#bucket = { tokens: options.requestsPerSecond ?? Number.POSITIVE_INFINITY, at: performance.now() };
  }

  /**
   * Starts the stand-in on an ephemeral loopback port.
   *
   * @example
   * ```ts
   * const standIn = await PollyStandIn.start({ requestsPerSecond: 8, lexiconVisibleAfterReads: 2 });
   * ```
   */
  static async start(options: PollyStandInOptions = {}): Promise<PollyStandIn> {
    const server = await StandInServer.start(options.region === undefined ? {} : { region: options.region });
    const backend = new URL(server.url);
    const front = createHttp2Server((req, res) => relay(req, res, backend));
    await new Promise<void>((resolve, reject) => {
      front.once('error', reject);
      front.listen(0, '127.0.0.1', () => resolve());
    });
    const standIn = new PollyStandIn(server, front, options);
    const delay = options.latencyMs ? { delayMs: options.latencyMs } : {};
    server
      .route('POST', '/v1/speech', 'SynthesizeSpeech', (r) => ({
        ...standIn.#synthesize(r.json<SynthesizeInput>() ?? {}),
        ...delay,
      }))
      .route('PUT', '/v1/lexicons/{Name}', 'PutLexicon', (r) => ({
        ...standIn.#put(r.params.Name!, r.json<{ Content?: string }>()?.Content),
        ...delay,
      }))
      .route('GET', '/v1/lexicons/{Name}', 'GetLexicon', (r) => ({ ...standIn.#get(r.params.Name!), ...delay }))
      .route('GET', '/v1/lexicons', 'ListLexicons', () => ({ ...standIn.#list(), ...delay }))
      .route('DELETE', '/v1/lexicons/{Name}', 'DeleteLexicon', (r) => ({
        ...standIn.#delete(r.params.Name!),
        ...delay,
      }));
    return standIn;
  }

  /**
   * SDK client configuration pointing at the stand-in.
   *
   * @example
   * ```ts
   * const client = new PollyClient(standIn.clientConfig({ maxAttempts: 1 }));
   * ```
   */
  clientConfig(options: { maxAttempts?: number } = {}): StandInClientConfig {
    return { ...this.server.clientConfig(options), endpoint: this.url };
  }

  /**
   * The HTTP/2 endpoint, e.g. `http://127.0.0.1:49152` (the relayed HTTP/1.1 server is `server.url`).
   *
   * @example
   * ```ts
   * const client = new PollyClient({ ...config, endpoint: standIn.url });
   * ```
   */
  get url(): string {
    return `http://127.0.0.1:${(this.#front.address() as AddressInfo).port}`;
  }

  /**
   * Names of the stored lexicons (visible or not yet).
   *
   * @example
   * ```ts
   * expect(standIn.lexiconNames).toEqual(['Acronyms']);
   * ```
   */
  get lexiconNames(): string[] {
    return [...this.#lexicons.keys()];
  }

  /**
   * Stops the server.
   *
   * @example
   * ```ts
   * await standIn.close();
   * ```
   */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#front.close(() => resolve());
      // Open HTTP/2 sessions keep close() waiting; the SDK keeps its sessions open for reuse.
      for (const session of this.#sessions) session.destroy();
    });
    await this.server.close();
  }

  #synthesize(input: SynthesizeInput): StandInReply {
    this.stats.requests++;
    if (!this.#admit()) {
      this.stats.throttled++;
      return awsError('ThrottlingException', 400);
    }
    const { Text: text, TextType: textType = 'text', OutputFormat: format, Engine: engine = 'standard' } = input;
    if (typeof text !== 'string' || !input.VoiceId || !format || !(format in CONTENT_TYPES)) {
      return awsError('ValidationException', 400);
    }
    const rate = input.SampleRate === undefined ? defaultRate(format, engine) : Number(input.SampleRate);
    if (!SAMPLE_RATES[format]!.includes(rate)) return awsError('InvalidSampleRateException', 400);
    const names = input.LexiconNames ?? [];
    if (names.length > LIMITS.maxLexiconsPerRequest) return awsError('ValidationException', 400);
    for (const name of names) {
      const stored = this.#lexicons.get(name);
      if (!stored || (stored.readsUntilVisible > 0 && stored.previous === undefined)) {
        return awsError('LexiconNotFoundException', 404);
      }
    }
    const marks = input.SpeechMarkTypes ?? [];
    if (marks.length > 0 && format !== 'json') return awsError('MarksNotSupportedForFormatException', 400);
    if (format === 'json' && marks.length === 0) return awsError('ValidationException', 400);
    if (marks.includes('ssml') && textType !== 'ssml')
      return awsError('SsmlMarksNotSupportedForTextTypeException', 400);
    const read = readRequestText(text, textType === 'ssml', engine);
    if (!read) return awsError('InvalidSsmlException', 400);
    const billed = read.billed;
    if (billed > LIMITS.maxBilledCharacters || text.length > LIMITS.maxTotalCharacters) {
      this.stats.tooLong++;
      return awsError('TextLengthExceededException', 400);
    }
    this.stats.maxBilledCharacters = Math.max(this.stats.maxBilledCharacters, billed);
    this.stats.maxTotalCharacters = Math.max(this.stats.maxTotalCharacters, text.length);
    const msPerCharacter = this.#options.msPerCharacter ?? 60;
    const durationMs = Math.max(100, billed * msPerCharacter);
    const seed = hash(text);
    const headers = { 'content-type': CONTENT_TYPES[format]!, 'x-amzn-requestcharacters': String(billed) };
    if (format === 'json') {
      return { headers, body: speechMarks(text, read.words, marks, msPerCharacter) };
    }
    return { headers, body: standInAudio(format, rate, durationMs, seed, this.#options.mp3Headers ?? false) };
  }

  #admit(): boolean {
    const perSecond = this.#options.requestsPerSecond;
    if (perSecond === undefined) return true;
    const now = performance.now();
    this.#bucket.tokens = Math.min(perSecond, this.#bucket.tokens + ((now - this.#bucket.at) / 1000) * perSecond);
    this.#bucket.at = now;
    if (this.#bucket.tokens < 1) return false;
    this.#bucket.tokens -= 1;
    return true;
  }

  #put(name: string, content: string | undefined): StandInReply {
    if (!LIMITS.lexiconName.test(name) || typeof content !== 'string') return awsError('ValidationException', 400);
    if (content.length > LIMITS.maxLexiconCharacters) return awsError('LexiconSizeExceededException', 400);
    const lexicon = readLexicon(content);
    if (!lexicon) return awsError('InvalidLexiconException', 400);
    const existing = this.#lexicons.get(name);
    if (!existing && this.#lexicons.size >= LIMITS.maxLexiconsPerRegion) {
      return awsError('MaxLexiconsNumberExceededException', 400);
    }
    this.#lexicons.set(name, {
      content,
      previous: existing?.content,
      readsUntilVisible: this.#options.lexiconVisibleAfterReads ?? 0,
      alphabet: lexicon.alphabet,
      language: lexicon.language,
      lexemes: lexicon.lexemes,
      modified: Date.now() / 1000,
    });
    return { json: {} };
  }

  #get(name: string): StandInReply {
    const stored = this.#lexicons.get(name);
    if (!stored) return awsError('LexiconNotFoundException', 404);
    let content = stored.content;
    if (stored.readsUntilVisible > 0) {
      stored.readsUntilVisible--;
      if (stored.previous === undefined) return awsError('LexiconNotFoundException', 404);
      content = stored.previous;
    }
    return { json: { Lexicon: { Name: name, Content: content }, LexiconAttributes: attributesOf(name, stored) } };
  }

  #list(): StandInReply {
    return {
      json: {
        Lexicons: [...this.#lexicons].map(([name, stored]) => ({ Name: name, Attributes: attributesOf(name, stored) })),
      },
    };
  }

  #delete(name: string): StandInReply {
    if (!this.#lexicons.delete(name)) return awsError('LexiconNotFoundException', 404);
    return { json: {} };
  }
}

function attributesOf(name: string, stored: StoredLexicon): Record<string, unknown> {
  return {
    Alphabet: stored.alphabet,
    LanguageCode: stored.language,
    LastModified: stored.modified,
    LexemesCount: stored.lexemes,
    LexiconArn: `arn:aws:polly:us-east-1:000000000000:lexicon/${name}`,
    Size: new TextEncoder().encode(stored.content).byteLength,
  };
}

function defaultRate(format: string, engine: string): number {
  if (format === 'pcm') return 16_000;
  if (format === 'ogg_opus') return 48_000;
  if (format === 'mulaw' || format === 'alaw') return 8_000;
  return engine === 'standard' ? 22_050 : 24_000;
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Relays one HTTP/2 request to the HTTP/1.1 stand-in and its answer back; a dropped connection resets the stream. */
function relay(req: Http2ServerRequest, res: Http2ServerResponse, backend: URL): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!name.startsWith(':') && value !== undefined) headers[name] = value;
  }
  const upstream = httpRequest(
    { host: backend.hostname, port: backend.port, method: req.method, path: req.url, headers },
    (answer) => {
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !['connection', 'keep-alive', 'transfer-encoding'].includes(name)) out[name] = value;
      }
      res.writeHead(answer.statusCode ?? 500, out);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.stream.close(2 /* NGHTTP2_INTERNAL_ERROR */));
  req.pipe(upstream);
}

// --- speech marks ------------------------------------------------------------------------------------------

/** Speech marks like the service's: times from billed position, UTF-8 byte offsets into the request text. */
function speechMarks(
  text: string,
  all: readonly StandInWord[],
  types: readonly string[],
  msPerCharacter: number,
): string {
  const map = new OffsetMap(text);
  const byte = (i: number) => map.utf8FromUtf16(i);
  const words = all.filter((w) => w.mark === undefined);
  const events: { time: number; order: number; mark: Record<string, unknown> }[] = [];
  const push = (time: number, order: number, mark: Record<string, unknown>) =>
    events.push({ time, order, mark: { time, ...mark } });
  if (types.includes('ssml')) {
    for (const m of all) {
      if (m.mark !== undefined) {
        push(m.billedBefore * msPerCharacter, 0, {
          type: 'ssml',
          start: byte(m.start),
          end: byte(m.end),
          value: m.mark,
        });
      }
    }
  }
  let sentenceStart = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const time = w.billedBefore * msPerCharacter;
    if (i === sentenceStart) {
      let last = i;
      while (last < words.length - 1 && !/[.!?]$/.test(words[last]!.value)) last++;
      const end = words[last]!.end;
      if (types.includes('sentence')) {
        push(time, 1, { type: 'sentence', start: byte(w.start), end: byte(end), value: text.slice(w.start, end) });
      }
      sentenceStart = last + 1;
    }
    if (types.includes('word')) push(time, 2, { type: 'word', start: byte(w.start), end: byte(w.end), value: w.value });
    if (types.includes('viseme')) push(time, 3, { type: 'viseme', value: 'p' });
  }
  events.sort((a, b) => a.time - b.time || a.order - b.order);
  return events.map((e) => `${JSON.stringify(e.mark)}\n`).join('');
}
