/**
 * Real-time transcription of a WAV file, both ways Transcribe streaming offers: the SDK's HTTP/2 stream
 * (`StreamTranscriber`) and the browser's presigned WebSocket URL (`createPresignedTranscribeUrl` +
 * `transcribeOverWebSocket`). Live captions come from partial results; only stable (final) text is written.
 *
 *   npx tsx examples/transcribe-stream.ts                  # offline: TranscribeStreamingStandIn replays text
 *   AWS_ML_KIT_LIVE=1 AWS_REGION=us-east-1 npx tsx examples/transcribe-stream.ts path/to/speech.wav
 *
 * The bundled test/fixtures/transcribe/speech-like-16k.wav is synthesised (see its PROVENANCE.md): it is not
 * intelligible, so live runs want a real recording (16-bit PCM WAV, 8–48 kHz). Live, the caller needs
 * `transcribe:StartStreamTranscription` and `transcribe:StartStreamTranscriptionWebSocket`. Writes examples/out/
 * transcribe-stream.{txt,srt,json}.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TranscribeStreamingStandIn } from '../src/testing/index.js';
import {
  createPresignedTranscribeUrl,
  formatSrt,
  formatTranscriptJson,
  formatTranscriptText,
  parseWav,
  StreamTranscriber,
  TranscriptAssembler,
  transcribeOverWebSocket,
} from '../src/transcribe/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'examples/out');
mkdirSync(OUT, { recursive: true });
const live = process.env.AWS_ML_KIT_LIVE === '1';
const file = process.argv[2] ?? join(ROOT, 'test/fixtures/transcribe/speech-like-16k.wav');
const wav = parseWav(readFileSync(file));
console.log(`${file}: ${wav.sampleRateHz} Hz, ${wav.channels} channel(s), ${(wav.durationMs / 1000).toFixed(1)} s`);

const standIn = live
  ? undefined
  : await TranscribeStreamingStandIn.start({
      phrases: [
        'welcome to the streaming example',
        'partial results are replaced by result id',
        'only final text is kept',
      ],
      phraseMs: 1_700,
    });

// 1. HTTP/2 through the SDK: paced at 4× real time offline (1× live, as the service expects for recordings).
const transcriber = new StreamTranscriber(
  standIn
    ? { clientConfig: standIn.clientConfig() }
    : { clientConfig: { region: process.env.AWS_REGION ?? 'us-east-1' } },
);
const assembler = new TranscriptAssembler();
try {
  for await (const event of transcriber.transcribe(wav, {
    languageCode: 'en-US',
    showSpeakerLabel: true,
    realTimeSpeed: live ? 1 : 4,
  })) {
    if (event.type === 'partial') {
      assembler.push(event.segment);
      console.log(`  … ${assembler.currentText()}`);
    } else if (event.type === 'final') {
      assembler.push(event.segment);
      console.log(`  ✔ [${(event.segment.startMs / 1000).toFixed(2)} s] ${event.segment.text}`);
    } else if (event.type === 'throttled') {
      console.log(`  stream refused (LimitExceededException); retrying in ${event.delayMs} ms`);
    }
  }
} finally {
  transcriber.destroy();
}
writeFileSync(join(OUT, 'transcribe-stream.txt'), formatTranscriptText(assembler.finals));
writeFileSync(join(OUT, 'transcribe-stream.srt'), formatSrt(assembler.finals));
writeFileSync(join(OUT, 'transcribe-stream.json'), formatTranscriptJson(assembler.finals));
console.log(`HTTP/2: ${assembler.finals.length} final segments → examples/out/transcribe-stream.{txt,srt,json}`);

// 2. The browser path: a presigned URL (≤ 300 s) and the event-stream protocol over a WebSocket.
const url = await createPresignedTranscribeUrl({
  ...(standIn
    ? standIn.presignOptions()
    : {
        region: process.env.AWS_REGION ?? 'us-east-1',
        credentials: await (await import('@aws-sdk/credential-provider-node')).defaultProvider()(),
      }),
  languageCode: 'en-US',
  sampleRateHz: wav.sampleRateHz,
  expiresInSeconds: 60,
});
const overSocket = new TranscriptAssembler();
for await (const event of transcribeOverWebSocket(url, wav, { realTimeSpeed: live ? 1 : 8 })) {
  if (event.type === 'partial' || event.type === 'final') overSocket.push(event.segment);
}
console.log(
  `WebSocket: ${overSocket.finals.length} final segments; same text: ${overSocket.stableText() === assembler.stableText()}`,
);
if (standIn) {
  console.log(
    `stand-in saw: ${standIn.sessions.map((s) => `${s.transport} ${s.audioEvents} frames, ${s.outcome}`).join('; ')}`,
  );
  await standIn.close();
}
