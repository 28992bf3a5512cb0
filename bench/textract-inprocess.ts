/**
 * Benchmark: load + segment of one large Textract response against `JSON.parse` of the same text, side by side
 * in one process, in CPU time (user + system: the machine these run on is shared and loaded, so wall time is not
 * usable). Pages are the fixtures of `bench/textract.ts`, repeated with fresh ids.
 *
 * Run: npx tsx --expose-gc bench/textract-inprocess.ts 300 [rounds]   (node --cpu-prof --import tsx for a profile)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { loadTextractDocument, ParagraphSegmenter } from '../src/textract/index.js';
import type { TextractResponseLike } from '../src/textract/model/TextractBlockLike.js';
import { BENCH_PAGE_SOURCES, buildLargeTextractResponse, TEXTRACT_FIXTURES } from './lib/largeTextractResponse.js';

const pages = Number(process.argv[2] ?? 300);
const rounds = Number(process.argv[3] ?? 2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** The response as JSON text: `pages` pages cycling through the fixtures, every id made unique. */
function buildText(): string {
  return JSON.stringify(buildLargeTextractResponse(pages));
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
  const small = JSON.stringify(JSON.parse(readFileSync(join(TEXTRACT_FIXTURES, BENCH_PAGE_SOURCES[0]!), 'utf8')));
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
