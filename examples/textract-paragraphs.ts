/**
 * Turn Amazon Textract output into headings, paragraphs, lists, tables and page furniture, in reading order,
 * with `ParagraphSegmenter` — the same document three ways: Textract LAYOUT, the heuristics alone, and one of
 * the four single cues of the original design (line spacing).
 *
 *   npx tsx examples/textract-paragraphs.ts                 # offline: a saved AnalyzeDocument response
 *   AWS_ML_KIT_LIVE=1 npx tsx examples/textract-paragraphs.ts scan.png   # live: AnalyzeDocument with LAYOUT
 *
 * Writes examples/out/textract-paragraphs.{json,md} (LAYOUT) and .txt (the heuristics, to compare) and prints a
 * short summary with the first few break decisions `explain()` reports.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadTextractDocument, ParagraphSegmenter, type TextractDocument } from '../src/textract/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'examples/out');
mkdirSync(OUT, { recursive: true });

async function loadDocument(): Promise<{ document: TextractDocument; source: string }> {
  if (process.env.AWS_ML_KIT_LIVE !== '1') {
    const path = 'test/fixtures/textract/04-financial-document-layout/financial-document-response.json';
    return { document: loadTextractDocument(readFileSync(join(ROOT, path), 'utf8')), source: path };
  }
  const file = process.argv[2];
  if (!file)
    throw new Error(
      'live mode needs an image or single-page PDF path: npx tsx examples/textract-paragraphs.ts scan.png',
    );
  const { TextractOcr, toTextractDocument } = await import('../src/textract/index.js');
  const ocr = new TextractOcr();
  try {
    const result = await ocr.analyzeDocument(readFileSync(file), { featureTypes: ['LAYOUT', 'TABLES'] });
    console.log(`AnalyzeDocument request ids: ${result.requestIds.join(', ')}`);
    return { document: toTextractDocument(result), source: file };
  } finally {
    ocr.destroy();
  }
}

const { document, source } = await loadDocument();
const byLayout = new ParagraphSegmenter({ mode: 'layout' });
const segments = byLayout.segment(document);
const heuristic = new ParagraphSegmenter({ useLayout: 'ignore' }).segment(document);
const spacingOnly = new ParagraphSegmenter({ mode: 'lineSpacing' }).segment(document);

writeFileSync(join(OUT, 'textract-paragraphs.json'), `${JSON.stringify(byLayout.toJSON(segments), null, 2)}\n`);
writeFileSync(join(OUT, 'textract-paragraphs.md'), byLayout.toMarkdown(segments));
// The heuristic result as plain text, to compare with the LAYOUT Markdown.
writeFileSync(join(OUT, 'textract-paragraphs.txt'), byLayout.toText(heuristic));

const count = (list: typeof segments) => {
  const roles = new Map<string, number>();
  for (const s of list) roles.set(s.role, (roles.get(s.role) ?? 0) + 1);
  return [...roles].map(([role, n]) => `${role} ${n}`).join(', ');
};
console.log(`source: ${source} (${document.pageCount} page(s))`);
console.log(`LAYOUT:       ${segments.length} segments — ${count(segments)}`);
console.log(`heuristics:   ${heuristic.length} segments — ${count(heuristic)}`);
console.log(`line spacing: ${spacingOnly.length} segments — ${count(spacingOnly)}`);

// Why did the heuristics break where they did? The first few decisions, with their feature values.
for (const b of new ParagraphSegmenter({ useLayout: 'ignore' })
  .explain(document)
  .filter((e) => e.isBreak)
  .slice(0, 5)) {
  console.log(
    `break (${b.reason}): gap ${b.gapRatio} line heights (typical ${b.typicalGapRatio}), height ×${b.heightRatio}`,
  );
}
console.log(`wrote ${join('examples/out', 'textract-paragraphs.{json,md,txt}')}`);
