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
import { type LayoutWord, median, readFixture, readLayout, tokenRecall, tokensOf } from './ocrScore.js';

// PDF input is rendered with poppler's pdftoppm (CI installs poppler-utils); images need nothing.
const ocr = new TesseractOcr({ rasterizePdf: pdftoppmRasterizer() });
const builder = new SearchablePdfBuilder({ ocrEngine: ocr });
afterAll(() => ocr.destroy());

/** A word as pdf.js extracts it: horizontal extent and baseline, normalised to its page (top-down). */
interface PdfJsWord {
  text: string;
  page: number;
  left: number;
  right: number;
  baseline: number;
}

async function pdfJsWords(pdf: Uint8Array): Promise<PdfJsWord[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: pdf.slice(), verbosity: 0 });
  const doc = await task.promise;
  const words: PdfJsWord[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [x0 = 0, y0 = 0, x1 = 1, y1 = 1] = page.view;
    const width = x1 - x0;
    const height = y1 - y0;
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , , , e = 0, f = 0] = item.transform as number[];
      words.push({
        text: item.str.trim(),
        page: p,
        left: (e - x0) / width,
        right: (e - x0 + item.width) / width,
        baseline: (y1 - f) / height,
      });
    }
  }
  await task.destroy();
  return words;
}

/** For every drawn word found by pdf.js with the same token: horizontal IoU, and whether its baseline is in the word. */
function placement(layout: readonly LayoutWord[], found: readonly PdfJsWord[]) {
  const horizontalIous: number[] = [];
  let baselinesInside = 0;
  for (const drawn of layout) {
    const token = tokensOf(drawn.text)[0];
    const same = found.filter((w) => w.page === drawn.page && tokensOf(w.text)[0] === token);
    if (same.length === 0) continue;
    const iou = (w: PdfJsWord) => {
      const overlap = Math.min(w.right, drawn.left + drawn.width) - Math.max(w.left, drawn.left);
      const union = Math.max(w.right, drawn.left + drawn.width) - Math.min(w.left, drawn.left);
      return union > 0 ? Math.max(0, overlap) / union : 0;
    };
    const best = same.reduce((a, b) => (iou(b) > iou(a) ? b : a));
    horizontalIous.push(iou(best));
    // The baseline sits between the top of the capitals and a little below the drawn box.
    if (best.baseline > drawn.top && best.baseline < drawn.top + drawn.height * 1.25) baselinesInside += 1;
  }
  return { horizontalIous, baselinesInside };
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
    const [text = ''] = await pdfJsPageTexts(result.pdf);
    expect(
      tokenRecall(
        layout.flatMap((w) => tokensOf(w.text)),
        tokensOf(text),
      ),
    ).toBeGreaterThanOrEqual(0.9);
    const { horizontalIous, baselinesInside } = placement(layout, await pdfJsWords(result.pdf));
    expect(horizontalIous.length).toBeGreaterThanOrEqual(0.9 * layout.length);
    expect(median(horizontalIous)).toBeGreaterThanOrEqual(0.8);
    expect(baselinesInside).toBeGreaterThanOrEqual(0.9 * horizontalIous.length);
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
    const [text = ''] = await pdfJsPageTexts(result.pdf);
    expect(
      tokenRecall(
        layout.flatMap((w) => tokensOf(w.text)),
        tokensOf(text),
      ),
    ).toBeGreaterThanOrEqual(0.9);
    const { horizontalIous, baselinesInside } = placement(layout, await pdfJsWords(result.pdf));
    expect(median(horizontalIous)).toBeGreaterThanOrEqual(0.8);
    expect(baselinesInside).toBeGreaterThanOrEqual(0.9 * horizontalIous.length);
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
    const { horizontalIous } = placement(layout, await pdfJsWords(result.pdf));
    expect(median(horizontalIous)).toBeGreaterThanOrEqual(0.8);
  });
});
