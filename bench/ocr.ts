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
 * - throughput: two letter pages at once with `workers: 2` against one after the other with one worker;
 * - side by side with OCRmyPDF (native tesseract; Debian's `ocrmypdf`, the reference): born-digital fixture
 *   pages rendered at 300 dpi, made searchable by each, their text layers' word boxes (`pdftotext -bbox`)
 *   scored against the born-digital page's own words. Without `ocrmypdf` on the PATH that column is skipped
 *   with a note (CI does not install it).
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
import { SearchablePdfBuilder } from '../src/searchable-pdf/index.js';
import type { TextractBlockLike } from '../src/textract/model/TextractBlockLike.js';
import { type Box4, hasTool, iou, popplerWords } from '../test/helpers/text-layer-scorer.js';
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
    execFileSync(
      'pdftoppm',
      ['-r', '300', '-gray', '-png', '-singlefile', join(dir, 'letter.pdf'), join(dir, 'letter')],
      { timeout: 60_000 },
    );
    return { png: new Uint8Array(readFileSync(join(dir, 'letter.png'))), text: lines.join('\n') };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/** Born-digital pages whose own text is the ground truth for the side-by-side with OCRmyPDF. */
const BORN_DIGITAL_PAGES: readonly { name: string; pdf: string; page: number }[] = [
  { name: '07 invoice', pdf: '07-sample-invoice-layout/sample-invoice.pdf', page: 1 },
  { name: '08 reading order', pdf: '08-reading-order/reading_order.pdf', page: 1 },
  { name: '13 multipage p1', pdf: '13-multipage-async/textractor-multipage-doc.pdf', page: 1 },
  { name: '13 multipage p2', pdf: '13-multipage-async/textractor-multipage-doc.pdf', page: 2 },
];

/** Median word IoU (truth words matched 1:1 greedily by IoU, unmatched count 0) and token recall of a layer. */
function scoreLayer(truth: readonly { text: string; box: Box4 }[], pdfPath: string) {
  const got = popplerWords(pdfPath, 1);
  const used = new Set<number>();
  const ious = truth.map((t) => {
    let best = 0;
    let bestK = -1;
    got.forEach((g, k) => {
      if (used.has(k)) return;
      const v = iou(t.box, g.box);
      if (v > best) {
        best = v;
        bestK = k;
      }
    });
    if (bestK >= 0) used.add(bestK);
    return best;
  });
  const recall = tokenRecall(
    truth.map((t) => t.text),
    got.map((g) => g.text),
  );
  return { wordIouMedian: round(median(ious)), tokenRecall: round(recall), words: got.length };
}

/** Our embedded path and OCRmyPDF on the same 300-dpi renders of born-digital pages. */
async function sideBySideWithOcrmypdf(ocr: TesseractOcr): Promise<Record<string, unknown>[] | string> {
  if (!hasTool('pdftoppm') || !hasTool('pdftotext')) return 'skipped: poppler-utils not installed';
  const withOcrmypdf = hasTool('ocrmypdf');
  const version = withOcrmypdf
    ? execFileSync('ocrmypdf', ['--version'], { encoding: 'utf8', timeout: 60_000 }).trim()
    : 'not installed (apt-get install ocrmypdf)';
  console.log(`  OCRmyPDF: ${version}`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-ocrmypdf-'));
  const builder = new SearchablePdfBuilder({ ocrEngine: ocr });
  const rows: Record<string, unknown>[] = [];
  try {
    for (const { name, pdf, page } of BORN_DIGITAL_PAGES) {
      const source = join(ROOT, 'test/fixtures/searchable-pdf', pdf);
      const stem = join(dir, `p${rows.length}`);
      // The page alone, so that its own words are the ground truth (and pdftotext page 1 is this page).
      const single = await PDFDocument.create();
      const [copied] = await single.copyPages(await PDFDocument.load(readFileSync(source)), [page - 1]);
      if (!copied) continue;
      single.addPage(copied);
      writeFileSync(`${stem}-truth.pdf`, await single.save());
      const truth = popplerWords(`${stem}-truth.pdf`, 1);
      execFileSync('pdftoppm', ['-r', '300', '-gray', '-png', '-singlefile', `${stem}-truth.pdf`, stem], {
        timeout: 60_000,
      });
      const png = new Uint8Array(readFileSync(`${stem}.png`));
      const started = performance.now();
      const ours = await builder.build(png);
      const oursSeconds = (performance.now() - started) / 1000;
      writeFileSync(`${stem}-ours.pdf`, ours.pdf);
      const row: Record<string, unknown> = {
        page: name,
        truthWords: truth.length,
        ours: { ...scoreLayer(truth, `${stem}-ours.pdf`), seconds: round(oursSeconds, 1) },
      };
      if (withOcrmypdf) {
        const ocrStarted = performance.now();
        execFileSync(
          'ocrmypdf',
          ['--quiet', '--image-dpi', '300', '--output-type', 'pdf', `${stem}.png`, `${stem}-omp.pdf`],
          {
            stdio: ['ignore', 'ignore', 'pipe'],
            timeout: 180_000,
          },
        );
        const seconds = (performance.now() - ocrStarted) / 1000;
        row.ocrmypdf = { ...scoreLayer(truth, `${stem}-omp.pdf`), seconds: round(seconds, 1) };
      } else {
        row.ocrmypdf = 'skipped: ocrmypdf not installed';
      }
      rows.push(row);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

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
  // Side by side with OCRmyPDF on born-digital pages rendered at 300 dpi.
  const side = await sideBySideWithOcrmypdf(ocr);
  results.vsOcrmypdf = side;
  if (typeof side === 'string') rows.push(['vs OCRmyPDF', side]);
  else {
    for (const row of side) {
      const ours = row.ours as { wordIouMedian: number; tokenRecall: number };
      const theirs = row.ocrmypdf as { wordIouMedian: number; tokenRecall: number } | string;
      const other =
        typeof theirs === 'string' ? theirs : `OCRmyPDF word IoU ${theirs.wordIouMedian}, recall ${theirs.tokenRecall}`;
      rows.push([
        `${row.page} @300 dpi vs its own words`,
        `ours word IoU ${ours.wordIouMedian}, recall ${ours.tokenRecall} | ${other}`,
      ]);
    }
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
