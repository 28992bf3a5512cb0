/**
 * Benchmark: SearchablePdfBuilder on a 500-page scanned PDF (fixture 16's page image copied onto every page,
 * each page its own JPEG-free image XObject, as scanners write them) with 300 OCR words per page.
 *
 * Side by side, each in a fresh process so peak memory is the job's own:
 * - floor: pdf-lib load + save of the same input, no text layer (the cost any pdf-lib based tool pays);
 * - build: SearchablePdfBuilder.build with saved OCR (text layer grafted, no rasterisation);
 * - sizes 50 / 500 pages, to show how cost grows.
 *
 * Run: npx tsx bench/searchable-pdf.ts   (writes bench/out/searchable-pdf.json)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { SearchablePdfBuilder } from '../src/searchable-pdf/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench/out');
const SELF = fileURLToPath(import.meta.url);
const WORDS_PER_LINE = 10;
const LINES_PER_PAGE = 30;
const SIZES = [50, 500];

interface ChildReport {
  mode: string;
  pages: number;
  inputBytes: number;
  outputBytes: number;
  seconds: number;
  peakRssDeltaMb: number;
  words: number;
}

/** Textract-shaped OCR with LINES_PER_PAGE × WORDS_PER_LINE words per page, ids unique per page. */
function syntheticOcr(pages: number): { Blocks: unknown[] } {
  const blocks: unknown[] = [];
  const geometry = (left: number, top: number, width: number, height: number) => ({
    BoundingBox: { Left: left, Top: top, Width: width, Height: height },
    Polygon: [
      { X: left, Y: top },
      { X: left + width, Y: top },
      { X: left + width, Y: top + height },
      { X: left, Y: top + height },
    ],
  });
  for (let page = 1; page <= pages; page++) {
    const lineIds: string[] = [];
    for (let l = 0; l < LINES_PER_PAGE; l++) {
      const top = 0.04 + l * 0.031;
      const wordIds: string[] = [];
      let x = 0.05;
      for (let w = 0; w < WORDS_PER_LINE; w++) {
        const id = `w${page}-${l}-${w}`;
        const text = `word${(page * 7 + l * 3 + w) % 97}`;
        const width = 0.012 * text.length;
        blocks.push({ BlockType: 'WORD', Id: id, Page: page, Text: text, Geometry: geometry(x, top, width, 0.02) });
        wordIds.push(id);
        x += width + 0.012;
      }
      const id = `l${page}-${l}`;
      lineIds.push(id);
      blocks.push({
        BlockType: 'LINE',
        Id: id,
        Page: page,
        Text: 'line',
        Geometry: geometry(0.05, top, x - 0.062, 0.02),
        Relationships: [{ Type: 'CHILD', Ids: wordIds }],
      });
    }
    blocks.push({
      BlockType: 'PAGE',
      Id: `p${page}`,
      Page: page,
      Geometry: geometry(0, 0, 1, 1),
      Relationships: [{ Type: 'CHILD', Ids: lineIds }],
    });
  }
  return { Blocks: blocks };
}

async function scannedPdf(pages: number): Promise<Uint8Array> {
  const source = await PDFDocument.load(
    readFileSync(join(ROOT, 'test/fixtures/searchable-pdf/16-employment-app-with-anchor-outputs/SampleInput.pdf')),
  );
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < pages; i++) {
    const [page] = await doc.copyPages(source, [0]);
    doc.addPage(page!);
  }
  return doc.save();
}

async function child(mode: string, pages: number): Promise<void> {
  const input = new Uint8Array(readFileSync(join(OUT, `searchable-pdf-input-${pages}.pdf`)));
  const ocr =
    mode === 'build' ? JSON.parse(readFileSync(join(OUT, `searchable-pdf-ocr-${pages}.json`), 'utf8')) : undefined;
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  let output: Uint8Array;
  let words = 0;
  if (mode === 'floor') {
    const doc = await PDFDocument.load(input, { updateMetadata: false });
    output = await doc.save({ useObjectStreams: true, objectsPerTick: 5_000 });
  } else {
    const result = await new SearchablePdfBuilder().build(input, { ocr });
    output = result.pdf;
    words = result.wordCount;
  }
  const seconds = (performance.now() - started) / 1000;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const report: ChildReport = {
    mode,
    pages,
    inputBytes: input.length,
    outputBytes: output.length,
    seconds,
    peakRssDeltaMb: (peakRss - rssBefore) / 2 ** 20,
    words,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const reports: ChildReport[] = [];
  for (const pages of SIZES) {
    writeFileSync(join(OUT, `searchable-pdf-input-${pages}.pdf`), await scannedPdf(pages));
    writeFileSync(join(OUT, `searchable-pdf-ocr-${pages}.json`), JSON.stringify(syntheticOcr(pages)));
    for (const mode of ['floor', 'build']) {
      const run = spawnSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', SELF, '--child', mode, String(pages)],
        {
          cwd: ROOT,
          encoding: 'utf8',
          maxBuffer: 1 << 20,
          timeout: 180_000,
        },
      );
      if (run.status !== 0) throw new Error(`child ${mode} ${pages} failed: ${run.stderr}`);
      reports.push(JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as ChildReport);
    }
    rmSync(join(OUT, `searchable-pdf-input-${pages}.pdf`), { force: true });
    rmSync(join(OUT, `searchable-pdf-ocr-${pages}.json`), { force: true });
  }
  const rows = SIZES.map((pages) => {
    const floor = reports.find((r) => r.mode === 'floor' && r.pages === pages)!;
    const build = reports.find((r) => r.mode === 'build' && r.pages === pages)!;
    const layerSeconds = Math.max(1e-9, build.seconds - floor.seconds);
    return {
      pages,
      inputMb: build.inputBytes / 2 ** 20,
      floorPagesPerSecond: pages / floor.seconds,
      buildPagesPerSecond: pages / build.seconds,
      layerOnlyPagesPerSecond: pages / layerSeconds,
      peakRssDeltaMb: build.peakRssDeltaMb,
      memoryBudgetMb: (1.5 * build.inputBytes) / 2 ** 20 + 100,
      floorPeakRssDeltaMb: floor.peakRssDeltaMb,
      overheadKbPerPage: (build.outputBytes - floor.outputBytes) / 1024 / pages,
      outputVsInput: build.outputBytes / build.inputBytes,
      words: build.words,
    };
  });
  console.log(
    `SearchablePdfBuilder, ${LINES_PER_PAGE * WORDS_PER_LINE} words/page, ${cpus()[0]?.model ?? '?'} × ${cpus().length}, Node ${process.version}`,
  );
  console.table(
    rows.map((r) => ({
      pages: r.pages,
      'input MB': r.inputMb.toFixed(1),
      'floor pages/s (load+save)': r.floorPagesPerSecond.toFixed(0),
      'build pages/s': r.buildPagesPerSecond.toFixed(0),
      'text layer only pages/s': r.layerOnlyPagesPerSecond.toFixed(0),
      'peak RSS Δ MB': r.peakRssDeltaMb.toFixed(0),
      'budget MB': r.memoryBudgetMb.toFixed(0),
      'floor peak RSS Δ MB': r.floorPeakRssDeltaMb.toFixed(0),
      'text layer KB/page': r.overheadKbPerPage.toFixed(2),
      'output / input': r.outputVsInput.toFixed(3),
    })),
  );
  writeFileSync(
    join(OUT, 'searchable-pdf.json'),
    JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, rows }, null, 2),
  );
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(args[1] ?? 'build', Number(args[2]));
else await main();
