import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isServiceError, isValidationError } from '../../../src/kit/errors.js';
import { TranscribeStreamingStandIn } from '../../../src/testing/TranscribeStreamingStandIn.js';
import { StreamTranscriber } from '../../../src/transcribe/aws/StreamTranscriber.js';
import { parseTranscriptEvent } from '../../../src/transcribe/parseTranscriptEvent.js';
import { parseWav } from '../../../src/transcribe/wav.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';
import { collect, tonePcm } from './harness.js';

/** PCM whose bytes spell the sentinel, so a leak of audio bytes as text would show it. */
function sentinelPcm(ms: number): Uint8Array {
  const out = tonePcm(ms);
  const marker = new TextEncoder().encode(SENTINEL.padEnd(SENTINEL.length + (SENTINEL.length % 2), ' '));
  for (let offset = 0; offset + marker.byteLength <= out.byteLength; offset += 640) out.set(marker, offset);
  return out;
}

describe('Transcribe: no transcript text or audio in logs or errors (sentinel)', () => {
  let standIn: TranscribeStreamingStandIn;
  beforeAll(async () => {
    standIn = await TranscribeStreamingStandIn.start({
      phrases: [`hello ${SENTINEL} world`],
      phraseMs: 500,
      webSocket: false,
    });
  });
  afterAll(() => standIn.close());

  it('logs metadata only while transcripts carry the sentinel, and errors name no payload', async () => {
    const logger = recordingLogger();
    const transcriber = new StreamTranscriber({ clientConfig: standIn.clientConfig(), logger });
    const events = await collect(
      transcriber.transcribe(sentinelPcm(1_000), { languageCode: 'en-US', sampleRateHz: 16_000, realTimeSpeed: false }),
    );
    expect(events.some((e) => e.type === 'final' && e.segment.text.includes(SENTINEL))).toBe(true);
    standIn.failNext({ errorName: 'BadRequestException', afterAudioMs: 100 });
    const failure = await collect(
      transcriber.transcribe(sentinelPcm(1_000), { languageCode: 'en-US', sampleRateHz: 16_000, realTimeSpeed: false }),
    ).catch((e: unknown) => e);
    expect(isServiceError(failure)).toBe(true);
    standIn.failNext({ errorName: 'LimitExceededException' });
    await collect(
      transcriber.transcribe(sentinelPcm(500), {
        languageCode: 'en-US',
        sampleRateHz: 16_000,
        realTimeSpeed: false,
        throttleBackoff: { initialDelayMs: 1, maxDelayMs: 1 },
      }),
    );
    expect(logger.lines.length).toBeGreaterThan(0);
    expectNoSentinel(logger.lines, failure);
    transcriber.destroy();
  });

  it('keeps payloads out of validation and response-shape errors', () => {
    const notWav = new TextEncoder().encode(`RIFF....WAVEfmt ${SENTINEL}`);
    const errors: unknown[] = [];
    try {
      parseWav(notWav);
    } catch (e) {
      errors.push(e);
    }
    try {
      parseTranscriptEvent({ Transcript: { Results: [{ ResultId: 'r', StartTime: SENTINEL, Alternatives: [{}] }] } });
    } catch (e) {
      errors.push(e);
    }
    try {
      new StreamTranscriber({ clientConfig: standIn.clientConfig() }).transcribe(tonePcm(100), {
        languageCode: SENTINEL,
        sampleRateHz: 16_000,
      });
    } catch (e) {
      errors.push(e);
    }
    expect(errors).toHaveLength(3);
    expect(isValidationError(errors[2])).toBe(true);
    expectNoSentinel([], ...errors);
  });
});
