/**
 * Transcribe streaming — what the library's own work costs next to the audio it carries.
 *
 *   npx tsx bench/transcribe.ts          # AUDIO_MINUTES=60 for framing, STREAM_MINUTES=5 end to end
 *
 * 1. Framing overhead per audio hour: `framePcm` over one hour of 16 kHz mono PCM, from one buffer (views) and
 *    from 4 KiB chunks (copies into uniform frames), against the floor of slicing the buffer in a plain loop.
 * 2. Event-stream encoding of 100 ms audio events: `TranscribeEventStream` (`@smithy/eventstream-codec`) against
 *    the stand-in's independent encoder (node:zlib CRC32) and a bare copy of the bytes.
 * 3. End to end against the local stand-in (HTTP/2, no pacing): `StreamTranscriber` against raw SDK `send()` with
 *    the same frames and the same client, in ms per audio minute.
 *
 * Each measurement runs `RUNS` times (default 5); medians are reported (the machine is shared). Writes
 * bench/out/transcribe.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { StartStreamTranscriptionCommand, TranscribeStreamingClient } from '@aws-sdk/client-transcribe-streaming';
import { encodeEventStreamMessage, TranscribeStreamingStandIn } from '../src/testing/index.js';
import { framePcm, StreamTranscriber, TranscribeEventStream } from '../src/transcribe/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const RUNS = Number(process.env.RUNS ?? 5);
const AUDIO_MINUTES = Number(process.env.AUDIO_MINUTES ?? 60);
const STREAM_MINUTES = Number(process.env.STREAM_MINUTES ?? 5);
const RATE = 16_000;
const FRAME_BYTES = 3_200;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeMs(run: () => Promise<unknown> | unknown): Promise<number> {
  const samples: number[] = [];
  await run(); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const rows: Record<string, string | number>[] = [];

// 1. Framing.
const hour = new Uint8Array(AUDIO_MINUTES * 60 * RATE * 2).map((_, i) => i & 0xff);
const perHour = 60 / AUDIO_MINUTES;
const floorMs = await timeMs(() => {
  let n = 0;
  for (let offset = 0; offset < hour.byteLength; offset += FRAME_BYTES)
    n += hour.subarray(offset, offset + FRAME_BYTES).byteLength;
  return n;
});
const fromBufferMs = await timeMs(async () => {
  let n = 0;
  for await (const frame of framePcm(hour, { sampleRateHz: RATE })) n += frame.byteLength;
  return n;
});
function* chunks(size: number): Generator<Uint8Array> {
  for (let offset = 0; offset < hour.byteLength; offset += size) yield hour.subarray(offset, offset + size);
}
const fromChunksMs = await timeMs(async () => {
  let n = 0;
  for await (const frame of framePcm(chunks(4_096), { sampleRateHz: RATE })) n += frame.byteLength;
  return n;
});
for (const [what, ms] of [
  ['floor: subarray loop', floorMs],
  ['framePcm(one buffer)', fromBufferMs],
  ['framePcm(4 KiB chunks)', fromChunksMs],
] as const) {
  rows.push({
    measure: 'framing',
    what,
    msPerAudioHour: Number((ms * perHour).toFixed(1)),
    shareOfAudioTime: `${(((ms * perHour) / 3_600_000) * 100).toExponential(2)} %`,
  });
}

// 2. Event-stream encoding.
const frames = 10_000;
const frame = new Uint8Array(FRAME_BYTES).map((_, i) => (i * 7) & 0xff);
const codec = await TranscribeEventStream.load();
const headers = { ':message-type': 'event', ':event-type': 'AudioEvent', ':content-type': 'application/octet-stream' };
const scratch = new Uint8Array(FRAME_BYTES + 100);
for (const [what, encode] of [
  ['floor: copy bytes', () => scratch.set(frame)],
  ['TranscribeEventStream.encodeAudioEvent', () => codec.encodeAudioEvent(frame)],
  ['stand-in encoder (node:zlib crc32)', () => encodeEventStreamMessage(headers, frame)],
] as const) {
  const ms = await timeMs(() => {
    for (let i = 0; i < frames; i++) encode();
  });
  rows.push({
    measure: 'event-stream encode (100 ms frames)',
    what,
    framesPerSecond: Math.round(frames / (ms / 1000)),
    mbPerSecond: Number(((frames * FRAME_BYTES) / 1e6 / (ms / 1000)).toFixed(1)),
    msPerAudioHour: Number(((ms / frames) * 36_000).toFixed(1)),
  });
}

// 3. End to end against the stand-in.
const standIn = await TranscribeStreamingStandIn.start({ phraseMs: 2_000, webSocket: false });
const client = new TranscribeStreamingClient(standIn.clientConfig());
const transcriber = new StreamTranscriber({ client });
const audio = hour.subarray(0, STREAM_MINUTES * 60 * RATE * 2);
const oursMs = await timeMs(async () => {
  let finals = 0;
  for await (const event of transcriber.transcribe(audio, {
    languageCode: 'en-US',
    sampleRateHz: RATE,
    realTimeSpeed: false,
  })) {
    if (event.type === 'final') finals++;
  }
  return finals;
});
const oursNoIdleMs = await timeMs(async () => {
  let finals = 0;
  for await (const event of transcriber.transcribe(audio, {
    languageCode: 'en-US',
    sampleRateHz: RATE,
    realTimeSpeed: false,
    idleSilenceAfterMs: false,
  })) {
    if (event.type === 'final') finals++;
  }
  return finals;
});
const rawMs = await timeMs(async () => {
  async function* events() {
    for (let offset = 0; offset < audio.byteLength; offset += FRAME_BYTES) {
      yield { AudioEvent: { AudioChunk: audio.subarray(offset, offset + FRAME_BYTES) } };
    }
  }
  const output = await client.send(
    new StartStreamTranscriptionCommand({
      LanguageCode: 'en-US',
      MediaEncoding: 'pcm',
      MediaSampleRateHertz: RATE,
      AudioStream: events(),
    }),
  );
  let finals = 0;
  for await (const event of output.TranscriptResultStream ?? []) {
    for (const result of event.TranscriptEvent?.Transcript?.Results ?? []) if (!result.IsPartial) finals++;
  }
  return finals;
});
for (const [what, ms] of [
  ['raw SDK send() + result loop', rawMs],
  ['StreamTranscriber.transcribe', oursMs],
  ['StreamTranscriber.transcribe (idleSilenceAfterMs: false)', oursNoIdleMs],
] as const) {
  rows.push({
    measure: `end to end, ${STREAM_MINUTES} min of audio, no pacing`,
    what,
    msPerAudioMinute: Number((ms / STREAM_MINUTES).toFixed(1)),
    ratio: Number((ms / rawMs).toFixed(2)),
  });
}
client.destroy();
await standIn.close();

console.table(rows);
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version };
mkdirSync(OUT, { recursive: true });
writeFileSync(
  join(OUT, 'transcribe.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine, runs: RUNS, audioMinutes: AUDIO_MINUTES, streamMinutes: STREAM_MINUTES, rows }, null, 2)}\n`,
);
console.log(`machine: ${machine.cpu} ×${machine.cores}, Node ${machine.node}; wrote bench/out/transcribe.json`);
