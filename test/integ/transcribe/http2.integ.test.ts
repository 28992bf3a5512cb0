import { TranscribeStreamingClient } from '@aws-sdk/client-transcribe-streaming';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isServiceError } from '../../../src/kit/errors.js';
import { TranscribeStreamingStandIn } from '../../../src/testing/TranscribeStreamingStandIn.js';
import { StreamTranscriber } from '../../../src/transcribe/aws/StreamTranscriber.js';
import { TranscriptAssembler } from '../../../src/transcribe/TranscriptAssembler.js';
import { encodeWav, parseWav } from '../../../src/transcribe/wav.js';
import { collect, tonePcm } from './harness.js';

const PHRASES = ['alpha beta gamma delta', 'epsilon zeta eta', 'theta iota kappa lambda'];

describe('StreamTranscriber over HTTP/2 against the stand-in (real SDK client)', () => {
  let standIn: TranscribeStreamingStandIn;
  let transcriber: StreamTranscriber;
  beforeAll(async () => {
    standIn = await TranscribeStreamingStandIn.start({ phrases: PHRASES, phraseMs: 1_000 });
    transcriber = new StreamTranscriber({ clientConfig: standIn.clientConfig() });
  });
  afterEach(() => standIn.reset());
  afterAll(async () => {
    transcriber.destroy();
    await standIn.close();
  });

  it('streams a WAV file in uniform frames and yields partial and final segments', async () => {
    const wav = parseWav(encodeWav(tonePcm(3_000), { sampleRateHz: 16_000 }));
    const events = await collect(transcriber.transcribe(wav, { languageCode: 'en-US', realTimeSpeed: false }));
    const finals = events.flatMap((e) => (e.type === 'final' ? [e.segment] : []));
    const partials = events.flatMap((e) => (e.type === 'partial' ? [e.segment] : []));
    expect(finals.map((s) => s.text)).toEqual(PHRASES);
    expect(partials.length).toBe(3);
    expect(finals[1]!.startMs).toBe(1_000);
    expect(finals[1]!.words[0]).toMatchObject({ content: 'epsilon', startMs: 1_000, type: 'pronunciation' });
    expect(finals[0]!.confidence).toBeGreaterThan(0.8);
    const assembler = new TranscriptAssembler();
    for (const event of events) if (event.type === 'partial' || event.type === 'final') assembler.push(event.segment);
    expect(assembler.stableText()).toBe(PHRASES.join(' '));
    expect(standIn.sessions).toHaveLength(1);
    expect(standIn.sessions[0]).toMatchObject({
      transport: 'http2',
      outcome: 'completed',
      endedByClient: true,
      audioEvents: 30,
      audioBytes: 96_000,
      maxEventBytes: 3_200,
      sampleRateHz: 16_000,
      languageCode: 'en-US',
    });
  });
});
