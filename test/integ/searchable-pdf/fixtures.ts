/** The scored fixtures: source documents (copied under test/fixtures/searchable-pdf) and their Textract JSON. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';

export const SOURCES = join(import.meta.dirname, '../../fixtures/searchable-pdf');
export const TEXTRACT = join(import.meta.dirname, '../../fixtures/textract');

export interface ScoredFixture {
  readonly name: string;
  /** Source document under SOURCES, or the number of blank Letter pages to render the OCR onto. */
  readonly source: string | { blankPages: number };
  readonly json: string;
  /** Skewed (±10°) pages: geometry targets do not apply, only token recall (see docs/searchable-pdf.md). */
  readonly skewed?: boolean;
}

export const SCORED_FIXTURES: readonly ScoredFixture[] = [
  { name: '01', source: '01-multicol/multicol-test-document.png', json: '01-multicol/test-multicol-response.json' },
  {
    name: '02',
    source: '02-multicol-2/multicol-test-document-2.png',
    json: '02-multicol-2/test-multicol-response-2.json',
  },
  {
    name: '04',
    source: '04-financial-document-layout/financial-document.png',
    json: '04-financial-document-layout/financial-document-response.json',
  },
  { name: '05', source: '05-paystub-layout/paystub.jpg', json: '05-paystub-layout/paystub-response.json' },
  {
    name: '07',
    source: '07-sample-invoice-layout/sample-invoice.pdf',
    json: '07-sample-invoice-layout/test_detect_no_duplicate_words_sample-invoice.pdf.json',
  },
  {
    name: '08',
    source: '08-reading-order/reading_order.pdf',
    json: '08-reading-order/test_detect_no_duplicate_words_reading_order.pdf.json',
  },
  {
    name: '09',
    source: '09-single-page-detect-and-layout/single-page-1.png',
    json: '09-single-page-detect-and-layout/test_detect_document_text.json',
  },
  {
    name: '10',
    source: '10-receipt-layout/receipt.jpg',
    json: '10-receipt-layout/test_detect_no_duplicate_words_receipt.jpg.json',
  },
  {
    name: '13',
    source: '13-multipage-async/textractor-multipage-doc.pdf',
    json: '13-multipage-async/test_textractor_start_document_text_detection_multipage_pdf_s3.json',
  },
  {
    name: '14',
    source: '14-multipage-rotated-image-mixed-sizes/multi_page_example_file.pdf',
    json: '14-multipage-rotated-image-mixed-sizes/multi_page_example_file.json',
  },
  {
    name: '15',
    source: '15-amzn-q2-dense-table/amzn_q2.png',
    json: '15-amzn-q2-dense-table/test_detect_no_duplicate_words_amzn_q2.png.json',
  },
  {
    name: '16',
    source: '16-employment-app-with-anchor-outputs/SampleInput.pdf',
    json: '16-employment-app-with-anchor-outputs/SampleInput_blocks.json',
  },
  { name: '17-180-doc', source: { blankPages: 1 }, json: '17-rotated-json-only/180-degree-roation.json' },
  { name: '17-90', source: { blankPages: 1 }, json: '17-rotated-json-only/gib__90_degrees.json' },
  { name: '17-180', source: { blankPages: 1 }, json: '17-rotated-json-only/gib__180_degrees.json' },
  { name: '17-270', source: { blankPages: 1 }, json: '17-rotated-json-only/gib__270_degrees.json' },
  { name: '17+10', source: { blankPages: 1 }, json: '17-rotated-json-only/gib__10_degrees.json', skewed: true },
  {
    name: '17-10',
    source: { blankPages: 1 },
    json: '17-rotated-json-only/gib__minus_10_degrees.json',
    skewed: true,
  },
  { name: '18', source: { blankPages: 1 }, json: '18-prose-json-only/little_women_page_1.json' },
  { name: '19', source: { blankPages: 3 }, json: '19-multipage-3p-json-only/gib_multi_page_table_merge.json' },
];

/** A PDF of blank US Letter pages (612 × 792 pt). */
export async function blankPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < pages; i++) doc.addPage([612, 792]);
  return doc.save();
}

/** The source bytes of a fixture (a blank PDF for OCR-only fixtures). */
export async function sourceBytes(fixture: ScoredFixture): Promise<Uint8Array> {
  return typeof fixture.source === 'string'
    ? new Uint8Array(readFileSync(join(SOURCES, fixture.source)))
    : blankPdf(fixture.source.blankPages);
}

/** The parsed Textract JSON of a fixture. */
export function textractJson(fixture: ScoredFixture): unknown {
  return JSON.parse(readFileSync(join(TEXTRACT, fixture.json), 'utf8'));
}
