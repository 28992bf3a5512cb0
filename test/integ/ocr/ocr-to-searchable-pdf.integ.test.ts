/**
 * End to end and offline (issue 3, item 4): known text rendered into an image → the embedded engine
 * (TesseractOcr) → SearchablePdfBuilder → pdf.js finds the text again, on the right page, where it was drawn.
 * No AWS account, no network; the scanned-PDF case renders pages with poppler's pdftoppm.
 */
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { pdftoppmRasterizer } from '../../../src/ocr/pdftoppmRasterizer.js';
import { TesseractOcr } from '../../../src/ocr/TesseractOcr.js';
import { SearchablePdfBuilder } from '../../../src/searchable-pdf/SearchablePdfBuilder.js';
import { pdfJsPageTexts } from '../../helpers/text-layer-scorer.js';
import { type LayoutWord, readFixture, readLayout, tokenRecall, tokensOf } from './ocrScore.js';

// PDF input is rendered with poppler's pdftoppm (CI installs poppler-utils); images need nothing.
const ocr = new TesseractOcr({ rasterizePdf: pdftoppmRasterizer() });
const builder = new SearchablePdfBuilder({ ocrEngine: ocr });
afterAll(() => ocr.destroy());

/** A text run as pdf.js extracts it (a word or a whole line, as the PDF shows it): extent and baseline, normalised. */
interface PdfJsRun {
  text: string;
  page: number;
  left: number;
  right: number;
  baseline: number;
}

async function pdfJsRuns(pdf: Uint8Array): Promise<PdfJsRun[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: pdf.slice(), verbosity: 0 });
  const doc = await task.promise;
  const runs: PdfJsRun[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [x0 = 0, y0 = 0, x1 = 1, y1 = 1] = page.view;
    const width = x1 - x0;
    const height = y1 - y0;
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , , , e = 0, f = 0] = item.transform as number[];
      runs.push({
        text: item.str,
        page: p,
        left: (e - x0) / width,
        right: (e - x0 + item.width) / width,
        baseline: (y1 - f) / height,
      });
    }
  }
  await task.destroy();
  return runs;
}

/**
 * Line by line (robust to the PDF showing words or whole lines as runs): the runs sharing a baseline are one
 * found line; each drawn line is paired with the found line holding most of its tokens. Returns the horizontal
 * IoU of each pair and how many found baselines lie inside their drawn line's band.
 */
function linePlacement(layout: readonly LayoutWord[], runs: readonly PdfJsRun[]) {
  const found: { page: number; baseline: number; left: number; right: number; tokens: string[] }[] = [];
  for (const run of [...runs].sort((a, b) => a.page - b.page || a.baseline - b.baseline)) {
    const last = found.at(-1);
    if (last && last.page === run.page && Math.abs(last.baseline - run.baseline) < 0.01) {
      last.left = Math.min(last.left, run.left);
      last.right = Math.max(last.right, run.right);
      last.tokens.push(...tokensOf(run.text));
    } else {
      found.push({
        page: run.page,
        baseline: run.baseline,
        left: run.left,
        right: run.right,
        tokens: tokensOf(run.text),
      });
    }
  }
  const horizontalIous: number[] = [];
  let baselinesInside = 0;
  const drawnLines = new Map<string, LayoutWord[]>();
  for (const w of layout) drawnLines.set(`${w.page}/${w.line}`, [...(drawnLines.get(`${w.page}/${w.line}`) ?? []), w]);
  for (const words of drawnLines.values()) {
    const tokens = words.flatMap((w) => tokensOf(w.text));
    const candidates = found.filter((f) => f.page === words[0]?.page);
    const best = candidates.reduce<(typeof found)[number] | undefined>(
      (a, b) => (a === undefined || tokenRecall(tokens, b.tokens) > tokenRecall(tokens, a.tokens) ? b : a),
      undefined,
    );
    if (best === undefined || tokenRecall(tokens, best.tokens) < 0.5) continue;
    const left = Math.min(...words.map((w) => w.left));
    const right = Math.max(...words.map((w) => w.left + w.width));
    const top = Math.min(...words.map((w) => w.top));
    const bottom = Math.max(...words.map((w) => w.top + w.height));
    const overlap = Math.min(best.right, right) - Math.max(best.left, left);
    const union = Math.max(best.right, right) - Math.min(best.left, left);
    horizontalIous.push(union > 0 ? Math.max(0, overlap) / union : 0);
    if (best.baseline > top && best.baseline < bottom + (bottom - top) * 0.25) baselinesInside += 1;
  }
  return { lines: drawnLines.size, horizontalIous, baselinesInside };
}

/** pdf.js finds ≥ 90% of the drawn tokens on page 1, each line where the image shows it. */
async function expectTextWhereDrawn(pdf: Uint8Array, layout: readonly LayoutWord[]): Promise<void> {
  const [text = ''] = await pdfJsPageTexts(pdf);
  expect(
    tokenRecall(
      layout.flatMap((w) => tokensOf(w.text)),
      tokensOf(text),
    ),
  ).toBeGreaterThanOrEqual(0.9);
  const placed = linePlacement(layout, await pdfJsRuns(pdf));
  expect(placed.horizontalIous).toHaveLength(placed.lines);
  expect(Math.min(...placed.horizontalIous)).toBeGreaterThanOrEqual(0.9);
  expect(placed.baselinesInside).toBe(placed.lines);
}

describe('End to end offline: image → TesseractOcr → SearchablePdfBuilder → pdf.js', () => {
  it('finds the drawn text again with pdf.js, where it was drawn', async () => {
    // Prepare
    const layout = readLayout('lines');

    // Act
    const result = await builder.build(readFixture('lines.png'));

    // Assert
    expect(result).toMatchObject({ pageCount: 1, ocrEngine: 'tesseract' });
    expect(result.wordCount).toBeGreaterThanOrEqual(0.9 * layout.length);
    await expectTextWhereDrawn(result.pdf, layout);
  });

  it('makes a scanned (image-only) PDF searchable, the text where the scan shows it', async () => {
    // Prepare: a one-page PDF that is only the scan, as a scanner writes it.
    const doc = await PDFDocument.create();
    const scan = await doc.embedPng(readFixture('lines.png'));
    doc.addPage([432, 180]).drawImage(scan, { x: 0, y: 0, width: 432, height: 180 });
    const input = await doc.save();
    expect(await pdfJsPageTexts(input)).toEqual(['']);
    const layout = readLayout('lines');

    // Act
    const result = await builder.build(input);

    // Assert
    await expectTextWhereDrawn(result.pdf, layout);
  });

  it('keeps the pages of a multi-page TIFF apart', async () => {
    const layout = readLayout('pages');

    const result = await builder.build(readFixture('pages.tif'));

    expect(result.pageCount).toBe(2);
    const texts = await pdfJsPageTexts(result.pdf);
    for (const page of [1, 2]) {
      const expected = layout.filter((w) => w.page === page).flatMap((w) => tokensOf(w.text));
      expect(tokenRecall(expected, tokensOf(texts[page - 1] ?? ''))).toBeGreaterThanOrEqual(0.9);
    }
    // Words only on page 2 are not on page 1.
    expect(tokensOf(texts[0] ?? '')).not.toContain('archive');
    expect(tokensOf(texts[1] ?? '')).toContain('archive');
    const placed = linePlacement(layout, await pdfJsRuns(result.pdf));
    expect(placed.horizontalIous).toHaveLength(placed.lines);
    expect(Math.min(...placed.horizontalIous)).toBeGreaterThanOrEqual(0.9);
    expect(placed.baselinesInside).toBe(placed.lines);
  });
});
