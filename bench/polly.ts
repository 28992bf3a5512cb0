/**
 * Polly — SSML splitting throughput and synthesis overhead.
 *
 *   npx tsx bench/polly.ts
 *
 * Cases:
 * - splitting ~1 MB of SSML (paragraphs with phonemes, say-as, breaks, entities, emoji) into requests under
 *   3,000 billed / 6,000 total characters (target ≥ 50 MB/s), beside the floors: the tokenizer alone, and a
 *   plain `indexOf('<')` scan of the same string; plus full validation (parse + engine matrix) and plain text;
 * - joining: the MP3 frame walk and the Ogg page rewrite (CRC) per MB of audio;
 * - end to end: a ~100 KB SSML script through `SpeechSynthesizer` and a real `PollyClient` against the
 *   local stand-in, versus the same requests sent with raw `send()` (the library's own overhead).
 *
 * Writes bench/out/polly.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { PollyClient, SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
import {
  joinAudio,
  parseSsml,
  SpeechSynthesizer,
  splitSsml,
  splitText,
  tokenizeXml,
  validateSsml,
} from '../src/polly/index.js';
import { PollyStandIn } from '../src/testing/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const MB = 1024 * 1024;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const cpuMs: number[] = [];
/** Median wall time; the CPU time of the same runs goes to `cpuMs` (the shared machine's load inflates wall time). */
async function time(fn: () => unknown, runs = 7): Promise<number> {
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startedCpu = process.cpuUsage();
    const started = performance.now();
    await fn();
    ms.push(performance.now() - started);
    const used = process.cpuUsage(startedCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  cpuMs.push(median(cpu));
  return median(ms);
}
const lastCpuMs = () => cpuMs[cpuMs.length - 1]!;

const PARAGRAPH =
  '<p>The chemical element <phoneme alphabet="ipa" ph="lɛd">lead</phoneme> is heavy &amp; grey. ' +
  'It costs <say-as interpret-as="cardinal">124456</say-as> credits<break time="300ms"/> — naïvely 😀. ' +
  '<s>Tom wants to buy a used car, so he starts browsing the internet.</s> ' +
  '<prosody rate="90%">Polly is an <sub alias="Amazon Web Services">AWS</sub> offering.</prosody></p>\n';
const ssml = `<speak>${PARAGRAPH.repeat(Math.ceil(MB / PARAGRAPH.length))}</speak>`;
const sizeMb = new TextEncoder().encode(ssml).length / MB;
const text = 'Tom wants to buy a used car, so he starts browsing the internet. Naïve 😀. '.repeat(Math.ceil(MB / 76));
const rate = (ms: number, mb = sizeMb) => Number((mb / (ms / 1000)).toFixed(1));

// The first calls on 1 MB run while V8 is still compiling the scanner (≈ 2× slower, and the compiler's threads
// count in cpuUsage): time them apart, then measure the steady state after a few more.
const coldStarted = performance.now();
const chunks = splitSsml(ssml);
const splitColdMs = performance.now() - coldStarted;
for (let i = 0; i < 6; i++) splitSsml(ssml);
const splitMs = await time(() => splitSsml(ssml));
const splitCpuMs = lastCpuMs();
const tokenizeMs = await time(() => tokenizeXml(ssml, 'ssml'));
const scanMs = await time(() => {
  let n = 0;
  for (let i = ssml.indexOf('<'); i >= 0; i = ssml.indexOf('<', i + 1)) n++;
  return n;
});
const validateMs = await time(() => validateSsml(parseSsml(ssml), { engine: 'neural', onUnsupported: 'downgrade' }), 3);
const textMs = await time(() => splitText(text));
const split = {
  sizeMb: Number(sizeMb.toFixed(2)),
  requests: chunks.length,
  meanBilledChars: Math.round(chunks.reduce((n, c) => n + c.billedCharacters, 0) / chunks.length),
  maxTotalChars: Math.max(...chunks.map((c) => c.totalCharacters)),
  splitSsmlColdMbPerS: rate(splitColdMs),
  splitSsmlMbPerS: rate(splitMs),
  splitSsmlMbPerCpuS: rate(splitCpuMs),
  tokenizeOnlyMbPerS: rate(tokenizeMs),
  indexOfScanMbPerS: rate(scanMs),
  parseAndValidateMbPerS: rate(validateMs),
  splitTextMbPerS: rate(textMs, new TextEncoder().encode(text).length / MB),
};
console.table({ split });
console.log(
  `load average at the end of the split runs: ${(await import('node:os')).loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`,
);

// Joining: ~1 MB of MP3 frames and ~1 MB of Ogg Opus pages, from the stand-in's generator.
const standIn = await PollyStandIn.start();
const client = new PollyClient(standIn.clientConfig());
const fetchAudio = async (format: 'mp3' | 'ogg_opus', chars: number) => {
  const out = await client.send(
    new SynthesizeSpeechCommand({ Text: 'a'.repeat(chars), VoiceId: 'Joanna', OutputFormat: format, Engine: 'neural' }),
  );
  return out.AudioStream!.transformToByteArray();
};
const mp3Parts = await Promise.all([1, 2, 3, 4].map(() => fetchAudio('mp3', 2_900)));
const oggParts = await Promise.all([1, 2, 3, 4].map(() => fetchAudio('ogg_opus', 2_900)));
const mb = (parts: Uint8Array[]) => parts.reduce((n, p) => n + p.byteLength, 0) / MB;
const join_ = {
  mp3Mb: Number(mb(mp3Parts).toFixed(2)),
  mp3JoinMbPerS: rate(await time(() => joinAudio('mp3', mp3Parts)), mb(mp3Parts)),
  oggMb: Number(mb(oggParts).toFixed(2)),
  oggJoinMbPerS: rate(await time(() => joinAudio('ogg_opus', oggParts)), mb(oggParts)),
};
console.table({ join: join_ });

// End to end on ~100 KB of SSML: the synthesizer versus raw send() of the same chunks.
const script = `<speak>${PARAGRAPH.repeat(Math.ceil(100_000 / PARAGRAPH.length))}</speak>`;
const synthesizer = new SpeechSynthesizer({ client, voiceId: 'Joanna', rateLimiter: false, concurrency: 8 });
const scriptChunks = splitSsml(script);
const e2eMs = await time(() => synthesizer.synthesize({ ssml: script }), 3);
const rawMs = await time(async () => {
  const queue = [...scriptChunks];
  const worker = async () => {
    for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
      const common = { Text: chunk.text, TextType: 'ssml' as const, VoiceId: 'Joanna' as const };
      const [a, m] = await Promise.all([
        client.send(new SynthesizeSpeechCommand({ ...common, OutputFormat: 'mp3' })),
        client.send(
          new SynthesizeSpeechCommand({ ...common, OutputFormat: 'json', SpeechMarkTypes: ['sentence', 'word'] }),
        ),
      ]);
      await Promise.all([a.AudioStream!.transformToByteArray(), m.AudioStream!.transformToByteArray()]);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}, 3);
const endToEnd = {
  scriptKb: Math.round(script.length / 1000),
  requests: scriptChunks.length * 2,
  synthesizerMs: Math.round(e2eMs),
  rawSendMs: Math.round(rawMs),
  overheadPct: Number((((e2eMs - rawMs) / rawMs) * 100).toFixed(1)),
};
console.table({ endToEnd });
client.destroy();
await standIn.close();

mkdirSync(OUT, { recursive: true });
writeFileSync(
  join(OUT, 'polly.json'),
  `${JSON.stringify({ date: new Date().toISOString(), cpus: cpus().length, loadAverage: (await import('node:os')).loadavg()[0], node: process.version, split, join: join_, endToEnd }, null, 2)}\n`,
);
