/**
 * Searchable PDFs from scans: an exact, invisible, selectable text layer, with the original pages untouched.
 *
 *   npx tsx examples/searchable-pdf.ts                         # offline: saved Textract JSON + embedded OCR
 *   AWS_ML_KIT_LIVE=1 npx tsx examples/searchable-pdf.ts [scan.(pdf|png|jpg|tif)]   # live Amazon Textract
 *
 * Offline it builds three PDFs in examples/out/ from one scan, the employment application as a PNG, so all
 * three share one page size (304 × 190 pt: 1267 × 793 px at the default 300 dpi):
 * - searchable-pdf.textract.pdf: the scan plus the Textract response saved for it (Textract's geometry is
 *   relative to the image, so it fits any page made from it);
 * - searchable-pdf.debug.pdf: the same with the OCR boxes (green), fitted words (blue) and baselines (red)
 *   drawn visibly, to check alignment by eye;
 * - searchable-pdf.tesseract.pdf: the scan recognised by the embedded offline engine (no AWS, no network).
 * Live, it sends the given file (default: the same scan wrapped in a PDF) to Textract and writes
 * searchable-pdf.live.pdf.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { TesseractOcr } from '../src/ocr/index.js';
import { SearchablePdfBuilder, type SearchablePdfResult } from '../src/searchable-pdf/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'examples/out');
mkdirSync(OUT, { recursive: true });

function report(name: string, result: SearchablePdfResult): void {
  writeFileSync(join(OUT, name), result.pdf);
  const dropped = Object.values(result.droppedWords).reduce((a, b) => a + b, 0);
  console.log(
    `${name}: ${result.pageCount} page(s), ${result.wordCount} words in the text layer, ${dropped} dropped, ` +
      `${(result.pdf.length / 1024).toFixed(0)} KB${result.ocrEngine ? `, OCR by ${result.ocrEngine}` : ''}`,
  );
}

// The same 1267 × 793 px image Textract saw (fixture 16's SampleInput.png); no pHYs, so 300 dpi applies.
const scanPng = readFileSync(join(ROOT, 'test/fixtures/ocr/employment-app.png'));
const savedTextract = JSON.parse(
  readFileSync(
    join(ROOT, 'test/fixtures/textract/16-employment-app-with-anchor-outputs/SampleInput_blocks.json'),
    'utf8',
  ),
);

// 1. Saved Textract output → the scan as a page with an invisible text layer (and the debug rendering).
const builder = new SearchablePdfBuilder();
report('searchable-pdf.textract.pdf', await builder.build(scanPng, { ocr: savedTextract }));
report('searchable-pdf.debug.pdf', await builder.build(scanPng, { ocr: savedTextract, debug: true }));

// 2. The embedded engine: no saved OCR, no AWS account.
const tesseract = new TesseractOcr();
try {
  const offline = new SearchablePdfBuilder({ ocrEngine: tesseract });
  report(
    'searchable-pdf.tesseract.pdf',
    await offline.build(scanPng, {
      onProgress: ({ stage, page, pageCount }) => console.log(`  ${stage} ${page}/${pageCount}`),
    }),
  );
} finally {
  await tesseract.destroy();
}

// 3. Live: Amazon Textract on a file of your choice (multi-page PDFs need an S3 bucket; see docs).
if (process.env.AWS_ML_KIT_LIVE === '1') {
  const { TextractOcr } = await import('../src/textract/aws/TextractOcr.js');
  const path =
    process.argv[2] ?? join(ROOT, 'test/fixtures/searchable-pdf/16-employment-app-with-anchor-outputs/SampleInput.pdf');
  const textract = new TextractOcr();
  try {
    const live = new SearchablePdfBuilder({ ocrEngine: textract });
    console.log(`live: Textract on ${extname(path)} input`);
    report('searchable-pdf.live.pdf', await live.build(new Uint8Array(readFileSync(path))));
  } finally {
    textract.destroy();
  }
}
