/**
 * Searchable PDFs from scans: an exact, invisible, selectable text layer, with the original pages untouched.
 *
 *   npx tsx examples/searchable-pdf.ts                         # offline: saved Textract JSON + embedded OCR
 *   AWS_ML_KIT_LIVE=1 npx tsx examples/searchable-pdf.ts [scan.(pdf|png|jpg|tif)]   # live Amazon Textract
 *
 * Offline it builds three PDFs in examples/out/:
 * - searchable-pdf.textract.pdf: the employment application scan (a PDF holding one image) plus the Textract
 *   response saved for it: the text layer is grafted on, the page itself is not touched;
 * - searchable-pdf.debug.pdf: the same with the OCR boxes (green), fitted words (blue) and baselines (red)
 *   drawn visibly, to check alignment by eye;
 * - searchable-pdf.tesseract.pdf: a PNG scan recognised by the embedded offline engine (no AWS, no network).
 * Live, it sends the given file (default: the same scan as a PNG) to Textract and writes searchable-pdf.live.pdf.
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

const scanPdf = readFileSync(
  join(ROOT, 'test/fixtures/searchable-pdf/16-employment-app-with-anchor-outputs/SampleInput.pdf'),
);
const savedTextract = JSON.parse(
  readFileSync(
    join(ROOT, 'test/fixtures/textract/16-employment-app-with-anchor-outputs/SampleInput_blocks.json'),
    'utf8',
  ),
);

// 1. Saved Textract output → text layer grafted onto the existing PDF page.
const builder = new SearchablePdfBuilder();
report('searchable-pdf.textract.pdf', await builder.build(scanPdf, { ocr: savedTextract }));
report('searchable-pdf.debug.pdf', await builder.build(scanPdf, { ocr: savedTextract, debug: true }));

// 2. The embedded engine: no saved OCR, no AWS account.
const tesseract = new TesseractOcr();
try {
  const scanPng = readFileSync(join(ROOT, 'test/fixtures/ocr/employment-app.png'));
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
