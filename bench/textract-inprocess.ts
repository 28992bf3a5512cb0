/**
 * Benchmark: load + segment of one large Textract response against `JSON.parse` of the same text, side by side
 * in one process, in CPU time (user + system: the machine these run on is shared and loaded, so wall time is not
 * usable). Pages are the fixtures of `bench/textract.ts`, repeated with fresh ids.
 *
 * Run: npx tsx --expose-gc bench/textract-inprocess.ts 300 [rounds]   (node --cpu-prof --import tsx for a profile)
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadTextractDocument, ParagraphSegmenter } from '../src/textract/index.js';
import type { TextractBlockLike, TextractResponseLike } from '../src/textract/model/TextractBlockLike.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'test/fixtures/textract');
const SOURCES = [
  '01-multicol/test-multicol-response.json',
  '02-multicol-2/test-multicol-response-2.json',
  '04-financial-document-layout/financial-document-response.json',
  '05-paystub-layout/paystub-response.json',
  '07-sample-invoice-layout/test_detect_no_duplicate_words_sample-invoice.pdf.json',
  '09-single-page-detect-and-layout/test_detect_no_duplicate_words_single-page-1.png.json',
  '10-receipt-layout/test_detect_no_duplicate_words_receipt.jpg.json',
  '15-amzn-q2-dense-table/test_detect_no_duplicate_words_amzn_q2.png.json',
  '17-rotated-json-only/180-degree-roation.json',
  '18-prose-json-only/little_women_page_1.json',
];

const pages = Number(process.argv[2] ?? 300);
const rounds = Number(process.argv[3] ?? 2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** The response as JSON text: `pages` pages cycling through the fixtures, every id made unique. */
function buildText(): string {
  const sourcePages = SOURCES.map(
    (path) =>
      (JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as TextractResponseLike).Blocks as TextractBlockLike[],
  );
  const blocks: TextractBlockLike[] = [];
  for (let page = 1; page <= pages; page++) {
    const suffix = `-p${page}`;
    for (const block of sourcePages[(page - 1) % sourcePages.length]!) {
      blocks.push({
        ...block,
        Id: `${block.Id}${suffix}`,
        Page: page,
        ...(block.Relationships
          ? { Relationships: block.Relationships.map((r) => ({ ...r, Ids: r.Ids?.map((id) => `${id}${suffix}`) })) }
          : {}),
      });
    }
  }
  return JSON.stringify({ DocumentMetadata: { Pages: pages }, JobStatus: 'SUCCEEDED', Blocks: blocks });
}

/** Main-thread GC pauses (ms) by start time, to split them by phase. */
const pauses: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, duration: entry.duration });
}).observe({ entryTypes: ['gc'] });
const gcMsBetween = (from: number, to: number): number =>
  pauses.filter((p) => p.start >= from && p.start < to).reduce((sum, p) => sum + p.duration, 0);

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const segmenter = new ParagraphSegmenter();
// Warm the JIT on every path with a small document, so round 0 measures the same code as the rest.
{
  const small = JSON.stringify(JSON.parse(readFileSync(join(FIXTURES, SOURCES[0]!), 'utf8')));
  for (let i = 0; i < 3; i++) segmenter.segment(loadTextractDocument(JSON.parse(small) as TextractResponseLike));
}
let text: string | undefined = buildText();
gc();
for (let round = 0; round < rounds; round++) {
  gc();
  const t0 = performance.now();
  let start = cpuMs();
  let parsed: TextractResponseLike | undefined = JSON.parse(text) as TextractResponseLike;
  const parseMs = cpuMs() - start;
  const t1 = performance.now();
  gc();
  const t2 = performance.now();
  start = cpuMs();
  const doc = loadTextractDocument(parsed);
  const loadMs = cpuMs() - start;
  parsed = undefined;
  start = cpuMs();
  const segments = segmenter.segment(doc);
  const segmentMs = cpuMs() - start;
  const t3 = performance.now();
  // Pause entries arrive asynchronously: give the observer time before reading them.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const total = loadMs + segmentMs;
  console.log(
    JSON.stringify({
      pages,
      round,
      parseMs: Math.round(parseMs),
      loadMs: Math.round(loadMs),
      segmentMs: Math.round(segmentMs),
      ratio: Number((total / parseMs).toFixed(2)),
      gcPauseParseMs: Math.round(gcMsBetween(t0, t1)),
      gcPauseLoadSegmentMs: Math.round(gcMsBetween(t2, t3)),
      segments: segments.length,
    }),
  );
}
text = undefined;
console.log(JSON.stringify({ pages, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
