import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as WsWebSocket } from 'ws';
import { isServiceError, isValidationError } from '../../../src/kit/errors.js';
import { TranscribeStreamingStandIn } from '../../../src/testing/TranscribeStreamingStandIn.js';
import { createPresignedTranscribeUrl } from '../../../src/transcribe/aws/createPresignedTranscribeUrl.js';
import {
  transcribeOverWebSocket,
  type WebSocketConstructorLike,
} from '../../../src/transcribe/aws/transcribeOverWebSocket.js';
import { TranscriptAssembler } from '../../../src/transcribe/TranscriptAssembler.js';
import { encodeWav, parseWav } from '../../../src/transcribe/wav.js';
import { collect, tonePcm } from './harness.js';

const PHRASES = ['one two three', 'four five six'];

describe('transcribeOverWebSocket with a presigned URL against the stand-in', () => {
  let standIn: TranscribeStreamingStandIn;
  beforeAll(async () => {
    standIn = await TranscribeStreamingStandIn.start({ phrases: PHRASES, phraseMs: 1_000 });
  });
  afterEach(() => standIn.reset());
  afterAll(() => standIn.close());

  const presign = (overrides: Record<string, unknown> = {}) =>
    createPresignedTranscribeUrl({
      ...standIn.presignOptions(),
      languageCode: 'en-US',
      sampleRateHz: 16_000,
      showSpeakerLabel: true,
      ...overrides,
    });

  for (const [name, Socket] of [
    ['the platform WebSocket (Node ≥ 22)', undefined],
    ['the ws package', WsWebSocket as unknown as WebSocketConstructorLike],
  ] as const) {
    it(`transcribes through ${name}: signature verified, audio decoded, results decoded`, async () => {
      const url = await presign();
      const wav = parseWav(encodeWav(tonePcm(2_000), { sampleRateHz: 16_000 }));
      const events = await collect(
        transcribeOverWebSocket(url, wav, { realTimeSpeed: false, ...(Socket ? { WebSocket: Socket } : {}) }),
      );
      const assembler = new TranscriptAssembler();
      for (const event of events) if (event.type === 'partial' || event.type === 'final') assembler.push(event.segment);
      expect(assembler.stableText()).toBe(PHRASES.join(' '));
      expect(assembler.finals.map((s) => s.speakers)).toEqual([['0'], ['1']]);
      expect(events.some((e) => e.type === 'partial')).toBe(true);
      expect(standIn.sessions[0]).toMatchObject({
        transport: 'websocket',
        outcome: 'completed',
        endedByClient: true,
        audioBytes: 64_000,
        maxEventBytes: 3_200,
      });
    });
  }

  it('is refused (403) when the signature does not match', async () => {
    const url = new URL(await presign());
    url.searchParams.set('language-code', 'es-US'); // changed after signing
    const error = await collect(transcribeOverWebSocket(url.toString(), tonePcm(200), { realTimeSpeed: false })).catch(
      (e: unknown) => e,
    );
    expect(isServiceError(error) && error.errorName).toBe('WebSocketHandshakeError');
    expect(standIn.sessions[0]).toMatchObject({ outcome: 'refused', errorName: 'bad-signature' });
  });

  it('refuses an expired URL before connecting', async () => {
    const url = await presign({ signingDate: new Date(Date.now() - 10 * 60_000), expiresInSeconds: 60 });
    expect(() => transcribeOverWebSocket(url, tonePcm(200), { realTimeSpeed: false })).toThrow(/expired/);
    expect(standIn.sessions).toHaveLength(0);
  });

  it('and the stand-in itself refuses an expired URL', async () => {
    const url = await presign({ signingDate: new Date(Date.now() - 10 * 60_000), expiresInSeconds: 60 });
    const error = await collect(
      transcribeOverWebSocket(url, tonePcm(200), { realTimeSpeed: false, now: () => Date.now() - 10 * 60_000 }),
    ).catch((e: unknown) => e);
    expect(isServiceError(error)).toBe(true);
    expect(standIn.sessions[0]).toMatchObject({ outcome: 'refused', errorName: 'expired' });
  });

  it('turns a LimitExceededException message into a THROTTLED ServiceError', async () => {
    standIn.failNext({ errorName: 'LimitExceededException' });
    const error = await collect(transcribeOverWebSocket(await presign(), tonePcm(500), { realTimeSpeed: false })).catch(
      (e: unknown) => e,
    );
    expect(isServiceError(error) && error.code).toBe('THROTTLED');
  });

  it('checks the sample rate against the URL before connecting', async () => {
    const wav = parseWav(encodeWav(tonePcm(200, 8_000), { sampleRateHz: 8_000 }));
    let error: unknown;
    try {
      transcribeOverWebSocket(await presign(), wav, { realTimeSpeed: false });
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error) && error.field).toBe('options.sampleRateHz');
  });

  it('closes the socket on abort and rejects with the reason', async () => {
    const controller = new AbortController();
    async function* endless() {
      const chunk = tonePcm(100);
      while (!controller.signal.aborted) {
        yield chunk;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
    const reason = new Error('stop');
    const outcome = await (async () => {
      for await (const event of transcribeOverWebSocket(await presign(), endless(), {
        realTimeSpeed: false,
        signal: controller.signal,
      })) {
        if (event.type === 'final') controller.abort(reason);
      }
    })().catch((e: unknown) => e);
    expect(outcome).toBe(reason);
    await expect.poll(() => standIn.sessions[0]?.outcome, { timeout: 5_000 }).toBe('aborted');
  });

  it('ends the audio cleanly when the source fails, then reports the source error', async () => {
    const failure = new Error('microphone unplugged');
    async function* failing() {
      yield tonePcm(300);
      throw failure;
    }
    const error = await collect(transcribeOverWebSocket(await presign(), failing(), { realTimeSpeed: false })).catch(
      (e: unknown) => e,
    );
    expect(error).toBe(failure);
    expect(standIn.sessions[0]).toMatchObject({ endedByClient: true, outcome: 'completed' });
  });

  it('reports an in-stream exception after some results', async () => {
    standIn.failNext({ errorName: 'InternalFailureException', afterAudioMs: 1_500 });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of transcribeOverWebSocket(await presign(), tonePcm(3_000), { realTimeSpeed: false })) {
        seen.push(event.type);
      }
    })().catch((e: unknown) => e);
    expect(seen).toContain('final');
    expect(isServiceError(error) && [error.errorName, error.retryable]).toEqual(['InternalFailureException', true]);
  });
});
