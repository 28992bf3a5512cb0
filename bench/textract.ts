/**
 * Benchmark: Textract document model + ParagraphSegmenter against the physical floor (JSON.parse of the same
 * response) and against amazon-textract-response-parser (TextractDocument + getLineClustersInReadingOrder),
 * on 10 / 100 / 1,000-page responses built by replicating real fixture pages with fresh ids.
 *
 * Run: npx tsx bench/textract.ts   (writes bench/out/textract.json)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextractDocument as TrpDocument } from 'amazon-textract-response-parser';
import { loadTextractDocument, ParagraphSegmenter } from '../src/textract/index.js';
import type { TextractResponseLike } from '../src/textract/model/TextractBlockLike.js';
import { segmentWork } from '../src/textract/segment/segmentWork.js';
import { syntheticResponse } from '../test/unit/textract/segment/synthetic.js';
import { BENCH_PAGE_SOURCES, buildLargeTextractResponse, TEXTRACT_FIXTURES } from './lib/largeTextractResponse.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [10, 100, 1000];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** Median wall time of `runs` calls of `fn` (each given a fresh input from `prepare`, untimed). */
function time<T>(runs: number, prepare: () => T, fn: (input: T) => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = prepare();
    const start = performance.now();
    fn(input);
    samples.push(performance.now() - start);
  }
  return median(samples);
}

interface Row {
  pages: number;
  lines: number;
  jsonMB: number;
  parseMs: number;
  loadMs: number;
  segmentHeuristicMs: number;
  segmentLayoutMs: number;
  oursTotalMs: number;
  trpHeuristicMs: number;
  trpAutoMs: number;
  ratioToParse: number;
  segmentRatioToParse: number;
  segmentMsPer300Lines: number;
}

const heuristic = new ParagraphSegmenter({ useLayout: 'ignore' });
const layout = new ParagraphSegmenter({ useLayout: 'auto' });

// Warm up the JIT on every code path with a small document.
{
  const warm = buildLargeTextractResponse(20);
  for (let i = 0; i < 5; i++) {
    const doc = loadTextractDocument(warm);
    heuristic.segment(doc);
    layout.segment(doc);
    const trp = new TrpDocument(JSON.parse(JSON.stringify(warm)));
    for (const page of trp.iterPages()) page.getLineClustersInReadingOrder();
  }
}

const rows: Row[] = [];
for (const pages of SIZES) {
  const response = buildLargeTextractResponse(pages);
  const text = JSON.stringify(response);
  const lines = (response.Blocks ?? []).filter((b) => b.BlockType === 'LINE').length;
  const runs = pages >= 1000 ? 3 : pages >= 100 ? 5 : 15;
  const parsed = JSON.parse(text) as TextractResponseLike;
  const parseMs = time(
    runs,
    () => text,
    (t) => JSON.parse(t),
  );
  const loadMs = time(
    runs,
    () => parsed,
    (r) => loadTextractDocument(r),
  );
  const doc = loadTextractDocument(parsed);
  const segmentHeuristicMs = time(
    runs,
    () => doc,
    (d) => heuristic.segment(d),
  );
  const segmentLayoutMs = time(
    runs,
    () => doc,
    (d) => layout.segment(d),
  );
  // TRP wraps (and may write through to) the JSON, so it gets a fresh parse each run, outside the timing.
  // TRP's ReadingOrderLayoutMode is an ambient const enum; its values are these strings.
  const trpRun = (mode: 'IGNORE_LAYOUT' | 'AUTO') =>
    time(
      runs,
      () => JSON.parse(text),
      (r) => {
        const trp = new TrpDocument(r);
        for (const page of trp.iterPages()) page.getLineClustersInReadingOrder({ useLayout: mode as never });
      },
    );
  const trpHeuristicMs = trpRun('IGNORE_LAYOUT');
  const trpAutoMs = trpRun('AUTO');
  const oursTotalMs = loadMs + segmentHeuristicMs;
  rows.push({
    pages,
    lines,
    jsonMB: text.length / 1e6,
    parseMs,
    loadMs,
    segmentHeuristicMs,
    segmentLayoutMs,
    oursTotalMs,
    trpHeuristicMs,
    trpAutoMs,
    ratioToParse: oursTotalMs / parseMs,
    segmentRatioToParse: segmentHeuristicMs / parseMs,
    segmentMsPer300Lines: (segmentHeuristicMs / lines) * 300,
  });
}

// One dense page alone: fixture 15 has 318 lines.
const dense = loadTextractDocument(readFileSync(join(TEXTRACT_FIXTURES, BENCH_PAGE_SOURCES[7]!), 'utf8'));
for (let i = 0; i < 50; i++) heuristic.segment(dense);
const densePageMs = time(
  200,
  () => dense,
  (d) => heuristic.segment(d),
);

// Crowded pages (issue 13): n lines stacked down one page, or all on one spot; O(n log n) keeps ms per line flat.
const crowded: { shape: string; lines: number; segmentMs: number; steps: number }[] = [];
for (const shape of ['stacked', 'one spot'] as const) {
  for (const n of [10_000, 20_000]) {
    const lines = Array.from({ length: n }, (_, i) => ({
      text: `line ${i} of the stack`,
      left: 0.1,
      top: shape === 'stacked' ? 0.05 + (0.9 * i) / n : 0.5,
      width: 0.3,
      height: shape === 'stacked' ? (0.9 / n) * 0.8 : 0.02,
    }));
    const crowdedDoc = loadTextractDocument(syntheticResponse(lines));
    heuristic.segment(crowdedDoc);
    segmentWork.steps = 0;
    heuristic.segment(crowdedDoc);
    const steps = segmentWork.steps;
    const segmentMs = time(
      3,
      () => crowdedDoc,
      (d) => heuristic.segment(d),
    );
    crowded.push({ shape, lines: n, segmentMs, steps });
  }
}

const f = (n: number, digits = 1) => n.toFixed(digits);
const table = [
  '| pages | lines | JSON MB | JSON.parse ms | load ms | segment ms (heuristic) | segment ms (LAYOUT auto) | segment ÷ parse | load+segment ÷ parse | TRP ms (heuristic) | TRP ms (auto) | segment ms per 300 lines |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.pages} | ${r.lines} | ${f(r.jsonMB)} | ${f(r.parseMs)} | ${f(r.loadMs)} | ${f(r.segmentHeuristicMs)} | ${f(r.segmentLayoutMs)} | ${f(r.segmentRatioToParse, 2)}× | ${f(r.ratioToParse, 2)}× | ${f(r.trpHeuristicMs)} | ${f(r.trpAutoMs)} | ${f(r.segmentMsPer300Lines, 2)} |`,
  ),
];
console.log(table.join('\n'));
console.log(`\nOne 318-line page (fixture 15), heuristic segment: ${f(densePageMs, 2)} ms (median of 200)`);
console.log('\n| one page of | lines | segment ms | steps counted |\n| --- | ---: | ---: | ---: |');
for (const c of crowded) console.log(`| ${c.shape} | ${c.lines} | ${f(c.segmentMs)} | ${c.steps} |`);

const out = join(ROOT, 'bench/out');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'textract.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      sources: BENCH_PAGE_SOURCES,
      rows,
      densePage: { fixture: BENCH_PAGE_SOURCES[7], lines: 318, segmentMs: densePageMs },
      crowded,
    },
    null,
    2,
  )}\n`,
);
