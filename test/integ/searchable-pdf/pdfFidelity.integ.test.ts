import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { degrees, PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchablePdfBuilder } from '../../../src/searchable-pdf/index.js';
import { blocksOf, pdfJsPageTexts, popplerText, scorePage } from '../../helpers/text-layer-scorer.js';
import { SCORED_FIXTURES, SOURCES, sourceBytes, textractJson } from './fixtures.js';

let dir: string;
const builder = new SearchablePdfBuilder();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'amk-spdf-fidelity-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function fixture(name: string) {
  const found = SCORED_FIXTURES.find((f) => f.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
}

async function buildFixture(name: string, debug = false): Promise<{ input: string; output: string }> {
  const f = fixture(name);
  const bytes = await sourceBytes(f);
  const { pdf } = await builder.build(bytes, { ocr: textractJson(f) as never, debug });
  const input = join(dir, `${name}-in.pdf`);
  const output = join(dir, `${name}${debug ? '-debug' : ''}-out.pdf`);
  writeFileSync(input, bytes);
  writeFileSync(output, pdf);
  return { input, output };
}

/** Renders every page and returns the raw PPM bytes per page. */
function render(pdfPath: string, args: readonly string[]): Buffer[] {
  const prefix = join(dir, `r${Math.random().toString(36).slice(2)}`);
  execFileSync('pdftoppm', [...args, pdfPath, prefix], { timeout: 60_000 });
  const base = prefix.slice(dir.length + 1);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`))
    .sort()
    .map((f) => readFileSync(join(dir, f)));
}

function qpdfCheck(pdfPath: string): string {
  return execFileSync('qpdf', ['--check', pdfPath], { encoding: 'utf8', timeout: 60_000 });
}

describe('SearchablePdfBuilder output fidelity (poppler, qpdf)', () => {
  it.each(['07', '08', '13', '16'])('renders fixture %s pixel-identically at 150 dpi', async (name) => {
    const { input, output } = await buildFixture(name);
    const before = render(input, ['-r', '150']);
    const after = render(output, ['-r', '150']);
    expect(after.length).toBe(before.length);
    after.forEach((page, i) => {
      expect(page.equals(before[i] as Buffer), `page ${i + 1}`).toBe(true);
    });
  });

  it('renders fixture 14 (CTM-rotated JPEG, mixed page sizes) pixel-identically', async () => {
    const { input, output } = await buildFixture('14');
    // Page 1 is 3024 × 4032 pt; scale to 1600 px so the test stays light.
    const before = render(input, ['-scale-to', '1600']);
    const after = render(output, ['-scale-to', '1600']);
    expect(after.length).toBe(2);
    after.forEach((page, i) => {
      expect(page.equals(before[i] as Buffer), `page ${i + 1}`).toBe(true);
    });
  });

  it('draws visible boxes and baselines in debug mode', async () => {
    const { input, output } = await buildFixture('16', true);
    const before = render(input, ['-r', '50']);
    const after = render(output, ['-r', '50']);
    expect(after[0]?.equals(before[0] as Buffer)).toBe(false);
  });

  it.each(SCORED_FIXTURES.map((f) => f.name))('passes qpdf --check (fixture %s)', async (name) => {
    const { output } = await buildFixture(name);
    expect(qpdfCheck(output)).toContain('No syntax or stream encoding errors found');
  });

  it('keeps fixture 14 within input size + 5% (the text layer included)', async () => {
    const { input, output } = await buildFixture('14');
    const inBytes = readFileSync(input).length;
    const outBytes = readFileSync(output).length;
    console.log(`fixture 14: input ${inBytes} B, output ${outBytes} B (+${outBytes - inBytes} B)`);
    expect(outBytes).toBeLessThanOrEqual(inBytes * 1.05);
  });

  it('embeds JPEG input byte-for-byte (pdfimages -j gives back the input file)', async () => {
    const jpeg = readFileSync(join(SOURCES, '05-paystub-layout/paystub.jpg'));
    const { pdf } = await builder.build(new Uint8Array(jpeg), { ocr: textractJson(fixture('05')) as never });
    const path = join(dir, 'jpeg.pdf');
    writeFileSync(path, pdf);
    execFileSync('pdfimages', ['-j', path, join(dir, 'jpeg-img')], { timeout: 60_000 });
    expect(readFileSync(join(dir, 'jpeg-img-000.jpg')).equals(jpeg)).toBe(true);
  });

  it('embeds PNG input losslessly at its own pixel size', async () => {
    const png = readFileSync(join(SOURCES, '01-multicol/multicol-test-document.png'));
    const { pdf } = await builder.build(new Uint8Array(png), { ocr: textractJson(fixture('01')) as never });
    const path = join(dir, 'png.pdf');
    writeFileSync(path, pdf);
    const list = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8', timeout: 60_000 });
    const row = list.split('\n')[2]?.trim().split(/\s+/) ?? [];
    expect(row.slice(3, 5)).toEqual(['421', '356']); // width, height
    expect(row[8]).toBe('image'); // not jpeg: Flate, lossless
    expect(list).not.toContain(' jpeg ');
  });

  it('respects /Rotate and a non-zero MediaBox origin', async () => {
    const png = readFileSync(join(SOURCES, '01-multicol/multicol-test-document.png'));
    const json = textractJson(fixture('01')) as { Blocks: Record<string, unknown>[] };
    for (const rotate of [0, 90, 180, 270]) {
      const doc = await PDFDocument.create({ updateMetadata: false });
      const image = await doc.embedPng(png);
      const page = doc.addPage([421 + 100, 356 + 200]);
      page.setMediaBox(100, 200, 421, 356);
      page.drawImage(image, { x: 100, y: 200, width: 421, height: 356 });
      page.setRotation(degrees(rotate));
      const input = await doc.save();
      const rotated = rotateTextract(json, rotate);
      const { pdf } = await builder.build(input, { ocr: rotated as never });
      const path = join(dir, `rot${rotate}.pdf`);
      writeFileSync(path, pdf);
      const score = scorePage(path, blocksOf(rotated), 1);
      expect(score.lineIouMedian, `rotate ${rotate}`).toBeGreaterThanOrEqual(0.95);
      // The content turns with the page, so on 90/270 the text runs vertically: its along-text fit is v-IoU.
      const alongText = rotate % 180 === 0 ? score.hIouMedian : score.vIouMedian;
      expect(alongText, `rotate ${rotate}`).toBeGreaterThanOrEqual(0.95);
      expect(score.recallDefault, `rotate ${rotate}`).toBe(1);
    }
  });

  it('round-trips any Unicode through pdftotext and pdf.js (MICR, €, ligatures, combining marks, CJK, emoji)', async () => {
    const words = ['€42', '–', 'ﬁnance', '⑆123⑆', '⑈', 'Cafe\u0301', 'q\u0303', '中文', '😀', '👍🏽', 'Ω≈'];
    const blocks = syntheticPage(words);
    const { pdf } = await builder.build(await sourceBytes(fixture('18')), { ocr: { Blocks: blocks } });
    const path = join(dir, 'unicode.pdf');
    writeFileSync(path, pdf);
    const poppler = popplerText(path, 1).normalize('NFC');
    const pdfjs = ((await pdfJsPageTexts(pdf))[0] ?? '').normalize('NFC');
    for (const word of words) {
      const expected = word.normalize('NFC');
      // Both extractors expand ligatures (ﬁ → fi) on output; either form is the same text to a reader.
      expect(
        [expected, expected.normalize('NFKC')].some((form) => poppler.includes(form)),
        `poppler ${word}`,
      ).toBe(true);
      expect(
        [expected, expected.normalize('NFKC')].some((form) => pdfjs.includes(form)),
        `pdf.js ${word}`,
      ).toBe(true);
    }
  });
});

/** Textract JSON as it would read the page displayed with `/Rotate rotate` (clockwise). */
function rotateTextract(json: { Blocks: Record<string, unknown>[] }, rotate: number): { Blocks: unknown[] } {
  const turn = (x: number, y: number): [number, number] => {
    switch (rotate) {
      case 90:
        return [1 - y, x];
      case 180:
        return [1 - x, 1 - y];
      case 270:
        return [y, 1 - x];
      default:
        return [x, y];
    }
  };
  return {
    Blocks: json.Blocks.map((block) => {
      const geometry = block.Geometry as
        | {
            BoundingBox: { Left: number; Top: number; Width: number; Height: number };
            Polygon: { X: number; Y: number }[];
          }
        | undefined;
      if (!geometry) return block;
      const polygon = geometry.Polygon.map((p) => {
        const [X, Y] = turn(p.X, p.Y);
        return { X, Y };
      });
      const b = geometry.BoundingBox;
      const corners = [turn(b.Left, b.Top), turn(b.Left + b.Width, b.Top + b.Height)];
      const left = Math.min(corners[0]![0], corners[1]![0]);
      const top = Math.min(corners[0]![1], corners[1]![1]);
      return {
        ...block,
        Geometry: {
          BoundingBox: {
            Left: left,
            Top: top,
            Width: Math.abs(corners[0]![0] - corners[1]![0]),
            Height: Math.abs(corners[0]![1] - corners[1]![1]),
          },
          Polygon: polygon,
        },
      };
    }),
  };
}

/** One PAGE with one LINE per word, stacked down a Letter page. */
function syntheticPage(words: readonly string[]): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  const lineIds: string[] = [];
  words.forEach((text, i) => {
    const top = 0.05 + i * 0.06;
    const geometry = {
      BoundingBox: { Left: 0.1, Top: top, Width: 0.3, Height: 0.03 },
      Polygon: [
        { X: 0.1, Y: top },
        { X: 0.4, Y: top },
        { X: 0.4, Y: top + 0.03 },
        { X: 0.1, Y: top + 0.03 },
      ],
    };
    blocks.push({ BlockType: 'WORD', Id: `w${i}`, Text: text, Page: 1, Geometry: geometry });
    blocks.push({
      BlockType: 'LINE',
      Id: `l${i}`,
      Text: text,
      Page: 1,
      Geometry: geometry,
      Relationships: [{ Type: 'CHILD', Ids: [`w${i}`] }],
    });
    lineIds.push(`l${i}`);
  });
  blocks.unshift({
    BlockType: 'PAGE',
    Id: 'p1',
    Page: 1,
    Geometry: {
      BoundingBox: { Left: 0, Top: 0, Width: 1, Height: 1 },
      Polygon: [
        { X: 0, Y: 0 },
        { X: 1, Y: 0 },
        { X: 1, Y: 1 },
        { X: 0, Y: 1 },
      ],
    },
    Relationships: [{ Type: 'CHILD', Ids: lineIds }],
  });
  return blocks;
}
