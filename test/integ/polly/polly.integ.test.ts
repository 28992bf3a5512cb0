import { PollyClient, SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/kit/errors.js';
import {
  oggCrc32,
  PollyLexicons,
  PronunciationLexicon,
  parseSsml,
  readMp3FrameHeader,
  SpeechSynthesizer,
  ssmlToText,
} from '../../../src/polly/index.js';
import { awsError, PollyStandIn } from '../../../src/testing/index.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';

const PARAGRAPH =
  'The chemical element <break time="150ms"/><phoneme alphabet="ipa" ph="lɛd">lead</phoneme> weighs a lot &amp; ' +
  'costs <say-as interpret-as="cardinal">124456</say-as> 😀 credits. Grüße, <sub alias="Amazon Web Services">AWS</sub>! ' +
  '<mark name="illustration"/>Tom wants to buy a used car. ';
const LONG_SSML = `<speak><p>${PARAGRAPH.repeat(40)}</p><prosody rate="90%"><s>${PARAGRAPH.repeat(40)}</s></prosody></speak>`;

function mp3Frames(audio: Uint8Array): { frames: number; xing: number; id3: number } {
  let offset = 0;
  let id3 = 0;
  let frames = 0;
  let xing = 0;
  while (
    offset + 3 < audio.length &&
    audio[offset] === 0x49 &&
    audio[offset + 1] === 0x44 &&
    audio[offset + 2] === 0x33
  ) {
    id3++;
    offset += 10 + audio[offset + 9]!;
  }
  while (offset < audio.length) {
    const header = readMp3FrameHeader(audio, offset);
    if (!header) throw new Error(`no frame at ${offset}`);
    if (
      String.fromCharCode(...audio.subarray(offset + 4 + header.sideInfoBytes, offset + 8 + header.sideInfoBytes)) ===
      'Xing'
    )
      xing++;
    frames++;
    offset += header.length;
  }
  return { frames, xing, id3 };
}

function oggPages(audio: Uint8Array): { serials: Set<number>; sequences: number[]; crcOk: boolean; eos: number } {
  const serials = new Set<number>();
  const sequences: number[] = [];
  let crcOk = true;
  let eos = 0;
  for (let offset = 0; offset < audio.length; ) {
    const segments = audio[offset + 26]!;
    let length = 27 + segments;
    for (let i = 0; i < segments; i++) length += audio[offset + 27 + i]!;
    const page = audio.slice(offset, offset + length);
    const view = new DataView(page.buffer);
    serials.add(view.getUint32(14, true));
    sequences.push(view.getUint32(18, true));
    if (page[5]! & 4) eos++;
    const crc = view.getUint32(22, true);
    view.setUint32(22, 0, true);
    crcOk &&= oggCrc32(page) === crc;
    offset += length;
  }
  return { serials, sequences, crcOk, eos };
}

describe('SpeechSynthesizer with a real PollyClient against the stand-in', () => {
  let standIn: PollyStandIn;
  beforeAll(async () => {
    standIn = await PollyStandIn.start({ mp3Headers: true });
  });
  afterAll(() => standIn.close());

  it('speaks a long SSML document: every request within both limits, MP3 joined, marks on one timeline', async () => {
    const client = new PollyClient(standIn.clientConfig());
    const synthesizer = new SpeechSynthesizer({
      client,
      voiceId: 'Joanna',
      speechMarkTypes: ['sentence', 'word', 'ssml'],
    });
    const progress: number[] = [];
    const result = await synthesizer.synthesize({ ssml: LONG_SSML }, { onProgress: (p) => progress.push(p.done) });
    expect(result.chunks).toBeGreaterThan(2);
    expect(progress).toEqual(Array.from({ length: result.chunks }, (_, i) => i + 1));
    expect(standIn.stats.tooLong).toBe(0);
    expect(standIn.stats.maxBilledCharacters).toBeLessThanOrEqual(3000);
    expect(standIn.stats.maxTotalCharacters).toBeLessThanOrEqual(6000);
    expect(result.requestCharacters).toBe(ssmlToText(parseSsml(LONG_SSML)).length);
    const mp3 = mp3Frames(result.audio);
    expect(mp3).toMatchObject({ id3: 1, xing: 0 });
    expect(result.contentType).toBe('audio/mpeg');
    // Every word mark points at its word in the caller's input, in time order across chunks.
    const words = result.speechMarks.filter((m) => m.type === 'word');
    expect(words.length).toBeGreaterThan(500);
    for (const w of words)
      expect(ssmlToText(parseSsml(`<speak>${LONG_SSML.slice(w.start, w.end)}</speak>`))).toBe(w.value);
    const times = words.map((w) => w.timeMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThan(result.durationMs);
    const marks = result.speechMarks.filter((m) => m.type === 'ssml');
    expect(marks).toHaveLength(80);
    for (const m of marks) expect(LONG_SSML.slice(m.start, m.end)).toBe('<mark name="illustration"/>');
  });

  it.each(['ogg_opus', 'ogg_vorbis'] as const)('joins %s into one logical stream with valid CRCs', async (format) => {
    const client = new PollyClient(standIn.clientConfig());
    const synthesizer = new SpeechSynthesizer({ client, voiceId: 'Joanna', engine: 'neural', speechMarkTypes: [] });
    const result = await synthesizer.synthesize({ ssml: LONG_SSML }, { outputFormat: format });
    const pages = oggPages(result.audio);
    expect(result.chunks).toBeGreaterThan(2);
    expect(pages.serials.size).toBe(1);
    expect(pages.sequences).toEqual(pages.sequences.map((_, i) => i));
    expect(pages.crcOk).toBe(true);
    expect(pages.eos).toBe(1);
  });

  it('streams PCM chunk by chunk', async () => {
    const client = new PollyClient(standIn.clientConfig());
    const synthesizer = new SpeechSynthesizer({
      client,
      voiceId: 'Joanna',
      outputFormat: 'pcm',
      speechMarkTypes: ['word'],
    });
    let bytes = 0;
    let last = -1;
    for await (const part of synthesizer.synthesizeStream({ text: 'Plain text, spoken at length. '.repeat(300) })) {
      expect(part.chunk).toBe(last + 1);
      last = part.chunk;
      bytes += part.audio.byteLength;
      expect(part.speechMarks.every((m) => m.timeMs >= part.startMs)).toBe(true);
    }
    expect(last).toBeGreaterThan(1);
    expect(bytes % 2).toBe(0);
  });

  it('the stand-in enforces the limits itself: a raw oversized call fails', async () => {
    const client = new PollyClient(standIn.clientConfig({ maxAttempts: 1 }));
    await expect(
      client.send(new SynthesizeSpeechCommand({ Text: 'a'.repeat(3001), VoiceId: 'Joanna', OutputFormat: 'mp3' })),
    ).rejects.toMatchObject({ name: 'TextLengthExceededException' });
  });

  it('retries ThrottlingException (HTTP 400) through the SDK retry strategy', async () => {
    const client = new PollyClient(standIn.clientConfig({ maxAttempts: 3 }));
    standIn.server.script('SynthesizeSpeech', [awsError('ThrottlingException'), awsError('ThrottlingException')]);
    const synthesizer = new SpeechSynthesizer({ client, voiceId: 'Joanna', speechMarkTypes: [] });
    const before = standIn.server.callsOf('SynthesizeSpeech').length;
    const result = await synthesizer.synthesize({ text: 'Short.' });
    expect(result.chunks).toBe(1);
    expect(
      standIn.server
        .callsOf('SynthesizeSpeech')
        .slice(before)
        .map((c) => c.status),
    ).toEqual([400, 400, 200]);
  });

  it('surfaces service errors as ServiceErrors without text, and logs no text', async () => {
    const client = new PollyClient(standIn.clientConfig({ maxAttempts: 1 }));
    const logger = recordingLogger();
    const synthesizer = new SpeechSynthesizer({ client, voiceId: 'Joanna', logger, lexiconNames: ['Missing'] });
    const error = await synthesizer.synthesize({ text: `${SENTINEL} speaks.` }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServiceError', errorName: 'LexiconNotFoundException', httpStatusCode: 404 });
    standIn.server.script('SynthesizeSpeech', [awsError('ServiceFailureException', 500)]);
    const failure = await new SpeechSynthesizer({ client, voiceId: 'Joanna', logger })
      .synthesize({ text: `${SENTINEL} speaks.` })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ errorName: 'ServiceFailureException', retryable: true });
    expect(logger.lines.some((l) => l.includes('call failed'))).toBe(true);
    expectNoSentinel(logger.lines, error, failure);
  });

  it('aborts in flight with the caller’s reason even when the client ignores abortSignal', async () => {
    const slow = await PollyStandIn.start({ latencyMs: 3_000 });
    try {
      const real = new PollyClient(slow.clientConfig({ maxAttempts: 1 }));
      const ignoring = { send: (command: never) => real.send(command) } as unknown as PollyClient;
      const logger = recordingLogger();
      const synthesizer = new SpeechSynthesizer({ client: ignoring, voiceId: 'Joanna', logger });
      const controller = new AbortController();
      const reason = new Error('user cancelled');
      setTimeout(() => controller.abort(reason), 50);
      const error = await synthesizer
        .synthesize({ text: `${SENTINEL} words.` }, { signal: controller.signal })
        .catch((e: unknown) => e);
      expect(error).toBe(reason);
      expectNoSentinel(logger.lines, error);
      real.destroy();
    } finally {
      await slow.close();
    }
  });

  it('stays under the engine rate; without the limiter the stand-in throttles', async () => {
    const run = async (limited: boolean) => {
      const limitedStandIn = await PollyStandIn.start({ requestsPerSecond: 8 });
      try {
        const client = new PollyClient(limitedStandIn.clientConfig({ maxAttempts: 1 }));
        const synthesizer = new SpeechSynthesizer({
          client,
          voiceId: 'Joanna',
          engine: 'neural',
          speechMarkTypes: ['word'],
          maxBilledCharacters: 200,
          concurrency: 8,
          ...(limited ? { quotaUtilization: 0.7 } : { rateLimiter: false as const }),
        });
        await synthesizer.synthesize({ text: 'One sentence here. '.repeat(60) }).catch(() => undefined);
        return limitedStandIn.stats.throttled;
      } finally {
        await limitedStandIn.close();
      }
    };
    expect(await run(false)).toBeGreaterThan(0);
    expect(await run(true)).toBe(0);
  });
});

describe('PollyLexicons with a real PollyClient against the stand-in', () => {
  it('puts a lexicon, waits until it is visible, uses it, lists and deletes it', async () => {
    const standIn = await PollyStandIn.start({ lexiconVisibleAfterReads: 2 });
    try {
      const client = new PollyClient(standIn.clientConfig());
      const lexicons = new PollyLexicons({ client, visibilityBackoff: { initialDelayMs: 10, jitter: 0 } });
      const lexicon = new PronunciationLexicon({ name: 'Acronyms', language: 'en-US' })
        .add({ graphemes: ['Y2K'], alias: 'year 2000' })
        .add({ graphemes: ['pecan'], phoneme: 'pɪˈkɑːn' });
      await lexicons.put(lexicon);
      expect(standIn.server.callsOf('GetLexicon').map((c) => c.status)).toEqual([404, 404, 200]);
      const stored = await lexicons.get('Acronyms');
      expect(stored?.content).toBe(lexicon.toXml());
      expect(stored?.description).toMatchObject({
        name: 'Acronyms',
        alphabet: 'ipa',
        languageCode: 'en-US',
        lexemesCount: 2,
      });
      const synthesizer = new SpeechSynthesizer({ client, voiceId: 'Joanna', lexiconNames: ['Acronyms'] });
      expect((await synthesizer.synthesize({ text: 'Y2K pecan pie.' })).chunks).toBe(1);
      expect((await lexicons.list()).map((l) => l.name)).toEqual(['Acronyms']);
      expect(await lexicons.delete('Acronyms')).toBe(true);
      expect(await lexicons.delete('Acronyms')).toBe(false);
    } finally {
      await standIn.close();
    }
  });

  it('rejects a lexicon over the limits before any request', async () => {
    const standIn = await PollyStandIn.start();
    try {
      const lexicons = new PollyLexicons({ client: new PollyClient(standIn.clientConfig()) });
      const big = `<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-US">${'<lexeme><grapheme>word</grapheme><alias>alias</alias></lexeme>'.repeat(80)}</lexicon>`;
      const error = await lexicons.put({ name: 'Big', content: big }).catch((e: unknown) => e);
      expect(isValidationError(error)).toBe(true);
      expect(standIn.server.calls).toHaveLength(0);
    } finally {
      await standIn.close();
    }
  });
});

describe('PollyStandIn protocol checks', () => {
  it('answers the service error names for SSML, marks and sample rates it would reject', async () => {
    const standIn = await PollyStandIn.start();
    try {
      const client = new PollyClient(standIn.clientConfig({ maxAttempts: 1 }));
      const base = { VoiceId: 'Joanna' as const, OutputFormat: 'mp3' as const };
      await expect(
        client.send(new SynthesizeSpeechCommand({ ...base, Text: '<speak><p>x</speak>', TextType: 'ssml' })),
      ).rejects.toMatchObject({ name: 'InvalidSsmlException' });
      await expect(
        client.send(
          new SynthesizeSpeechCommand({
            ...base,
            Text: '<speak><emphasis>x</emphasis></speak>',
            TextType: 'ssml',
            Engine: 'neural',
          }),
        ),
      ).rejects.toMatchObject({ name: 'InvalidSsmlException' });
      await expect(
        client.send(new SynthesizeSpeechCommand({ ...base, Text: 'x', SpeechMarkTypes: ['word'] })),
      ).rejects.toMatchObject({
        name: 'MarksNotSupportedForFormatException',
      });
      await expect(
        client.send(new SynthesizeSpeechCommand({ ...base, Text: 'x', SampleRate: '11025' })),
      ).rejects.toMatchObject({
        name: 'InvalidSampleRateException',
      });
      const ok = await client.send(new SynthesizeSpeechCommand({ ...base, Text: 'Hello world.' }));
      expect(ok.RequestCharacters).toBe(12);
      expect(ok.ContentType).toBe('audio/mpeg');
      client.destroy();
    } finally {
      await standIn.close();
    }
  });
});
