import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TranscribeStreamingStandIn } from '../../../src/testing/TranscribeStreamingStandIn.js';
import { StreamTranscriber } from '../../../src/transcribe/aws/StreamTranscriber.js';
import { tonePcm } from './harness.js';

/** A live source that yields 100 ms chunks every few ms and never ends by itself. */
async function* liveMicrophone(stop: AbortSignal): AsyncGenerator<Uint8Array> {
  const chunk = tonePcm(100);
  while (!stop.aborted) {
    yield chunk;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('StreamTranscriber: abort, deadlines and clients that ignore abortSignal', () => {
  let standIn: TranscribeStreamingStandIn;
  beforeAll(async () => {
    standIn = await TranscribeStreamingStandIn.start({ phraseMs: 500, webSocket: false });
  });
  afterEach(() => standIn.reset());
  afterAll(() => standIn.close());

  it('ends the audio and the HTTP/2 stream on abort and rejects with the signal reason', async () => {
    const transcriber = new StreamTranscriber({ clientConfig: standIn.clientConfig() });
    const controller = new AbortController();
    const sourceStop = new AbortController();
    const reason = new Error('user stopped');
    const types: string[] = [];
    const outcome = await (async () => {
      for await (const event of transcriber.transcribe(liveMicrophone(sourceStop.signal), {
        languageCode: 'en-US',
        sampleRateHz: 16_000,
        realTimeSpeed: false,
        signal: controller.signal,
      })) {
        types.push(event.type);
        if (event.type === 'final') controller.abort(reason);
      }
    })().catch((e: unknown) => e);
    sourceStop.abort();
    expect(outcome).toBe(reason);
    expect(types).toContain('final');
    await expect.poll(() => standIn.sessions[0]?.outcome, { timeout: 5_000 }).not.toBe('open');
    transcriber.destroy();
  });

  it('stops a consumer that breaks out of the loop without leaving the stream open', async () => {
    const transcriber = new StreamTranscriber({ clientConfig: standIn.clientConfig() });
    const sourceStop = new AbortController();
    for await (const event of transcriber.transcribe(liveMicrophone(sourceStop.signal), {
      languageCode: 'en-US',
      sampleRateHz: 16_000,
      realTimeSpeed: false,
    })) {
      if (event.type === 'final') break;
    }
    sourceStop.abort();
    await expect.poll(() => standIn.sessions[0]?.outcome, { timeout: 5_000 }).not.toBe('open');
    transcriber.destroy();
  });

  it('honours timeoutMs', async () => {
    const transcriber = new StreamTranscriber({ clientConfig: standIn.clientConfig() });
    const sourceStop = new AbortController();
    const error = await (async () => {
      for await (const _ of transcriber.transcribe(liveMicrophone(sourceStop.signal), {
        languageCode: 'en-US',
        sampleRateHz: 16_000,
        realTimeSpeed: false,
        timeoutMs: 300,
      })) {
        // keep consuming
      }
    })().catch((e: unknown) => e);
    sourceStop.abort();
    expect((error as Error).name).toBe('TimeoutError');
    transcriber.destroy();
  });

  it('cannot be hung by a client that ignores abortSignal', async () => {
    const stuck = { send: () => new Promise<never>(() => undefined), destroy: () => undefined };
    const transcriber = new StreamTranscriber({ client: stuck as never });
    const controller = new AbortController();
    const pending = (async () => {
      for await (const _ of transcriber.transcribe(tonePcm(500), {
        languageCode: 'en-US',
        sampleRateHz: 16_000,
        realTimeSpeed: false,
        signal: controller.signal,
      })) {
        // nothing arrives
      }
    })().catch((e: unknown) => e);
    setTimeout(() => controller.abort(new Error('gave up')), 20);
    expect(((await pending) as Error).message).toBe('gave up');
  });

  it('cannot be hung by a client whose result stream never yields', async () => {
    const silent = {
      send: async () => ({
        $metadata: {},
        TranscriptResultStream: { [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => undefined) }) },
      }),
    };
    const transcriber = new StreamTranscriber({ client: silent as never });
    const error = await (async () => {
      for await (const _ of transcriber.transcribe(tonePcm(500), {
        languageCode: 'en-US',
        sampleRateHz: 16_000,
        realTimeSpeed: false,
        timeoutMs: 50,
      })) {
        // nothing arrives
      }
    })().catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
  });
});
