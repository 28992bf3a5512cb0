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

  it('backs off when LimitExceededException refuses a stream, then sends all the audio', async () => {
    standIn.failNext({ errorName: 'LimitExceededException' }).failNext({ errorName: 'LimitExceededException' });
    const events = await collect(
      transcriber.transcribe(tonePcm(2_000), {
        languageCode: 'en-US',
        sampleRateHz: 16_000,
        realTimeSpeed: false,
        throttleBackoff: { initialDelayMs: 5, maxDelayMs: 10 },
      }),
    );
    expect(events.filter((e) => e.type === 'throttled').map((e) => (e as { attempt: number }).attempt)).toEqual([1, 2]);
    expect(standIn.sessions.map((s) => s.outcome)).toEqual(['refused', 'refused', 'completed']);
    expect(standIn.sessions[2]!.audioBytes).toBe(64_000);
    expect(events.filter((e) => e.type === 'final')).toHaveLength(2);
  });

  it('gives up after maxThrottleRetries with a THROTTLED ServiceError', async () => {
    standIn.failNext({ errorName: 'LimitExceededException' }).failNext({ errorName: 'LimitExceededException' });
    const error = await collect(
      transcriber.transcribe(tonePcm(500), {
        languageCode: 'en-US',
        sampleRateHz: 16_000,
        realTimeSpeed: false,
        maxThrottleRetries: 1,
        throttleBackoff: { initialDelayMs: 1, maxDelayMs: 1 },
      }),
    ).catch((e: unknown) => e);
    expect(isServiceError(error) && error.code).toBe('THROTTLED');
    expect(isServiceError(error) && error.errorName).toBe('LimitExceededException');
    expect(standIn.sessions).toHaveLength(2);
  });

  it('surfaces an in-stream BadRequestException as a ServiceError, without retrying', async () => {
    standIn.failNext({ errorName: 'BadRequestException', afterAudioMs: 500 });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of transcriber.transcribe(tonePcm(3_000), {
        languageCode: 'en-US',
        sampleRateHz: 16_000,
        realTimeSpeed: false,
      })) {
        seen.push(event.type);
      }
    })().catch((e: unknown) => e);
    expect(isServiceError(error) && error.errorName).toBe('BadRequestException');
    expect(isServiceError(error) && error.retryable).toBe(false);
    expect(standIn.sessions).toHaveLength(1);
    expect(seen).not.toContain('final');
  });

  it('rolls over to a new stream before the stream cap and stitches timestamps', async () => {
    const capped = await TranscribeStreamingStandIn.start({
      phrases: PHRASES,
      phraseMs: 1_000,
      maxStreamMs: 2_500,
      webSocket: false,
    });
    const client = new TranscribeStreamingClient(capped.clientConfig());
    try {
      const rolling = new StreamTranscriber({ client });
      const events = await collect(
        rolling.transcribe(tonePcm(5_000), {
          languageCode: 'en-US',
          sampleRateHz: 16_000,
          realTimeSpeed: false,
          rolloverAfterMs: 2_000,
        }),
      );
      expect(events.filter((e) => e.type === 'rollover')).toEqual([
        { type: 'rollover', streamIndex: 1, offsetMs: 2_000 },
        { type: 'rollover', streamIndex: 2, offsetMs: 4_000 },
      ]);
      const finals = events.flatMap((e) => (e.type === 'final' ? [e.segment] : []));
      expect(finals.map((s) => [s.streamIndex, s.startMs, s.endMs])).toEqual([
        [0, 0, 1_000],
        [0, 1_000, 2_000],
        [1, 2_000, 3_000],
        [1, 3_000, 4_000],
        [2, 4_000, 5_000],
      ]);
      expect(capped.sessions.map((s) => [s.outcome, s.audioBytes])).toEqual([
        ['completed', 64_000],
        ['completed', 64_000],
        ['completed', 32_000],
      ]);
    } finally {
      client.destroy();
      await capped.close();
    }
  });

  it('sends silence while a live source is quiet, so the stream is not idled out', async () => {
    const chunk = tonePcm(100);
    async function* stuttering() {
      for (let i = 0; i < 3; i++) yield chunk;
      await new Promise((resolve) => setTimeout(resolve, 450)); // the speaker pauses
      for (let i = 0; i < 3; i++) yield chunk;
    }
    await collect(
      transcriber.transcribe(stuttering(), {
        languageCode: 'en-US',
        sampleRateHz: 16_000,
        realTimeSpeed: false,
        idleSilenceAfterMs: 100,
      }),
    );
    const session = standIn.sessions[0]!;
    expect(session.outcome).toBe('completed');
    expect(session.audioEvents).toBeGreaterThanOrEqual(8); // 6 frames of audio + at least 2 of silence
    expect(session.audioBytes % 3_200).toBe(0);
    expect(session.maxEventBytes).toBe(3_200);
  });

  it('retries a stream refused in-stream before any result, replaying the audio it had taken', async () => {
    standIn.failNext({ errorName: 'LimitExceededException', afterAudioMs: 200 });
    const events = await collect(
      transcriber.transcribe(tonePcm(2_000), {
        languageCode: 'en-US',
        sampleRateHz: 16_000,
        realTimeSpeed: false,
        throttleBackoff: { initialDelayMs: 1, maxDelayMs: 1 },
      }),
    );
    expect(events.filter((e) => e.type === 'throttled')).toHaveLength(1);
    expect(standIn.sessions.map((s) => s.outcome)).toEqual(['failed', 'completed']);
    expect(standIn.sessions[1]!.audioBytes).toBe(64_000);
    expect(events.flatMap((e) => (e.type === 'final' ? [e.segment.text] : []))).toEqual(PHRASES.slice(0, 2));
  });
});
