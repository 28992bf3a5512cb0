import { StartStreamTranscriptionCommand, TranscribeStreamingClient } from '@aws-sdk/client-transcribe-streaming';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/kit/errors.js';
import {
  loadEventStreamCodec,
  loadSignatureV4,
  loadTranscribeStreaming,
} from '../../../src/transcribe/aws/loadTranscribeModules.js';
import { StreamTranscriber, type TranscribeOptions } from '../../../src/transcribe/aws/StreamTranscriber.js';
import type { TranscribeEvent } from '../../../src/transcribe/types.js';
import { encodeWav, parseWav } from '../../../src/transcribe/wav.js';

async function collect(events: AsyncIterable<TranscribeEvent>): Promise<TranscribeEvent[]> {
  const out: TranscribeEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

function results(...texts: string[]) {
  return (async function* () {
    for (const [i, text] of texts.entries()) {
      yield {
        TranscriptEvent: {
          Transcript: {
            Results: [
              {
                ResultId: `r${i}`,
                StartTime: i,
                EndTime: i + 1,
                IsPartial: false,
                Alternatives: [{ Transcript: text, Items: [] }],
              },
            ],
          },
        },
      };
    }
  })();
}

describe('StreamTranscriber (send() level)', () => {
  it('sends StartStreamTranscription with the settings and the audio as AudioEvents, and yields finals', async () => {
    const mock = mockClient(TranscribeStreamingClient);
    const chunks: number[] = [];
    mock.on(StartStreamTranscriptionCommand).callsFake(async (input) => {
      for await (const event of input.AudioStream) chunks.push(event.AudioEvent.AudioChunk.byteLength);
      return { $metadata: { requestId: 'req-1' }, TranscriptResultStream: results('one', 'two') };
    });
    const transcriber = new StreamTranscriber({ client: new TranscribeStreamingClient({ region: 'us-east-1' }) });
    const wav = parseWav(encodeWav(new Uint8Array(16_000 * 2 * 0.25), { sampleRateHz: 16_000 }));
    const events = await collect(
      transcriber.transcribe(wav, { languageCode: 'en-US', realTimeSpeed: false, frameMs: 50 }),
    );
    expect(events.map((e) => (e.type === 'final' ? e.segment.text : e.type))).toEqual(['one', 'two']);
    expect(chunks).toEqual([1_600, 1_600, 1_600, 1_600, 1_600]);
    const input = mock.commandCalls(StartStreamTranscriptionCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ LanguageCode: 'en-US', MediaSampleRateHertz: 16_000, MediaEncoding: 'pcm' });
    mock.restore();
  });

  it('resamples only when asked, then streams at the new rate', async () => {
    const mock = mockClient(TranscribeStreamingClient);
    let bytes = 0;
    mock.on(StartStreamTranscriptionCommand).callsFake(async (input) => {
      for await (const event of input.AudioStream) bytes += event.AudioEvent.AudioChunk.byteLength;
      return { $metadata: {}, TranscriptResultStream: results() };
    });
    const transcriber = new StreamTranscriber({ client: new TranscribeStreamingClient({ region: 'us-east-1' }) });
    const wav = parseWav(encodeWav(new Uint8Array(96_000 * 2), { sampleRateHz: 96_000 }), { allowAnySampleRate: true });
    await collect(transcriber.transcribe(wav, { languageCode: 'en-US', realTimeSpeed: false, resampleToHz: 16_000 }));
    expect(bytes).toBe(32_000);
    expect(mock.commandCalls(StartStreamTranscriptionCommand)[0]!.args[0].input.MediaSampleRateHertz).toBe(16_000);
    mock.restore();
  });

  it("replays a refused stream's frames and rolls over without losing or reordering a byte", async () => {
    const mock = mockClient(TranscribeStreamingClient);
    const received: number[][] = [];
    let call = 0;
    mock.on(StartStreamTranscriptionCommand).callsFake(async (input) => {
      const bytes: number[] = [];
      received.push(bytes);
      const refuse = call++ === 0;
      for await (const event of input.AudioStream) {
        bytes.push(...event.AudioEvent.AudioChunk);
        if (refuse && bytes.length >= 3 * 1_600) {
          throw Object.assign(new Error('LimitExceededException'), {
            name: 'LimitExceededException',
            $fault: 'client',
            $metadata: { httpStatusCode: 429 },
          });
        }
      }
      return { $metadata: {}, TranscriptResultStream: results() };
    });
    const audio = new Uint8Array(16_000 * 2).map((_, i) => (i * 7 + (i >> 8)) & 0xff); // 1 s, every position distinct-ish
    const transcriber = new StreamTranscriber({ client: new TranscribeStreamingClient({ region: 'us-east-1' }) });
    const events = await collect(
      transcriber.transcribe(audio, {
        languageCode: 'en-US',
        sampleRateHz: 16_000,
        realTimeSpeed: false,
        frameMs: 50,
        rolloverAfterMs: 400,
        throttleBackoff: { initialDelayMs: 1, maxDelayMs: 1 },
      }),
    );
    expect(events.map((e) => e.type)).toEqual(['throttled', 'rollover', 'rollover']);
    expect(received.map((bytes) => bytes.length)).toEqual([4_800, 12_800, 12_800, 6_400]);
    expect(received.slice(1).flat()).toEqual([...audio]); // the refused stream's frames were replayed in order
    mock.restore();
  });

  it('counts frames re-sent after a refused stream once in onProgress', async () => {
    const mock = mockClient(TranscribeStreamingClient);
    let call = 0;
    mock.on(StartStreamTranscriptionCommand).callsFake(async (input) => {
      const refuse = call++ === 0;
      let frames = 0;
      for await (const _event of input.AudioStream) {
        if (refuse && ++frames >= 3) {
          throw Object.assign(new Error('LimitExceededException'), {
            name: 'LimitExceededException',
            $fault: 'client',
            $metadata: { httpStatusCode: 429 },
          });
        }
      }
      return { $metadata: {}, TranscriptResultStream: results() };
    });
    const progress: Array<{ sentMs: number; frames: number }> = [];
    const transcriber = new StreamTranscriber({ client: new TranscribeStreamingClient({ region: 'us-east-1' }) });
    await collect(
      transcriber.transcribe(new Uint8Array(16_000 * 2), {
        languageCode: 'en-US',
        sampleRateHz: 16_000,
        realTimeSpeed: false,
        frameMs: 50,
        throttleBackoff: { initialDelayMs: 1, maxDelayMs: 1 },
        onProgress: ({ sentMs, frames }) => progress.push({ sentMs, frames }),
      }),
    );
    expect(progress.at(-1)).toEqual({ sentMs: 1_000, frames: 20 });
    expect(progress.every((p, i) => i === 0 || p.sentMs > progress[i - 1]!.sentMs)).toBe(true);
    mock.restore();
  });

  const pcm = new Uint8Array(3_200);
  const wav16k = parseWav(encodeWav(pcm, { sampleRateHz: 16_000 }));
  it.each<[string, unknown, TranscribeOptions, string]>([
    ['raw PCM without a rate', pcm, { languageCode: 'en-US' }, 'options.sampleRateHz'],
    ['a rate Transcribe rejects', pcm, { languageCode: 'en-US', sampleRateHz: 96_000 }, 'options.sampleRateHz'],
    [
      "a rate other than the WAV file's",
      wav16k,
      { languageCode: 'en-US', sampleRateHz: 8_000 },
      'options.sampleRateHz',
    ],
    ["channels other than the WAV file's", wav16k, { languageCode: 'en-US', channels: 2 }, 'options.channels'],
    ['frames shorter than 50 ms', pcm, { languageCode: 'en-US', sampleRateHz: 16_000, frameMs: 20 }, 'options.frameMs'],
    [
      'frames longer than 200 ms',
      pcm,
      { languageCode: 'en-US', sampleRateHz: 16_000, frameMs: 250 },
      'options.frameMs',
    ],
    ['no language', pcm, { sampleRateHz: 16_000 }, 'options.languageCode'],
    ['a bad speed', pcm, { languageCode: 'en-US', sampleRateHz: 16_000, realTimeSpeed: 0 }, 'options.realTimeSpeed'],
    [
      'bad retries',
      pcm,
      { languageCode: 'en-US', sampleRateHz: 16_000, maxThrottleRetries: -1 },
      'options.maxThrottleRetries',
    ],
    [
      "an idle limit above the service's timeout",
      pcm,
      { languageCode: 'en-US', sampleRateHz: 16_000, idleSilenceAfterMs: 15_000 },
      'options.idleSilenceAfterMs',
    ],
    ['a bad timeout', pcm, { languageCode: 'en-US', sampleRateHz: 16_000, timeoutMs: 0 }, 'options.timeoutMs'],
    [
      'a rollover above the cap',
      pcm,
      { languageCode: 'en-US', sampleRateHz: 16_000, rolloverAfterMs: 2e7 },
      'options.rolloverAfterMs',
    ],
    [
      'resampling a stream',
      [pcm],
      { languageCode: 'en-US', sampleRateHz: 8_000, resampleToHz: 16_000 },
      'options.resampleToHz',
    ],
    [
      'resampling to a rejected rate',
      pcm,
      { languageCode: 'en-US', sampleRateHz: 8_000, resampleToHz: 96_000 },
      'options.sampleRateHz',
    ],
  ])('refuses %s with a ValidationError before any request', (_name, audio, options, field) => {
    const mock = mockClient(TranscribeStreamingClient);
    const transcriber = new StreamTranscriber({ client: new TranscribeStreamingClient({ region: 'us-east-1' }) });
    let error: unknown;
    try {
      transcriber.transcribe(audio as never, options);
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error) && error.field).toBe(field);
    expect(mock.calls()).toHaveLength(0);
    mock.restore();
  });

  it('loads its optional peers once', async () => {
    expect(await loadTranscribeStreaming('t')).toBe(await loadTranscribeStreaming('t'));
    expect(await loadSignatureV4('t')).toBe(await loadSignatureV4('t'));
    expect(await loadEventStreamCodec('t')).toBe(await loadEventStreamCodec('t'));
  });
});
