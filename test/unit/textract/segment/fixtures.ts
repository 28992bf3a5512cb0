import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextractResponseLike } from '../../../../src/textract/model/TextractBlockLike.js';

/** Root of the Textract fixtures (see test/fixtures/textract/PROVENANCE.md). */
export const FIXTURES = join(import.meta.dirname, '../../../fixtures/textract');

/** Reads one fixture response by its path under test/fixtures/textract. */
export function loadFixture(path: string): TextractResponseLike {
  return JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as TextractResponseLike;
}

/** The hand annotations for 01 and 02. */
export function loadAnnotations(): {
  documents: { json: string; paragraphs: { role: string; lines: number[] }[] }[];
} {
  return JSON.parse(readFileSync(join(FIXTURES, 'annotations/paragraphs-gt.json'), 'utf8'));
}

/** Fixtures scored against hand annotations. */
export const ANNOTATED = ['01-multicol/test-multicol-response.json', '02-multicol-2/test-multicol-response-2.json'];

/** Fixtures scored against Textract LAYOUT (those of the brief that carry LAYOUT blocks). */
export const LAYOUT_FIXTURES = [
  '04-financial-document-layout/financial-document-response.json',
  '05-paystub-layout/paystub-response.json',
  '07-sample-invoice-layout/test_detect_no_duplicate_words_sample-invoice.pdf.json',
  '09-single-page-detect-and-layout/test_detect_no_duplicate_words_single-page-1.png.json',
  '10-receipt-layout/test_detect_no_duplicate_words_receipt.jpg.json',
  '15-amzn-q2-dense-table/test_detect_no_duplicate_words_amzn_q2.png.json',
];

/** Multi-page fixtures without LAYOUT blocks (13, 19): scored on structure only. */
export const MULTIPAGE_FIXTURES = [
  '13-multipage-async/test_textractor_analyze_document_multipage_pdf.json',
  '19-multipage-3p-json-only/gib_multi_page_table_merge.json',
];

/** Short label of a fixture path. */
export function label(path: string): string {
  return path.slice(0, path.indexOf('/'));
}
