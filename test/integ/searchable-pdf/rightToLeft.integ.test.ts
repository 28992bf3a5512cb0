/**
 * Right-to-left OCR text round-trips through the text layer (issue 13): Arabic and Hebrew words come back in
 * logical order from poppler's `pdftotext` and from pdf.js, so a search for the OCR's word finds it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchablePdfBuilder } from '../../../src/searchable-pdf/index.js';
import { pdfJsPageTexts, popplerText } from '../../helpers/text-layer-scorer.js';
import { greyPng, syntheticTextract } from '../../unit/searchable-pdf/helpers.js';

/** Lines as OCR reports them: words in logical (reading) order, the first word rightmost. */
const LINES = [
  'مرحبا بالعالم',
  'مَرْحَبًا بِالعَالَم',
  'שלום עולם',
  'שָׁלוֹם לְכֻלָּם',
  '(שלום) עולם!',
  'عام 2024 م',
  'السعر 1,000.50 دينار',
];

/** Bidi controls poppler wraps RTL runs in (RLE, LRE, PDF, isolates, marks): not part of any word. */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function rightToLeftWords(text: string, top: number) {
  let right = 0.9;
  return text.split(' ').map((word) => {
    const width = 0.018 * [...word].length;
    right -= width;
    const spec = { text: word, left: right, top, width, height: 0.03 };
    right -= 0.015;
    return spec;
  });
}

let dir: string;
let pdfPath: string;
let pdf: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amk-spdf-rtl-'));
  const ocr = syntheticTextract([LINES.map((line, i) => rightToLeftWords(line, 0.08 + i * 0.08))]);
  ({ pdf } = await new SearchablePdfBuilder().build(greyPng(1000, 1000), { ocr }));
  pdfPath = join(dir, 'rtl.pdf');
  writeFileSync(pdfPath, pdf);
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const clean = (text: string): string => text.replace(BIDI_CONTROLS, '').normalize('NFC');
const tokens = (text: string): string[] => clean(text).split(/\s+/).filter(Boolean);
const words = LINES.flatMap((line) => line.normalize('NFC').split(' '));

describe('right-to-left text layer', () => {
  it('reads every Arabic and Hebrew line in logical order with pdftotext (layout mode)', () => {
    const text = popplerText(pdfPath, 1);
    const lines = clean(text)
      .split('\n')
      .map((l) => l.trim().split(/\s+/).join(' '));
    // Known poppler quirk (its reorderText): a number inside an RTL line takes the space on its left along, so
    // `عام 2024 م` reads `عام 2024م`. Lines with digits are checked word by word for their RTL words only.
    for (const line of LINES.filter((l) => !/\d/.test(l))) expect(lines, line).toContain(line.normalize('NFC'));
    const got = tokens(text);
    for (const word of words.filter((w) => !/\d/.test(w))) {
      expect(
        got.some((t) => t.includes(word)),
        word,
      ).toBe(true);
    }
  });

  it('reads every word in logical order with pdftotext -raw (words in drawing order)', () => {
    // -raw keeps neutral punctuation at the edge of an RTL word in drawing order (`!עולם`): compare letters.
    const letters = (t: string): string => t.replace(/[\p{P}]/gu, '');
    const got = tokens(popplerText(pdfPath, 1, true)).map(letters);
    for (const word of words) expect(got, word).toContain(letters(word));
  });

  it('reads every word in logical order with pdf.js, and whole lines of RTL words', async () => {
    const [text = ''] = await pdfJsPageTexts(pdf);
    const got = tokens(text);
    for (const word of words) expect(got, word).toContain(word);
    const lines = clean(text).split('\n');
    for (const line of LINES.filter((l) => !/\d/.test(l))) expect(lines, line).toContain(line.normalize('NFC'));
  });
});
