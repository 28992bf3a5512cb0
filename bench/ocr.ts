/**
 * Embedded OCR (TesseractOcr) — seconds per page and quality.
 *
 *   npx tsx bench/ocr.ts
 *
 * Cases:
 * - cold start: a new engine's first call on a small image (worker thread, WASM core and model load);
 * - a 300-dpi US-letter page of prose (pdf-lib → `pdftoppm -r 300`; skipped without poppler), token recall
 *   against the drawn text;
 * - the employment application scan of Textract fixture 16 (1267 × 793 px), token recall and word-box IoU
 *   against Amazon Textract's own response for the same image (the reference, not a peer we can run here);
 * - throughput: two letter pages at once with `workers: 2` against one after the other with one worker.
 *
 * Writes bench/out/ocr.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { boxIou } from '../src/geometry/index.js';
import { TesseractOcr } from '../src/ocr/index.js';
import type { TextractBlockLike } from '../src/textract/model/TextractBlockLike.js';
import { boxOf, median, tokenRecall, tokensOf, wordsOf } from '../test/integ/ocr/ocrScore.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const RUNS = 3;

const VOCABULARY = (
  'the of and to in is that for it as with was on be by this are or from at which an have not were their has ' +
  'document invoice payment amount account customer service total balance report number date signature ' +
  'quarterly revenue medical record patient address insurance policy contract agreement section clause'
).split(' ');

/** Deterministic prose: `lines` lines of about 12 words, with a few numbers and punctuation. */
function prose(lines: number): string[] {
  let seed = 42;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: lines }, () => {
    const words = Array.from({ length: 12 }, () =>
      next() < 0.08
        ? String(Math.floor(next() * 9000) + 100)
        : (VOCABULARY[Math.floor(next() * VOCABULARY.length)] ?? 'x'),
    );
    words[0] = (words[0] ?? '').replace(/^./, (c) => c.toUpperCase());
    return `${words.join(' ')}.`;
  });
}

async function letterPagePng(): Promise<{ png: Uint8Array; text: string } | undefined> {
  const lines = prose(46);
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  lines.forEach((line, i) => {
    page.drawText(line, { x: 72, y: 720 - i * 14, size: 10, font });
  });
  const dir = mkdtempSync(join(tmpdir(), 'bench-ocr-'));
  try {
    writeFileSync(join(dir, 'letter.pdf'), await doc.save());
    execFileSync('pdftoppm', [
      '-r',
      '300',
      '-gray',
      '-png',
      '-singlefile',
      join(dir, 'letter.pdf'),
      join(dir, 'letter'),
    ]);
    return { png: new Uint8Array(readFileSync(join(dir, 'letter.png'))), text: lines.join('\n') };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/** Median seconds of `RUNS` warm calls, and the last result. */
async function timePage(ocr: TesseractOcr, bytes: Uint8Array) {
  const seconds: number[] = [];
  let blocks: readonly TextractBlockLike[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    ({ blocks } = await ocr.recognize({ bytes, mediaType: 'image/png' }));
    seconds.push((performance.now() - started) / 1000);
  }
  return { secondsPerPage: round(median(seconds)), blocks };
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    engine: 'tesseract.js 7.0.0, LSTM, eng 4.0.0_best_int',
    // On a shared machine the load explains most of the spread between runs.
    loadAverage1m: round(loadavg()[0] ?? 0, 1),
  };
  const rows: [string, string][] = [];

  // Cold start.
  const small = new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/ocr/sentinel.png')));
  const ocr = new TesseractOcr();
  const coldStarted = performance.now();
  await ocr.recognize({ bytes: small, mediaType: 'image/png' });
  const coldSeconds = round((performance.now() - coldStarted) / 1000);
  results.coldStartSeconds = coldSeconds;
  rows.push(['cold start (first call, 900×150 px image)', `${coldSeconds} s`]);

  // Fixture 16 against Textract.
  const scan = new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/ocr/employment-app.png')));
  const textract = JSON.parse(
    readFileSync(
      join(ROOT, 'test/fixtures/textract/16-employment-app-with-anchor-outputs/SampleInput_blocks.json'),
      'utf8',
    ),
  ) as { Blocks: TextractBlockLike[] };
  const fixture = await timePage(ocr, scan);
  const reference = wordsOf(textract.Blocks);
  const recognised = wordsOf(fixture.blocks);
  const recallVsTextract = tokenRecall(
    reference.flatMap((w) => tokensOf(w.Text ?? '')),
    recognised.flatMap((w) => tokensOf(w.Text ?? '')),
  );
  const ious = reference.flatMap((ref) => {
    const token = tokensOf(ref.Text ?? '')[0];
    const same = recognised.filter((w) => tokensOf(w.Text ?? '')[0] === token);
    return same.length === 0 ? [] : [Math.max(...same.map((w) => boxIou(boxOf(ref), boxOf(w))))];
  });
  results.employmentApp = {
    imagePx: [1267, 793],
    secondsPerPage: fixture.secondsPerPage,
    textractWords: reference.length,
    tesseractWords: recognised.length,
    tokenRecallVsTextract: round(recallVsTextract),
    matchedWords: ious.length,
    medianWordIouVsTextract: round(median(ious)),
  };
  rows.push(['fixture 16 scan (1267×793 px): s/page', `${fixture.secondsPerPage} s`]);
  rows.push(['fixture 16: token recall vs Textract', `${round(recallVsTextract)}`]);
  rows.push(['fixture 16: median word IoU vs Textract', `${round(median(ious))} (${ious.length} words)`]);

  // 300-dpi letter page.
  const letter = await letterPagePng();
  if (letter) {
    const page = await timePage(ocr, letter.png);
    const recall = tokenRecall(
      tokensOf(letter.text),
      wordsOf(page.blocks).flatMap((w) => tokensOf(w.Text ?? '')),
    );
    results.letter300dpi = {
      imagePx: [2550, 3300],
      drawnWords: tokensOf(letter.text).length,
      secondsPerPage: page.secondsPerPage,
      tokenRecall: round(recall),
    };
    rows.push([
      `300-dpi letter page (2550×3300 px, ${tokensOf(letter.text).length} words): s/page`,
      `${page.secondsPerPage} s`,
    ]);
    rows.push(['300-dpi letter page: token recall vs drawn text', `${round(recall)}`]);

    // Throughput: two pages with two workers at once, against one worker.
    const parallel = new TesseractOcr({ workers: 2 });
    const input = { bytes: letter.png, mediaType: 'image/png' } as const;
    await Promise.all([parallel.recognize(input), parallel.recognize(input)]);
    const twoStarted = performance.now();
    await Promise.all([parallel.recognize(input), parallel.recognize(input)]);
    const twoWorkersSeconds = (performance.now() - twoStarted) / 1000;
    await parallel.destroy();
    const pagesPerSecond1 = round(1 / page.secondsPerPage, 2);
    const pagesPerSecond2 = round(2 / twoWorkersSeconds, 2);
    results.throughput = { oneWorkerPagesPerSecond: pagesPerSecond1, twoWorkersPagesPerSecond: pagesPerSecond2 };
    rows.push(['letter pages/s, 1 worker → 2 workers', `${pagesPerSecond1} → ${pagesPerSecond2}`]);
  } else {
    results.letter300dpi = 'skipped: pdftoppm (poppler-utils) not installed';
    rows.push(['300-dpi letter page', 'skipped (no pdftoppm)']);
  }
  await ocr.destroy();
  results.rssMb = Math.round(process.memoryUsage().rss / 1e6);

  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(
    `Embedded OCR (TesseractOcr), ${results.cpus} CPUs, load ${results.loadAverage1m}, Node ${process.version}`,
  );
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'ocr.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${join('bench', 'out', 'ocr.json')}`);
}

await main();
