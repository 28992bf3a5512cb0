import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { CidAllocator, type PlacedLine, textLayerContent } from '../../../src/searchable-pdf/index.js';
import { LINE_BOX_PROFILES } from '../../../src/searchable-pdf/lineBoxProfiles.js';
import { pdfNumber } from '../../../src/searchable-pdf/textLayerContent.js';

const LINE: PlacedLine = {
  originXPt: 10,
  originYPt: 700,
  cos: 1,
  sin: 0,
  fontSizePt: 10,
  profile: LINE_BOX_PROFILES[0]!,
  lengthPt: 100,
  words: [
    { clusters: ['H', 'i'], offsetPt: 0, widthPt: 20, ocrWidthPt: 20, spaceWidthPt: 5, risePt: 0 },
    { clusters: ['y', 'o', 'u'], offsetPt: 25, widthPt: 15, ocrWidthPt: 15, spaceWidthPt: 2.5, risePt: 1.5 },
  ],
};

describe('pdfNumber', () => {
  it('writes at most 3 decimals (or as asked), no exponent and no negative zero', () => {
    expect(pdfNumber(1 / 3)).toBe('0.333');
    expect(pdfNumber(1 / 3, 4)).toBe('0.3333');
    expect(pdfNumber(1e30)).toBe('1000000000000000');
    expect(pdfNumber(-0.00001)).toBe('0');
    expect(pdfNumber(12)).toBe('12');
    expect(pdfNumber(1e-7)).toBe('0');
    expect(pdfNumber(123456.5)).toBe('123456.5');
  });

  test.prop([fc.double({ min: -1e6, max: 1e6, noNaN: true })])('is a valid PDF number close to the value', (v) => {
    const text = pdfNumber(v);
    expect(text).toMatch(/^-?\d+(\.\d{1,3})?$/);
    expect(Math.abs(Number(text) - v)).toBeLessThanOrEqual(0.0005 + 1e-9);
  });
});

describe('textLayerContent', () => {
  it('writes one invisible BT block per line with Tm, Td between words and Tz fitting each word', () => {
    const cids = new CidAllocator();
    const ops = textLayerContent([LINE], cids) ?? '';
    expect(ops.match(/BT/g)).toHaveLength(1);
    expect(ops).toContain('3 Tr');
    expect(ops).not.toMatch(/[0-24-9] Tr/);
    expect(ops).toContain('/AwsMlKitGlyphless100 10 Tf');
    expect(ops).toContain('1 0 0 1 10 700 Tm');
    // "Hi" at 10 pt: natural width 2 × 0.5 × 10 = 10 pt → 200 %; the space: 5 pt of 5 pt natural → 100 %.
    expect(ops).toContain('200 Tz <00020003> Tj');
    expect(ops).toContain('100 Tz <0001> Tj');
    expect(ops).toContain('25 1.5 Td');
    expect(ops).toContain('100 Tz <000400050006> Tj');
    expect(ops).not.toContain(' re ');
  });

  it('draws boxes and baselines visibly in debug mode', () => {
    const ops = textLayerContent([LINE], new CidAllocator(), { debug: true }) ?? '';
    expect(ops).toContain(' re S');
    expect(ops).toContain('1 0 0 RG');
    expect(ops).toContain('3 Tr');
  });

  it('returns undefined when the font has no CIDs left', () => {
    const cids = new CidAllocator();
    for (let i = 0; i < 0xffff; i++) cids.cidOf(`c${i}`);
    expect(textLayerContent([LINE], cids)).toBeUndefined();
  });
});
