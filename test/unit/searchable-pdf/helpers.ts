/** Shared inputs for the searchable-pdf unit tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { TextractBlockLike } from '../../../src/textract/model/TextractBlockLike.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

export function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, 'searchable-pdf', path)));
}

export function textractFixture(path: string): { Blocks: Record<string, unknown>[] } {
  return JSON.parse(readFileSync(join(FIXTURES, 'textract', path), 'utf8'));
}

export const PDF_16 = '16-employment-app-with-anchor-outputs/SampleInput.pdf';
export const JSON_16 = '16-employment-app-with-anchor-outputs/SampleInput_blocks.json';
export const PDF_13 = '13-multipage-async/textractor-multipage-doc.pdf';
export const JSON_13 = '13-multipage-async/test_textractor_start_document_text_detection_multipage_pdf_s3.json';
export const JPEG_05 = '05-paystub-layout/paystub.jpg';
export const JSON_05 = '05-paystub-layout/paystub-response.json';
export const PNG_01 = '01-multicol/multicol-test-document.png';
export const JSON_01 = '01-multicol/test-multicol-response.json';

interface WordSpec {
  readonly text: string;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

function geometry(w: { left: number; top: number; width: number; height: number }) {
  return {
    BoundingBox: { Left: w.left, Top: w.top, Width: w.width, Height: w.height },
    Polygon: [
      { X: w.left, Y: w.top },
      { X: w.left + w.width, Y: w.top },
      { X: w.left + w.width, Y: w.top + w.height },
      { X: w.left, Y: w.top + w.height },
    ],
  };
}

/** A Textract response with one LINE per entry of `lines` on each page (pages counted from 1). */
export function syntheticTextract(pages: readonly (readonly (readonly WordSpec[])[])[]): {
  Blocks: TextractBlockLike[];
} {
  const blocks: TextractBlockLike[] = [];
  pages.forEach((lines, p) => {
    const page = p + 1;
    const lineIds: string[] = [];
    lines.forEach((words, l) => {
      const id = `p${page}l${l}`;
      lineIds.push(id);
      const ids = words.map((_w, i) => `${id}w${i}`);
      const left = Math.min(...words.map((w) => w.left));
      const top = Math.min(...words.map((w) => w.top));
      const right = Math.max(...words.map((w) => w.left + w.width));
      const bottom = Math.max(...words.map((w) => w.top + w.height));
      blocks.push({
        BlockType: 'LINE',
        Id: id,
        Page: page,
        Text: words.map((w) => w.text).join(' '),
        Geometry: geometry({ left, top, width: right - left, height: bottom - top }),
        Relationships: [{ Type: 'CHILD', Ids: ids }],
      });
      words.forEach((w, i) => {
        blocks.push({ BlockType: 'WORD', Id: ids[i], Page: page, Text: w.text, Geometry: geometry(w) });
      });
    });
    blocks.push({
      BlockType: 'PAGE',
      Id: `p${page}`,
      Page: page,
      Geometry: geometry({ left: 0, top: 0, width: 1, height: 1 }),
      Relationships: [{ Type: 'CHILD', Ids: lineIds }],
    });
  });
  return { Blocks: blocks };
}

/** A simple line of words laid out left to right. */
export function wordsOf(text: string, top = 0.1, left = 0.1): WordSpec[] {
  let x = left;
  return text.split(' ').map((word) => {
    const spec = { text: word, left: x, top, width: 0.02 * word.length, height: 0.03 };
    x += spec.width + 0.015;
    return spec;
  });
}

/** An uncompressed multi-page 8-bit greyscale TIFF (little-endian), each page a flat grey level. */
export function greyTiff(pages: readonly { width: number; height: number; grey: number; dpi?: number }[]): Uint8Array {
  const chunks: number[] = [0x49, 0x49, 42, 0, 0, 0, 0, 0];
  const u16 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff];
  const u32 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
  let previousNextPointer = 4;
  for (const page of pages) {
    const pixelsAt = chunks.length;
    for (let i = 0; i < page.width * page.height; i++) chunks.push(page.grey);
    if (chunks.length % 2) chunks.push(0);
    const rationalAt = chunks.length;
    chunks.push(...u32(page.dpi ?? 300), ...u32(1));
    const ifdAt = chunks.length;
    chunks.splice(previousNextPointer, 4, ...u32(ifdAt));
    const entries: [number, number, number, number][] = [
      [256, 3, 1, page.width],
      [257, 3, 1, page.height],
      [258, 3, 1, 8],
      [259, 3, 1, 1],
      [262, 3, 1, 1],
      [273, 4, 1, pixelsAt],
      [277, 3, 1, 1],
      [278, 3, 1, page.height],
      [279, 4, 1, page.width * page.height],
      [282, 5, 1, rationalAt],
      [283, 5, 1, rationalAt],
      [296, 3, 1, 2],
    ];
    chunks.push(...u16(entries.length));
    for (const [tag, type, count, value] of entries) {
      chunks.push(...u16(tag), ...u16(type), ...u32(count), ...(type === 3 ? [...u16(value), 0, 0] : u32(value)));
    }
    previousNextPointer = chunks.length;
    chunks.push(0, 0, 0, 0);
  }
  return Uint8Array.from(chunks);
}

/** A valid 8-bit greyscale PNG of flat grey, with a `pHYs` chunk when `dpi` is given (pixels per metre). */
export function greyPng(width: number, height: number, dpi?: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc((width + 1) * height, 200);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter byte: none
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (dpi !== undefined) {
    const phys = Buffer.alloc(9);
    const perMetre = Math.round(dpi / 0.0254);
    phys.writeUInt32BE(perMetre, 0);
    phys.writeUInt32BE(perMetre, 4);
    phys[8] = 1;
    parts.push(chunk('pHYs', phys));
  }
  parts.push(chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array()));
  return new Uint8Array(Buffer.concat(parts));
}
