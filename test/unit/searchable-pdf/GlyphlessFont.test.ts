import { describe, expect, it } from 'vitest';
import {
  GLYPHLESS_ASCENT,
  GLYPHLESS_DESCENT,
  GLYPHLESS_UNITS_PER_EM,
  glyphlessTrueType,
} from '../../../src/searchable-pdf/index.js';

function tables(font: Uint8Array): Map<string, { offset: number; length: number; checksum: number }> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const count = view.getUint16(4);
  const map = new Map<string, { offset: number; length: number; checksum: number }>();
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(...font.subarray(at, at + 4));
    map.set(tag, { checksum: view.getUint32(at + 4), offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return map;
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 4) {
    sum =
      (sum +
        (((bytes[i] ?? 0) << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0))) >>>
      0;
  }
  return sum;
}

describe('glyphlessTrueType', () => {
  const font = glyphlessTrueType();
  const view = new DataView(font.buffer);

  it('is a tiny TrueType with the tables PDF viewers need, in tag order', () => {
    expect(view.getUint32(0)).toBe(0x00010000);
    expect(font.length).toBeLessThan(2048);
    const tags = [...tables(font).keys()];
    expect(tags).toEqual(['OS/2', 'cmap', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'name', 'post']);
  });

  it('has correct table checksums and a whole-font checksum of 0xB1B0AFBA', () => {
    for (const [tag, entry] of tables(font)) {
      const data = font.slice(entry.offset, entry.offset + entry.length);
      if (tag === 'head') new DataView(data.buffer).setUint32(8, 0); // checkSumAdjustment is excluded
      expect(checksum(data), tag).toBe(entry.checksum);
    }
    expect(checksum(font)).toBe(0xb1b0afba);
  });

  it('declares two glyphs and the tall ascent/descent the text layer is sized by', () => {
    const t = tables(font);
    const head = t.get('head')!;
    const hhea = t.get('hhea')!;
    const maxp = t.get('maxp')!;
    expect(view.getUint32(head.offset + 12)).toBe(0x5f0f3cf5);
    expect(view.getUint16(head.offset + 18)).toBe(GLYPHLESS_UNITS_PER_EM);
    expect(view.getInt16(hhea.offset + 4)).toBe(GLYPHLESS_ASCENT);
    expect(view.getInt16(hhea.offset + 6)).toBe(GLYPHLESS_DESCENT);
    expect(view.getUint16(maxp.offset + 4)).toBe(2);
  });

  it('returns an independent copy each time', () => {
    const copy = glyphlessTrueType();
    copy[0] = 0xff;
    expect(glyphlessTrueType()[0]).toBe(0);
  });
});
