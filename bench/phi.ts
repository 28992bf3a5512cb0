/**
 * PhiMasker — throughput and quota use.
 *
 *   npx tsx bench/phi.ts
 *
 * Cases:
 * - masking throughput (MB/s) with the embedded `RulePhiDetector` on ~2 MB of clinical notes, split into
 *   detection + masking and masking alone, beside the original design's global `String.replace` loop (which is
 *   fast and wrong: it rewrites "500 mg" when the age is 50);
 * - quota use: 1,000 notes through `ComprehendMedicalPhiDetector` + a real `ComprehendMedicalClient` against
 *   the local stand-in enforcing the DetectPHI quota. The real quota (40 TPS, 40,000 chars/s) would make the
 *   run last ~80 s, so both the stand-in's and the client's quotas are scaled ×10 (400 TPS, 400,000 chars/s);
 *   the share of the quota achieved is what is reported. The detector's limiter runs at its default 95% of
 *   the quota, so 0.95 is the ceiling by design;
 * - chunking overhead: one ~18 KB note detected in one call versus in ~2 KB chunks, against the stand-in
 *   without a quota, plus the cost of splitting 1 MB.
 *
 * Writes bench/out/phi.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { ComprehendMedicalClient } from '@aws-sdk/client-comprehendmedical';
import {
  ComprehendMedicalPhiDetector,
  DEFAULT_QUOTA_UTILIZATION,
  DETECT_PHI_LIMITS,
  PhiMasker,
  RulePhiDetector,
  splitIntoChunks,
} from '../src/phi/index.js';
import { ComprehendMedicalStandIn } from '../src/testing/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const note = readFileSync(join(ROOT, 'test/fixtures/comprehend-medical/original-post-note.txt'), 'utf8');
const MB = 1024 * 1024;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => unknown | Promise<unknown>, runs = 3): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    ms.push(performance.now() - started);
  }
  return median(ms);
}

// 1. Throughput with the rule detector.
const big = note.repeat(Math.ceil((2 * MB) / note.length));
const sizeMb = new TextEncoder().encode(big).length / MB;
const rules = new RulePhiDetector();
const masker = new PhiMasker({ detector: rules, policy: { defaultAction: 'mask' } });
await masker.mask(note); // warm up
const fullMs = await time(() => masker.mask(big));
const detection = await rules.detect(big);
const maskOnlyMs = await time(() => masker.maskDetected(big, detection));
const texts = detection.entities.map((e) => big.slice(e.begin, e.end));
const naiveMs = await time(() => {
  let out = big;
  for (const t of new Set(texts)) out = out.replaceAll(t, '#'.repeat(t.length));
  return out;
});
const throughput = {
  sizeMb: Number(sizeMb.toFixed(2)),
  entities: detection.entities.length,
  detectAndMaskMbPerS: Number((sizeMb / (fullMs / 1000)).toFixed(2)),
  maskOnlyMbPerS: Number((sizeMb / (maskOnlyMs / 1000)).toFixed(2)),
  originalDesignReplaceMbPerS: Number((sizeMb / (naiveMs / 1000)).toFixed(2)),
};
console.table({ throughput });

// 2. Share of the DetectPHI quota on 1,000 notes.
const SCALE = 10;
const requestsPerSecond = DETECT_PHI_LIMITS.requestsPerSecond * SCALE;
const charactersPerSecond = DETECT_PHI_LIMITS.charactersPerSecond * SCALE;
const notes = Array.from({ length: 1_000 }, (_, i) => `Note ${i}.\n${note}`);
const totalChars = notes.reduce((sum, n) => sum + [...n].length, 0);
const standIn = await ComprehendMedicalStandIn.start({
  terms: [{ text: 'Carlos', type: 'NAME' }],
  requestsPerSecond,
  charactersPerSecond,
});
const client = new ComprehendMedicalClient(standIn.clientConfig({ maxAttempts: 5 }));
const quotaMasker = new PhiMasker({
  detector: new ComprehendMedicalPhiDetector({
    client,
    // The detector's default limiter: DEFAULT_QUOTA_UTILIZATION (95%) of the (scaled) quota.
    limits: { requestsPerSecond, charactersPerSecond },
  }),
  policy: { defaultAction: 'mask' },
});
const started = performance.now();
await quotaMasker.maskMany(notes, { concurrency: 16 });
const elapsedS = (performance.now() - started) / 1000;
// Both buckets start full (one second of burst), so the quota-bound ideal is (total − one burst) ÷ rate.
const idealS = Math.max(
  (totalChars - charactersPerSecond) / charactersPerSecond,
  (notes.length - requestsPerSecond) / requestsPerSecond,
);
const quota = {
  notes: notes.length,
  totalChars,
  scale: SCALE,
  clientUtilization: DEFAULT_QUOTA_UTILIZATION,
  requestsPerSecond,
  charactersPerSecond,
  elapsedS: Number(elapsedS.toFixed(2)),
  idealS: Number(idealS.toFixed(2)),
  shareOfQuota: Number((idealS / elapsedS).toFixed(3)),
  throttledByStandIn: standIn.stats.throttled,
  requests: standIn.stats.requests,
};
console.table({ quota });
await standIn.close();
client.destroy();

// 3. Chunking overhead on a text that fits in one call.
const free = await ComprehendMedicalStandIn.start({ terms: [{ text: 'Carlos', type: 'NAME' }] });
const freeClient = new ComprehendMedicalClient(free.clientConfig());
const fits = note.repeat(5).slice(0, 18_000);
const one = new ComprehendMedicalPhiDetector({ client: freeClient, rateLimiter: false });
const chunked = new ComprehendMedicalPhiDetector({
  client: freeClient,
  rateLimiter: false,
  maxChunkBytes: 2_000,
  overlapBytes: 200,
});
await one.detect(fits);
const oneMs = await time(() => one.detect(fits), 9);
const chunkedMs = await time(() => chunked.detect(fits), 9);
const megabyte = note.repeat(Math.ceil(MB / note.length));
const splitMs = await time(() => splitIntoChunks(megabyte, { maxChunkBytes: 19_000, overlapBytes: 400 }), 5);
const chunking = {
  oneCallMs: Number(oneMs.toFixed(1)),
  chunks: splitIntoChunks(fits, { maxChunkBytes: 2_000, overlapBytes: 200 }).length,
  chunkedMs: Number(chunkedMs.toFixed(1)),
  chunkedOverOneCall: Number((chunkedMs / oneMs).toFixed(2)),
  split1MbMs: Number(splitMs.toFixed(1)),
};
console.table({ chunking });
await free.close();
freeClient.destroy();

mkdirSync(OUT, { recursive: true });
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version };
writeFileSync(
  join(OUT, 'phi.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine, throughput, quota, chunking }, null, 2)}\n`,
);
console.log('wrote bench/out/phi.json');
