import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchablePdfBuilder } from '../../../src/searchable-pdf/index.js';
import {
  blocksOf,
  expectedTokens,
  type PageScore,
  pdfJsPageTexts,
  scorePage,
  tokenRecall,
} from '../../helpers/text-layer-scorer.js';
import { SCORED_FIXTURES, type ScoredFixture, sourceBytes, TEXTRACT, textractJson } from './fixtures.js';

interface Row extends PageScore {
  readonly fixture: ScoredFixture;
  readonly page: number;
  readonly recallPdfJs: number;
}

const rows: Row[] = [];
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amk-spdf-scores-'));
  const builder = new SearchablePdfBuilder();
  for (const fixture of SCORED_FIXTURES) {
    const json = textractJson(fixture);
    const { pdf, pageCount } = await builder.build(await sourceBytes(fixture), { ocr: json as never });
    const path = join(dir, `${fixture.name}.pdf`);
    writeFileSync(path, pdf);
    const blocks = blocksOf(json);
    const pdfJsTexts = await pdfJsPageTexts(pdf);
    for (let page = 1; page <= pageCount; page++) {
      rows.push({
        fixture,
        page,
        ...scorePage(path, blocks, page),
        recallPdfJs: tokenRecall(expectedTokens(blocks, page), pdfJsTexts[page - 1] ?? ''),
      });
    }
  }
  const f = (v: number): string => v.toFixed(3);
  const table = [
    '| fixture | page | word IoU med (p10) | h-IoU med (p10) | v-IoU med | dy/word h | dy/line h | LINE IoU med (p10) | recall default / -raw / pdf.js | LINE text recall |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.fixture.name} | ${r.page} | ${f(r.wordIouMedian)} (${f(r.wordIouP10)}) | ${f(r.hIouMedian)} (${f(r.hIouP10)}) | ${f(r.vIouMedian)} | ${r.dyPerWordHeight.toFixed(2)} | ${r.dyPerLineHeight.toFixed(3)} | ${f(r.lineIouMedian)} (${f(r.lineIouP10)}) | ${f(r.recallDefault)} / ${f(r.recallRaw)} / ${f(r.recallPdfJs)} | ${f(r.lineTextRecall)} |`,
    ),
  ].join('\n');
  console.log(`\nSearchablePdfBuilder text-layer scores (poppler ${popplerVersion()})\n${table}\n`);
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function popplerVersion(): string {
  const run = spawnSync('pdftotext', ['-v'], { encoding: 'utf8', timeout: 60_000 });
  return /pdftotext version ([\d.]+)/.exec(`${run.stdout}${run.stderr}`)?.[1] ?? '?';
}

const geometric = (): Row[] => rows.filter((r) => !r.fixture.skewed);

describe('SearchablePdfBuilder text layer (scored with poppler and pdf.js)', () => {
  it('scores every page of every fixture', () => {
    expect(rows.length).toBe(24);
    for (const r of rows) expect(r.ocrWords, r.fixture.name).toBeGreaterThan(0);
  });

  it('matches LINE boxes: median ≥ 0.95 and p10 ≥ 0.90 on every upright or right-angle page', () => {
    for (const r of geometric()) {
      expect(r.lineIouMedian, `${r.fixture.name} p${r.page}`).toBeGreaterThanOrEqual(0.95);
      expect(r.lineIouP10, `${r.fixture.name} p${r.page}`).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('spans each word horizontally: word h-IoU median ≥ 0.97', () => {
    for (const r of geometric()) expect(r.hIouMedian, `${r.fixture.name} p${r.page}`).toBeGreaterThanOrEqual(0.97);
  });

  it('keeps the per-page word IoU median ≥ 0.75 everywhere and ≥ 0.88 on average', () => {
    const pages = geometric();
    for (const r of pages) expect(r.wordIouMedian, `${r.fixture.name} p${r.page}`).toBeGreaterThanOrEqual(0.75);
    const mean = pages.reduce((sum, r) => sum + r.wordIouMedian, 0) / pages.length;
    expect(mean).toBeGreaterThanOrEqual(0.88);
  });

  it('places lines vertically within 0.05 line heights', () => {
    for (const r of geometric()) expect(r.dyPerLineHeight, `${r.fixture.name} p${r.page}`).toBeLessThanOrEqual(0.05);
  });

  it('recalls every token with pdftotext and ≥ 0.95 with -raw', () => {
    for (const r of rows.filter((row) => !row.fixture.name.startsWith('17'))) {
      const where = `${r.fixture.name} p${r.page}`;
      expect(r.recallDefault, where).toBe(1);
      expect(r.recallRaw, where).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('recalls ≥ 0.99 of the tokens with pdf.js on every page, and all of them where LINEs overlap (05, 14)', () => {
    // pdf.js joins two items without a space when the second starts left of the first's end on about the same
    // baseline; Textract LINEs that overlap (05: a handwritten word across a printed label, 14) used to hit
    // that (0.986, 0.984) until overlapping lines were drawn apart. The seam between a born-digital page's own
    // text and the layer (07, 0.991) remains. See docs/searchable-pdf.md.
    for (const r of rows) expect(r.recallPdfJs, `${r.fixture.name} p${r.page}`).toBeGreaterThanOrEqual(0.99);
    for (const r of rows.filter((row) => ['05', '14'].includes(row.fixture.name))) {
      expect(r.recallPdfJs, `${r.fixture.name} p${r.page}`).toBe(1);
    }
  });

  it('recalls ≥ 0.98 of the tokens on the rotated and skewed fixture 17 pages, in every extractor', () => {
    for (const r of rows.filter((row) => row.fixture.name.startsWith('17'))) {
      const where = `${r.fixture.name} p${r.page}`;
      expect(r.recallDefault, where).toBeGreaterThanOrEqual(0.98);
      expect(r.recallRaw, where).toBeGreaterThanOrEqual(0.98);
      expect(r.recallPdfJs, where).toBeGreaterThanOrEqual(0.98);
    }
  });

  it('keeps skewed (±10°) lines word-aligned horizontally (honest floor: upright words on a stepped baseline)', () => {
    for (const r of rows.filter((row) => row.fixture.skewed)) {
      expect(r.hIouMedian).toBeGreaterThanOrEqual(0.97);
      expect(r.lineIouMedian).toBeGreaterThanOrEqual(0.7);
      expect(r.wordIouMedian).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('keeps each OCR line together in poppler layout mode (LINE text recall ≥ 0.9 on average, ≥ 0.7 per page)', () => {
    const pages = geometric();
    for (const r of pages) expect(r.lineTextRecall, `${r.fixture.name} p${r.page}`).toBeGreaterThanOrEqual(0.7);
    expect(pages.reduce((sum, r) => sum + r.lineTextRecall, 0) / pages.length).toBeGreaterThanOrEqual(0.9);
  });

  it('agrees with the reference Python scorer on fixture 16 when it is available', () => {
    const script = join(import.meta.dirname, '../../../../shared/tools/measure-text-layer.py');
    const row = rows.find((r) => r.fixture.name === '16');
    expect(row).toBeDefined();
    if (!existsSync(script)) return; // the shared folder sits beside the repository in CI and on dev machines
    const out = execFileSync(
      'python3',
      [script, join(dir, '16.pdf'), join(TEXTRACT, '16-employment-app-with-anchor-outputs/SampleInput_blocks.json')],
      { encoding: 'utf8', timeout: 60_000 },
    );
    const lineIou = Number(/line IoU\s+median ([\d.]+)/.exec(out)?.[1]);
    const hIou = Number(/h-IoU\s+median ([\d.]+)/.exec(out)?.[1]);
    expect(lineIou).toBeCloseTo(row?.lineIouMedian ?? 0, 2);
    expect(hIou).toBeCloseTo(row?.hIouMedian ?? 0, 2);
  });
});
