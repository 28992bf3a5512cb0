// Large Textract responses for the benches, built by cycling through ten fixture pages with every id made unique.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextractBlockLike, TextractResponseLike } from '../../src/textract/model/TextractBlockLike.js';

/** The Textract fixtures folder. */
export const TEXTRACT_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/textract');

/** The fixture pages a large response cycles through (paths under {@link TEXTRACT_FIXTURES}). */
export const BENCH_PAGE_SOURCES = [
  '01-multicol/test-multicol-response.json',
  '02-multicol-2/test-multicol-response-2.json',
  '04-financial-document-layout/financial-document-response.json',
  '05-paystub-layout/paystub-response.json',
  '07-sample-invoice-layout/test_detect_no_duplicate_words_sample-invoice.pdf.json',
  '09-single-page-detect-and-layout/test_detect_no_duplicate_words_single-page-1.png.json',
  '10-receipt-layout/test_detect_no_duplicate_words_receipt.jpg.json',
  '15-amzn-q2-dense-table/test_detect_no_duplicate_words_amzn_q2.png.json',
  '17-rotated-json-only/180-degree-roation.json',
  '18-prose-json-only/little_women_page_1.json',
];

let sourcePages: TextractBlockLike[][] | undefined;

/** A merged async-style response of `pages` pages, cycling through the fixtures, every id made unique. */
export function buildLargeTextractResponse(pages: number): TextractResponseLike {
  sourcePages ??= BENCH_PAGE_SOURCES.map(
    (path) =>
      (JSON.parse(readFileSync(join(TEXTRACT_FIXTURES, path), 'utf8')) as TextractResponseLike)
        .Blocks as TextractBlockLike[],
  );
  const blocks: TextractBlockLike[] = [];
  for (let page = 1; page <= pages; page++) {
    const suffix = `-p${page}`;
    for (const block of sourcePages[(page - 1) % sourcePages.length]!) {
      blocks.push({
        ...block,
        Id: `${block.Id}${suffix}`,
        Page: page,
        ...(block.Relationships
          ? { Relationships: block.Relationships.map((r) => ({ ...r, Ids: r.Ids?.map((id) => `${id}${suffix}`) })) }
          : {}),
      });
    }
  }
  return { DocumentMetadata: { Pages: pages }, JobStatus: 'SUCCEEDED', Blocks: blocks };
}
