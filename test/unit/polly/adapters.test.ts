import {
  DeleteLexiconCommand,
  GetLexiconCommand,
  LexiconNotFoundException,
  ListLexiconsCommand,
  PollyClient,
  PutLexiconCommand,
  SynthesizeSpeechCommand,
} from '@aws-sdk/client-polly';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { isValidationError, isWaitTimeoutError } from '../../../src/kit/errors.js';
import { OffsetMap } from '../../../src/kit/offsets.js';
import { loadPolly } from '../../../src/polly/aws/pollyClient.js';
import { PollyLexicons, PronunciationLexicon, SpeechSynthesizer } from '../../../src/polly/index.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';

const stream = (bytes: Uint8Array) => ({ transformToByteArray: async () => bytes }) as never;

/** Answers like Polly: PCM of 2 bytes per billed character, and a word mark per word with byte offsets. */
function pollyLike(polly: ReturnType<typeof mockClient>) {
  polly.on(SynthesizeSpeechCommand).callsFake((input: { Text: string; OutputFormat: string }) => {
    if (input.OutputFormat !== 'json') {
      return { AudioStream: stream(new Uint8Array(32 * input.Text.length)), RequestCharacters: input.Text.length };
    }
    const map = new OffsetMap(input.Text);
    const lines = [...input.Text.matchAll(/[^\s<>]+(?![^<]*>)/g)].map((m) =>
      JSON.stringify({
        time: 10,
        type: 'word',
        start: map.utf8FromUtf16(m.index),
        end: map.utf8FromUtf16(m.index + m[0].length),
        value: m[0],
      }),
    );
    return { AudioStream: stream(new TextEncoder().encode(lines.join('\n'))) };
  });
}

describe('SpeechSynthesizer (send level)', () => {
  it('splits, asks for audio and marks per chunk, joins PCM and merges marks onto the input', async () => {
    const polly = mockClient(PollyClient);
    pollyLike(polly);
    const synthesizer = new SpeechSynthesizer({
      client: new PollyClient({}),
      voiceId: 'Joanna',
      maxBilledCharacters: 100,
    });
    const text = 'Grüße aus 😀 Köln. '.repeat(30);
    const result = await synthesizer.synthesize({ text }, { outputFormat: 'pcm', sampleRateHz: 16_000 });
    const calls = polly.commandCalls(SynthesizeSpeechCommand).map((c) => c.args[0].input);
    expect(result.chunks).toBeGreaterThan(5);
    expect(calls.filter((c) => c.OutputFormat === 'pcm')).toHaveLength(result.chunks);
    expect(
      calls.filter((c) => c.OutputFormat === 'json').every((c) => c.SpeechMarkTypes?.join() === 'sentence,word'),
    ).toBe(true);
    expect(calls.every((c) => c.VoiceId === 'Joanna' && c.TextType === 'text' && (c.Text?.length ?? 0) <= 100)).toBe(
      true,
    );
    expect(result.audio.length).toBe(32 * text.length);
    expect(result.durationMs).toBeCloseTo(text.length, 6);
    for (const mark of result.speechMarks) expect(text.slice(mark.start, mark.end)).toBe(mark.value);
    const times = result.speechMarks.map((m) => m.timeMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(result.requestCharacters).toBe(text.length);
  });

  it.each([
    [{ ssml: '<speak><p>unbalanced</speak>' }, {}, 'ssml'],
    [{ ssml: '<speak><phoneme alphabet="ipa" ph=\'pI"kA:n\'>pecan</phoneme></speak>' }, {}, 'ssml.phoneme[0]@ph'],
    [{ ssml: '<speak><emphasis>x</emphasis></speak>' }, { engine: 'neural' }, 'ssml.emphasis[0]'],
    [{ text: 'hi' }, { lexiconNames: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'lexiconNames'],
    [{ text: 'hi' }, { lexiconNames: ['no-dash'] }, 'lexiconNames[0]'],
    [{ text: 'hi' }, { speechMarkTypes: ['ssml'] }, 'speechMarkTypes'],
    [{ text: 'hi' }, { sampleRateHz: 44_100, outputFormat: 'pcm' }, 'sampleRateHz'],
    [{ text: 'hi', ssml: '<speak/>' }, {}, 'input'],
  ] as const)('bad input %# fails with a ValidationError before any request', async (input, options, field) => {
    const polly = mockClient(PollyClient);
    const synthesizer = new SpeechSynthesizer({ client: new PollyClient({}), voiceId: 'Joanna' });
    const error = await synthesizer.synthesize(input as never, options as never).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect((error as { field: string }).field).toBe(field);
    expect(polly.calls()).toHaveLength(0);
  });

  it('requires a voice', async () => {
    const synthesizer = new SpeechSynthesizer({ client: new PollyClient({}) });
    await expect(synthesizer.synthesize({ text: 'x' })).rejects.toMatchObject({ field: 'voiceId' });
  });

  it('aborts even when the client ignores abortSignal, with the caller’s reason, and leaks no text', async () => {
    const ignoring = { send: () => new Promise(() => undefined) } as unknown as PollyClient;
    const logger = recordingLogger();
    const synthesizer = new SpeechSynthesizer({ client: ignoring, voiceId: 'Joanna', logger });
    const controller = new AbortController();
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 20);
    const error = await synthesizer
      .synthesize({ text: `${SENTINEL} talk` }, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBe(reason);
    const timeout = await synthesizer
      .synthesize({ text: `${SENTINEL} talk` }, { timeoutMs: 30 })
      .catch((e: unknown) => e);
    expect((timeout as Error).name).toBe('TimeoutError');
    expectNoSentinel(logger.lines, error, timeout);
  });

  it('wraps service errors without the text', async () => {
    const polly = mockClient(PollyClient);
    polly.on(SynthesizeSpeechCommand).rejects(
      Object.assign(new Error(`bad ${SENTINEL}`), {
        name: 'InvalidSsmlException',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const logger = recordingLogger();
    const synthesizer = new SpeechSynthesizer({ client: new PollyClient({}), voiceId: 'Joanna', logger });
    const error = await synthesizer.synthesize({ ssml: `<speak>${SENTINEL}</speak>` }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ServiceError',
      errorName: 'InvalidSsmlException',
      operation: 'SynthesizeSpeech',
    });
    expectNoSentinel(logger.lines, error);
  });

  it('streams parts in order and stops the rest when the consumer breaks', async () => {
    const polly = mockClient(PollyClient);
    pollyLike(polly);
    const synthesizer = new SpeechSynthesizer({
      client: new PollyClient({}),
      voiceId: 'Joanna',
      speechMarkTypes: [],
      maxBilledCharacters: 50,
      concurrency: 2,
    });
    const seen: number[] = [];
    for await (const part of synthesizer.synthesizeStream(
      { text: 'Hello there. '.repeat(50) },
      { outputFormat: 'pcm' },
    )) {
      seen.push(part.chunk);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(polly.commandCalls(SynthesizeSpeechCommand).length).toBeLessThanOrEqual(5);
  });

  it('fails fast: the first failing chunk stops the others and its error is the one thrown', async () => {
    const polly = mockClient(PollyClient);
    let started = 0;
    polly.on(SynthesizeSpeechCommand).callsFake(async (input: { Text: string }) => {
      started++;
      if (input.Text.includes('Broken')) {
        throw Object.assign(new Error('x'), { name: 'ServiceFailureException', $metadata: { httpStatusCode: 500 } });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { AudioStream: stream(new Uint8Array(2)) };
    });
    const synthesizer = new SpeechSynthesizer({
      client: new PollyClient({}),
      voiceId: 'Joanna',
      speechMarkTypes: [],
      maxBilledCharacters: 40,
      concurrency: 3,
    });
    const text = `${'Fine words here. '.repeat(2)}Broken words. ${'Fine words here. '.repeat(20)}`;
    const error = await synthesizer.synthesize({ text }, { outputFormat: 'pcm' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServiceError', errorName: 'ServiceFailureException' });
    expect(started).toBe(3); // the window in flight; without fail-fast chunk 0 would finish and chunk 3 start
  });

  it('rejects settings out of range at construction', () => {
    expect(() => new SpeechSynthesizer({ concurrency: 0 })).toThrow(/concurrency/);
    expect(() => new SpeechSynthesizer({ maxBilledCharacters: 3001 })).toThrow(/maxBilledCharacters/);
    expect(() => new SpeechSynthesizer({ quotaUtilization: 2 })).toThrow(/quotaUtilization/);
    expect(() => new SpeechSynthesizer({ engine: 'loud' as never })).toThrow(/engine/);
  });
});

describe('PollyLexicons (send level)', () => {
  const lexicon = () =>
    new PronunciationLexicon({ name: 'Acronyms', language: 'en-US' }).add({ graphemes: ['Y2K'], alias: 'year 2000' });

  it('puts, then polls get until the new content is visible', async () => {
    const polly = mockClient(PollyClient);
    const xml = lexicon().toXml();
    polly.on(PutLexiconCommand).resolves({});
    polly
      .on(GetLexiconCommand)
      .rejectsOnce(new LexiconNotFoundException({ message: 'x', $metadata: { httpStatusCode: 404 } }))
      .resolvesOnce({ Lexicon: { Name: 'Acronyms', Content: 'old' } })
      .resolves({ Lexicon: { Name: 'Acronyms', Content: xml } });
    const lexicons = new PollyLexicons({
      client: new PollyClient({}),
      rateLimiter: false,
      visibilityBackoff: { initialDelayMs: 1, jitter: 0 },
    });
    await lexicons.put(lexicon());
    expect(polly.commandCalls(GetLexiconCommand)).toHaveLength(3);
    expect(polly.commandCalls(PutLexiconCommand)[0]!.args[0].input).toEqual({ Name: 'Acronyms', Content: xml });
  });

  it('gives up waiting after visibilityTimeoutMs', async () => {
    const polly = mockClient(PollyClient);
    polly.on(PutLexiconCommand).resolves({});
    polly.on(GetLexiconCommand).resolves({ Lexicon: { Name: 'Acronyms', Content: 'stale' } });
    const lexicons = new PollyLexicons({
      client: new PollyClient({}),
      rateLimiter: false,
      visibilityTimeoutMs: 30,
      visibilityBackoff: { initialDelayMs: 5, jitter: 0 },
    });
    expect(isWaitTimeoutError(await lexicons.put(lexicon()).catch((e: unknown) => e))).toBe(true);
  });

  it('validates PLS before any request', async () => {
    const polly = mockClient(PollyClient);
    const lexicons = new PollyLexicons({ client: new PollyClient({}) });
    await expect(lexicons.put({ name: 'Bad', content: 'x'.repeat(4001) })).rejects.toMatchObject({ field: 'lexicon' });
    await expect(lexicons.put({ name: 'Bad', content: '<lexicon>' })).rejects.toMatchObject({
      name: 'ValidationError',
    });
    await expect(lexicons.get('not valid!')).rejects.toMatchObject({ field: 'name' });
    expect(polly.calls()).toHaveLength(0);
  });

  it('lists every page, gets, and deletes (false when absent)', async () => {
    const polly = mockClient(PollyClient);
    polly
      .on(ListLexiconsCommand)
      .resolvesOnce({ Lexicons: [{ Name: 'A', Attributes: { LexemesCount: 1 } }], NextToken: 't' })
      .resolves({ Lexicons: [{ Name: 'B', Attributes: { Alphabet: 'ipa' } }] });
    polly.on(GetLexiconCommand).rejects(new LexiconNotFoundException({ message: 'x', $metadata: {} }));
    polly
      .on(DeleteLexiconCommand)
      .resolvesOnce({})
      .rejects(new LexiconNotFoundException({ message: 'x', $metadata: {} }));
    const lexicons = new PollyLexicons({ client: new PollyClient({}), rateLimiter: false });
    expect((await lexicons.list()).map((l) => l.name)).toEqual(['A', 'B']);
    expect(await lexicons.get('A')).toBeUndefined();
    expect(await lexicons.delete('A')).toBe(true);
    expect(await lexicons.delete('A')).toBe(false);
  });
});

describe('loadPolly', () => {
  it('loads the installed SDK once', async () => {
    expect(await loadPolly('test')).toBe(await loadPolly('test'));
  });
});
