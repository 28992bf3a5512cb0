/**
 * PDF input to the embedded engine: through any `PdfRasterizer`, and through poppler's pdftoppm
 * (`pdftoppmRasterizer`, which CI installs with poppler-utils).
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/kit/errors.js';
import type { OcrInput } from '../../../src/ocr/OcrEngine.js';
import { type PdfRasterizer, pdftoppmRasterizer } from '../../../src/ocr/pdftoppmRasterizer.js';
import { TesseractOcr } from '../../../src/ocr/TesseractOcr.js';
import { readFixture, readLayout, tokenRecall, tokensOf, wordsOf } from './ocrScore.js';

const PAGE_TEXTS = [
  ['Quarterly statement for account 5521.', 'Balance carried forward to April.'],
  ['Second page lists the settled invoices.', 'Thank you for your prompt payment.'],
];

async function knownTextPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of PAGE_TEXTS) {
    const page = doc.addPage([432, 144]);
    lines.forEach((text, i) => {
      page.drawText(text, { x: 36, y: 100 - i * 34, size: 14, font });
    });
  }
  return doc.save();
}

async function failure(run: Promise<unknown>): Promise<unknown> {
  try {
    await run;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** A rasteriser that hands out fixture images and records how it was used. */
function fakeRasterizer(pages: OcrInput[]) {
  const calls = { dpi: [] as number[], pages: [] as number[], closed: 0 };
  const rasterize: PdfRasterizer = async (_pdf, { dpi }) => {
    calls.dpi.push(dpi);
    return {
      pageCount: pages.length,
      page: async (index) => {
        calls.pages.push(index);
        const page = pages[index];
        if (!page) throw new Error(`no page ${index}`);
        return page;
      },
      close: async () => {
        calls.closed += 1;
      },
    };
  };
  return { rasterize, calls };
}

const pdfBytes = new TextEncoder().encode('%PDF-1.7\n');
const engines: TesseractOcr[] = [];
afterAll(() => Promise.all(engines.map((e) => e.destroy())));
const engine = (options: ConstructorParameters<typeof TesseractOcr>[0]) => {
  const e = new TesseractOcr(options);
  engines.push(e);
  return e;
};

describe('Class: TesseractOcr (PDF input)', () => {
  it('recognises every page a rasteriser renders, at 300 dpi by default, and closes it', async () => {
    const fake = fakeRasterizer([
      { bytes: readFixture('lines.png'), mediaType: 'image/png' },
      { bytes: readFixture('sideways.jpg'), mediaType: 'image/jpeg' },
    ]);
    const ocr = engine({ rasterizePdf: fake.rasterize });

    const result = await ocr.recognize({ bytes: pdfBytes, mediaType: 'application/pdf' });

    expect(result.pageCount).toBe(2);
    const drawn = readLayout('lines').flatMap((w) => tokensOf(w.text));
    for (const page of [1, 2]) {
      expect(
        tokenRecall(
          drawn,
          wordsOf(result.blocks, page).flatMap((w) => tokensOf(w.Text ?? '')),
        ),
      ).toBeGreaterThanOrEqual(0.9);
    }
    expect(fake.calls).toEqual({ dpi: [300], pages: [0, 1], closed: 1 });
  });

  it('closes the rasteriser when aborted between pages, and rejects pages that are not PNG or JPEG', async () => {
    const fake = fakeRasterizer([
      { bytes: readFixture('lines.png'), mediaType: 'image/png' },
      { bytes: readFixture('lines.png'), mediaType: 'image/png' },
    ]);
    const controller = new AbortController();
    const ocr = engine({ rasterizePdf: fake.rasterize, dpi: 150 });
    const aborted = await failure(
      ocr.recognize(
        { bytes: pdfBytes, mediaType: 'application/pdf' },
        { signal: controller.signal, onProgress: () => controller.abort(new Error('enough')) },
      ),
    );
    expect(aborted).toMatchObject({ message: 'enough' });
    expect(fake.calls).toEqual({ dpi: [150], pages: [0], closed: 1 });

    const tiff = fakeRasterizer([{ bytes: readFixture('pages.tif'), mediaType: 'image/tiff' }]);
    const error = await failure(
      engine({ rasterizePdf: tiff.rasterize }).recognize({ bytes: pdfBytes, mediaType: 'application/pdf' }),
    );
    expect(isValidationError(error) && error.field).toBe('options.rasterizePdf');
    expect(tiff.calls.closed).toBe(1);
  });

  it('reads a two-page PDF through pdftoppm, page by page', async () => {
    const ocr = engine({ rasterizePdf: pdftoppmRasterizer(), dpi: 150 });
    const pages: number[] = [];

    const result = await ocr.recognize(
      { bytes: await knownTextPdf(), mediaType: 'application/pdf' },
      { onProgress: ({ page }) => pages.push(page) },
    );

    expect(result.pageCount).toBe(2);
    expect(pages).toEqual([1, 2]);
    PAGE_TEXTS.forEach((lines, i) => {
      const recognised = wordsOf(result.blocks, i + 1).flatMap((w) => tokensOf(w.Text ?? ''));
      expect(tokenRecall(tokensOf(lines.join(' ')), recognised)).toBeGreaterThanOrEqual(0.9);
    });
  });

  it('rejects a damaged PDF, and says so when poppler is missing', async () => {
    const damaged = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
    const readError = await failure(
      engine({ rasterizePdf: pdftoppmRasterizer() }).recognize({ bytes: damaged, mediaType: 'application/pdf' }),
    );
    expect(isValidationError(readError) && readError.field).toBe('input.bytes');

    const missing = await failure(
      engine({ rasterizePdf: pdftoppmRasterizer({ popplerBinDir: '/nonexistent/bin' }) }).recognize({
        bytes: await knownTextPdf(),
        mediaType: 'application/pdf',
      }),
    );
    expect(isValidationError(missing) && missing.message).toMatch(/poppler/);
  });
});
