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
import { isAwsMlKitError } from '../kit/errors.js';
import { OffsetMap } from '../kit/offsets.js';
import { oggPage, readMp3FrameHeader } from '../polly/joinAudio.js';
import { POLLY_LIMITS, type PollyEngine } from '../polly/limits.js';
import { PronunciationLexicon } from '../polly/PronunciationLexicon.js';
import { parseSsml, ssmlToText } from '../polly/parseSsml.js';
import { validateSsml } from '../polly/validateSsml.js';
import { tokenizeXml, unescapedLength, unescapeXml } from '../polly/xml.js';
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
const OPUS_PRE_SKIP = 312;

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
    if (names.length > POLLY_LIMITS.maxLexiconsPerRequest) return awsError('ValidationException', 400);
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
    let billed = text.length;
    if (textType === 'ssml') {
      try {
        const root = parseSsml(text);
        validateSsml(root, { engine });
        billed = ssmlToText(root).length;
      } catch (error) {
        if (isAwsMlKitError(error)) return awsError('InvalidSsmlException', 400);
        throw error;
      }
    }
    if (billed > POLLY_LIMITS.maxBilledCharacters || text.length > POLLY_LIMITS.maxTotalCharacters) {
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
      return { headers, body: speechMarks(text, textType === 'ssml', marks, msPerCharacter) };
    }
    return { headers, body: audio(format, rate, durationMs, seed, this.#options.mp3Headers ?? false) };
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
    if (!POLLY_LIMITS.lexiconNamePattern.test(name) || typeof content !== 'string')
      return awsError('ValidationException', 400);
    if (content.length > POLLY_LIMITS.maxLexiconCharacters) return awsError('LexiconSizeExceededException', 400);
    let lexicon: PronunciationLexicon;
    try {
      lexicon = PronunciationLexicon.parse(name, content);
    } catch {
      return awsError('InvalidLexiconException', 400);
    }
    const existing = this.#lexicons.get(name);
    if (!existing && this.#lexicons.size >= POLLY_LIMITS.maxLexiconsPerRegion) {
      return awsError('MaxLexiconsNumberExceededException', 400);
    }
    this.#lexicons.set(name, {
      content,
      previous: existing?.content,
      readsUntilVisible: this.#options.lexiconVisibleAfterReads ?? 0,
      alphabet: lexicon.alphabet,
      language: lexicon.language,
      lexemes: lexicon.entries.length,
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

interface Word {
  start: number;
  end: number;
  value: string;
  /** Billed characters before the word: its time is proportional to it, like the audio length. */
  billedBefore: number;
}

/** Words of the request text (UTF-16 spans into it), and `<mark>` positions for SSML. */
function wordsOf(
  text: string,
  ssml: boolean,
): { words: Word[]; marks: { billedBefore: number; start: number; end: number; name: string }[]; billed: number } {
  const words: Word[] = [];
  const marks: { billedBefore: number; start: number; end: number; name: string }[] = [];
  let billed = 0;
  const scan = (start: number, end: number) => {
    const re = /\S+/g;
    const slice = text.slice(start, end);
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      const s = start + m.index;
      const e = s + m[0].length;
      const before = billed + (ssml ? unescapedLength(text, start, s) : s - start);
      words.push({ start: s, end: e, value: ssml ? unescapeXml(text, 'text', s, e) : m[0], billedBefore: before });
    }
    billed += ssml ? unescapedLength(text, start, end) : end - start;
  };
  if (!ssml) scan(0, text.length);
  else {
    for (const token of tokenizeXml(text, 'text')) {
      if (token.kind === 'text') scan(token.start, token.end);
      else if (token.kind === 'open' && token.name === 'mark') {
        const name = token.attributes.find((a) => a.name === 'name')?.value ?? '';
        marks.push({ billedBefore: billed, start: token.start, end: token.end, name });
      }
    }
  }
  return { words, marks, billed };
}

function speechMarks(text: string, ssml: boolean, types: readonly string[], msPerCharacter: number): string {
  const map = new OffsetMap(text);
  const { words, marks } = wordsOf(text, ssml);
  const byte = (i: number) => map.utf8FromUtf16(i);
  const events: { time: number; order: number; mark: Record<string, unknown> }[] = [];
  const push = (time: number, order: number, mark: Record<string, unknown>) =>
    events.push({ time, order, mark: { time, ...mark } });
  if (types.includes('ssml')) {
    for (const m of marks) {
      push(m.billedBefore * msPerCharacter, 0, { type: 'ssml', start: byte(m.start), end: byte(m.end), value: m.name });
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

// --- audio -------------------------------------------------------------------------------------------------

function audio(format: string, rate: number, durationMs: number, seed: number, mp3Headers: boolean): Uint8Array {
  switch (format) {
    case 'mp3':
      return mp3(rate, durationMs, seed, mp3Headers);
    case 'ogg_opus':
      return oggOpus(durationMs, seed);
    case 'ogg_vorbis':
      return oggVorbis(rate, durationMs, seed);
    case 'pcm': {
      const samples = Math.round((durationMs * rate) / 1000);
      const out = new Uint8Array(samples * 2);
      const view = new DataView(out.buffer);
      for (let i = 0; i < samples; i++) view.setInt16(i * 2, ((i * 37 + seed) % 2000) - 1000, true);
      return out;
    }
    default:
      return new Uint8Array(Math.round((durationMs * rate) / 1000)).fill(0xff);
  }
}

function mp3(rate: number, durationMs: number, seed: number, headers: boolean): Uint8Array {
  const version = rate >= 32_000 ? 3 : rate >= 16_000 ? 2 : 0;
  const rateIndex =
    { 44100: 0, 48000: 1, 32000: 2, 22050: 0, 24000: 1, 16000: 2, 11025: 0, 12000: 1, 8000: 2 }[rate] ?? 0;
  const bitrateIndex = version === 3 ? 5 : 4; // 64 kbit/s (MPEG-1), 32 kbit/s (MPEG-2/2.5)
  const head = [0xff, 0xe0 | (version << 3) | (1 << 1) | 1, (bitrateIndex << 4) | (rateIndex << 2), 0xc0];
  const header = readMp3FrameHeader(Uint8Array.from(head), 0)!;
  const frames = Math.max(1, Math.ceil((durationMs * rate) / 1000 / header.samples));
  const parts: Uint8Array[] = [];
  if (headers) {
    parts.push(Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 10, ...new Array(10).fill(0)]));
    const xing = new Uint8Array(header.length);
    xing.set(head);
    xing.set([0x58, 0x69, 0x6e, 0x67], 4 + header.sideInfoBytes); // "Xing"
    parts.push(xing);
  }
  for (let i = 0; i < frames; i++) {
    const frame = new Uint8Array(header.length);
    frame.set(head);
    frame[header.length - 1] = (seed + i) & 0xff;
    parts.push(frame);
  }
  return concat(parts);
}

function oggOpus(durationMs: number, seed: number): Uint8Array {
  const serial = seed;
  const head = new Uint8Array(19);
  head.set(new TextEncoder().encode('OpusHead'));
  const view = new DataView(head.buffer);
  head[8] = 1;
  head[9] = 1;
  view.setUint16(10, OPUS_PRE_SKIP, true);
  view.setUint32(12, 24_000, true);
  const tags = concat([
    new TextEncoder().encode('OpusTags'),
    Uint8Array.from([8, 0, 0, 0]),
    new TextEncoder().encode('stand-in'),
    Uint8Array.from([0, 0, 0, 0]),
  ]);
  const pages = [
    oggPage({ packets: [head], serial, sequence: 0, granule: 0n, bos: true }),
    oggPage({ packets: [tags], serial, sequence: 1, granule: 0n }),
  ];
  const packets = Math.max(1, Math.ceil(durationMs / 20));
  return concat([...pages, ...audioPages(packets, 960, OPUS_PRE_SKIP, serial, 2, seed)]);
}

function oggVorbis(rate: number, durationMs: number, seed: number): Uint8Array {
  const serial = seed;
  const id = new Uint8Array(30);
  id.set([1, ...new TextEncoder().encode('vorbis')]);
  const view = new DataView(id.buffer);
  id[11] = 1;
  view.setUint32(12, rate, true);
  view.setInt32(20, 48_000, true);
  id[28] = 0xb8;
  id[29] = 1;
  const comment = concat([
    Uint8Array.from([3, ...new TextEncoder().encode('vorbis'), 8, 0, 0, 0]),
    new TextEncoder().encode('stand-in'),
    Uint8Array.from([0, 0, 0, 0, 1]),
  ]);
  const setup = Uint8Array.from([5, ...new TextEncoder().encode('vorbis'), 0, 1, 2, 3]);
  const pages = [
    oggPage({ packets: [id], serial, sequence: 0, granule: 0n, bos: true }),
    oggPage({ packets: [comment, setup], serial, sequence: 1, granule: 0n }),
  ];
  const samplesPerPacket = 1024;
  const packets = Math.max(1, Math.ceil((durationMs * rate) / 1000 / samplesPerPacket));
  return concat([...pages, ...audioPages(packets, samplesPerPacket, 0, serial, 2, seed)]);
}

function audioPages(
  packets: number,
  samplesPerPacket: number,
  preSkip: number,
  serial: number,
  firstSequence: number,
  seed: number,
): Uint8Array[] {
  const pages: Uint8Array[] = [];
  const perPage = 50;
  for (let p = 0, sequence = firstSequence; p * perPage < packets; p++, sequence++) {
    const count = Math.min(perPage, packets - p * perPage);
    const list = Array.from({ length: count }, (_, i) =>
      Uint8Array.from([0x08, (seed + p * perPage + i) & 0xff, 0, 0]),
    );
    const granule = BigInt(preSkip + (p * perPage + count) * samplesPerPacket);
    pages.push(oggPage({ packets: list, serial, sequence, granule, eos: (p + 1) * perPage >= packets }));
  }
  return pages;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
