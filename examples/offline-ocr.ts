/**
 * Offline OCR with the embedded engine: no AWS account, no network, no model download.
 *
 *   npx tsx examples/offline-ocr.ts [image.(png|jpg|tif)]
 *
 * Recognises a bundled scan (an employment application form, 1267 × 793 px) with `TesseractOcr`, prints the
 * line count, the mean confidence and the geometry of the first lines, and writes the Textract-shaped blocks
 * to examples/out/offline-ocr.json — the same shape `TextractOcr` returns, so any downstream code (e.g.
 * `SearchablePdfBuilder`) takes either.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { type OcrMediaType, TesseractOcr } from '../src/ocr/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const MEDIA_TYPES: Record<string, OcrMediaType> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

const path = process.argv[2] ?? join(ROOT, 'test/fixtures/ocr/employment-app.png');
const mediaType = MEDIA_TYPES[extname(path).toLowerCase()];
if (mediaType === undefined) throw new Error(`unsupported file type: ${path} (use PNG, JPEG or TIFF)`);

const ocr = new TesseractOcr();
try {
  const started = performance.now();
  const result = await ocr.recognize(
    { bytes: readFileSync(path), mediaType },
    { onProgress: ({ page, pageCount }) => console.log(`page ${page}/${pageCount} recognised`) },
  );
  const seconds = (performance.now() - started) / 1000;

  const lines = result.blocks.filter((block) => block.BlockType === 'LINE');
  const meanConfidence = lines.reduce((sum, line) => sum + (line.Confidence ?? 0), 0) / Math.max(1, lines.length);
  console.log(
    `${result.pageCount} page(s), ${lines.length} lines in ${seconds.toFixed(1)} s (first call includes engine start)`,
  );
  console.log(`mean line confidence: ${meanConfidence.toFixed(1)}`);
  for (const warning of result.warnings) console.log(`warning: ${warning}`);
  console.log('first lines (Left, Top, Width, Height as fractions of the page):');
  for (const line of lines.slice(0, 5)) {
    const box = line.Geometry?.BoundingBox;
    const at = [box?.Left, box?.Top, box?.Width, box?.Height].map((v) => (v ?? 0).toFixed(3)).join(', ');
    console.log(`  [${at}]  ${line.Text}`);
  }

  const out = join(ROOT, 'examples/out');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'offline-ocr.json'),
    `${JSON.stringify({ Blocks: result.blocks, engine: result.engine }, null, 1)}\n`,
  );
  console.log('wrote examples/out/offline-ocr.json (Textract-shaped: { Blocks })');
} finally {
  await ocr.destroy();
}
