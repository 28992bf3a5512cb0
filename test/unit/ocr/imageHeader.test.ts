import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/kit/errors.js';
import {
  engineExifOrientation,
  isJpeg,
  isPng,
  isTiff,
  jpegExifOrientation,
  jpegWithEngineOrientation,
  orientedSizePx,
  readImageSizePx,
  tiffPageCount,
} from '../../../src/ocr/imageHeader.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/ocr');
const fixture = (name: string) => new Uint8Array(readFileSync(resolve(FIXTURES, name)));

/** A JPEG with an APP1 Exif segment declaring `orientation` in the given byte order, then an SOF0 of 40×30. */
function jpegWithExif(orientation: number, order: 'II' | 'MM'): Uint8Array {
  const le = order === 'II';
  const u16 = (v: number) => (le ? [v & 0xff, v >> 8] : [v >> 8, v & 0xff]);
  const u32 = (v: number) => (le ? [v & 0xff, (v >> 8) & 0xff, 0, 0] : [0, 0, (v >> 8) & 0xff, v & 0xff]);
  const tiff = [
    ...[...order].map((c) => c.charCodeAt(0)),
    ...u16(42),
    ...u32(8),
    ...u16(1),
    ...u16(0x0112),
    ...u16(3),
    ...u32(1),
    ...u16(orientation),
    0,
    0,
    ...u32(0),
  ];
  const payload = [...'Exif\0\0'].map((c) => c.charCodeAt(0)).concat(tiff);
  const app1 = [0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  const sof0 = [0xff, 0xc0, 0, 11, 8, 0, 30, 0, 40, 1, 1, 0x11, 0];
  return new Uint8Array([0xff, 0xd8, ...app1, ...sof0, 0xff, 0xd9]);
}

function expectValidationError(act: () => unknown): void {
  let caught: unknown;
  try {
    act();
  } catch (error) {
    caught = error;
  }
  expect(isValidationError(caught)).toBe(true);
}

describe('Function: readImageSizePx', () => {
  it('reads PNG and JPEG sizes from the fixtures', () => {
    expect(readImageSizePx(fixture('lines.png'), 'image/png')).toEqual({ widthPx: 900, heightPx: 375 });
    expect(readImageSizePx(fixture('lines.jpg'), 'image/jpeg')).toEqual({ widthPx: 900, heightPx: 375 });
  });

  it('skips APP segments and fill bytes before the SOF marker', () => {
    const jpeg = jpegWithExif(1, 'II');
    const withFill = new Uint8Array([...jpeg.subarray(0, 2), 0xff, ...jpeg.subarray(2)]);
    expect(readImageSizePx(jpeg, 'image/jpeg')).toEqual({ widthPx: 40, heightPx: 30 });
    expect(readImageSizePx(withFill, 'image/jpeg')).toEqual({ widthPx: 40, heightPx: 30 });
  });

  it('skips markers without a length field (RSTn) before the SOF marker', () => {
    const jpeg = jpegWithExif(1, 'II');
    const withRestart = new Uint8Array([...jpeg.subarray(0, 2), 0xff, 0xd0, ...jpeg.subarray(2)]);
    expect(readImageSizePx(withRestart, 'image/jpeg')).toEqual({ widthPx: 40, heightPx: 30 });
  });

  it('rejects truncated, mislabelled and zero-size headers', () => {
    const png = fixture('lines.png');
    expectValidationError(() => readImageSizePx(png.subarray(0, 20), 'image/png'));
    expectValidationError(() => readImageSizePx(png, 'image/jpeg'));
    expectValidationError(() => readImageSizePx(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), 'image/jpeg'));
    const zero = png.slice(0, 24);
    zero.fill(0, 16, 20);
    expectValidationError(() => readImageSizePx(zero, 'image/png'));
  });
});

describe('Functions: isPng, isJpeg, isTiff', () => {
  it('recognise their signatures and nothing else', () => {
    expect([isPng, isJpeg, isTiff].map((f) => f(fixture('lines.png')))).toEqual([true, false, false]);
    expect([isPng, isJpeg, isTiff].map((f) => f(fixture('lines.jpg')))).toEqual([false, true, false]);
    expect([isPng, isJpeg, isTiff].map((f) => f(fixture('pages.tif')))).toEqual([false, false, true]);
    expect([isPng, isJpeg, isTiff].map((f) => f(new Uint8Array()))).toEqual([false, false, false]);
  });
});

describe('EXIF orientation', () => {
  it('jpegExifOrientation reads either byte order', () => {
    expect(jpegExifOrientation(jpegWithExif(6, 'II'))).toBe(6);
    expect(jpegExifOrientation(jpegWithExif(8, 'MM'))).toBe(8);
    expect(jpegExifOrientation(fixture('lines.jpg'))).toBe(1);
    expect(jpegExifOrientation(fixture('lines.png'))).toBe(1);
  });

  it('jpegExifOrientation reads 1 for an out-of-range value or an EXIF block without the tag', () => {
    expect(jpegExifOrientation(jpegWithExif(9, 'II'))).toBe(1);
    const withoutTag = jpegWithExif(6, 'MM');
    const tagAt = withoutTag.findIndex((b, i) => b === 0x01 && withoutTag[i + 1] === 0x12);
    withoutTag[tagAt + 1] = 0x10; // 0x0110 (camera model) instead of 0x0112 (orientation)
    expect(jpegExifOrientation(withoutTag)).toBe(1);
  });

  it('engineExifOrientation mirrors the engine: big-endian entries only', () => {
    expect(engineExifOrientation(jpegWithExif(6, 'MM'))).toBe(6);
    expect(engineExifOrientation(jpegWithExif(6, 'II'))).toBe(1);
    expect(engineExifOrientation(jpegWithExif(9, 'MM'))).toBe(1);
    expect(engineExifOrientation(fixture('lines.png'))).toBe(1);
  });

  it('jpegWithEngineOrientation makes the engine see the declared orientation, on a copy', () => {
    for (const declared of [1, 6, 8]) {
      const input = jpegWithExif(declared, 'II');
      const before = input.slice();
      const copy = jpegWithEngineOrientation(input, declared);
      expect(engineExifOrientation(copy)).toBe(declared);
      expect(readImageSizePx(copy, 'image/jpeg')).toEqual({ widthPx: 40, heightPx: 30 });
      expect(input).toEqual(before);
    }
    // The inserted entry wins over a contradicting big-endian one further on.
    expect(engineExifOrientation(jpegWithEngineOrientation(jpegWithExif(6, 'MM'), 1))).toBe(1);
  });

  it('orientedSizePx swaps the sides for orientations 5–8 only', () => {
    const size = { widthPx: 400, heightPx: 300 };
    for (const o of [1, 2, 3, 4]) expect(orientedSizePx(size, o)).toEqual(size);
    for (const o of [5, 6, 7, 8]) expect(orientedSizePx(size, o)).toEqual({ widthPx: 300, heightPx: 400 });
  });
});

describe('Function: tiffPageCount', () => {
  it('counts the pages of the multi-page fixture', () => {
    expect(tiffPageCount(fixture('pages.tif'))).toBe(2);
  });

  it('rejects a looping page chain instead of walking it forever', () => {
    // Little-endian header → IFD at 8 with no entries → next IFD offset 8 (itself).
    const looping = new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 0, 0, 8, 0, 0, 0]);
    expectValidationError(() => tiffPageCount(looping));
  });

  it('rejects truncated chains, empty files and non-TIFF bytes', () => {
    expectValidationError(() => tiffPageCount(new Uint8Array([0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 64])));
    expectValidationError(() => tiffPageCount(new Uint8Array([0x49, 0x49, 0x2a, 0, 0, 0, 0, 0])));
    expectValidationError(() => tiffPageCount(new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 5, 0])));
    expectValidationError(() => tiffPageCount(fixture('lines.png')));
  });

  it('refuses a chain of more than 10,000 pages as corrupt', () => {
    const ifds = 10_001;
    const bytes = new Uint8Array(8 + ifds * 6);
    const view = new DataView(bytes.buffer);
    bytes.set([0x49, 0x49, 0x2a, 0]);
    view.setUint32(4, 8, true);
    // Each IFD: no entries, then the offset of the next one (0 ends the chain).
    for (let i = 0; i < ifds; i++) view.setUint32(8 + i * 6 + 2, i + 1 < ifds ? 8 + (i + 1) * 6 : 0, true);
    expect(() => tiffPageCount(bytes)).toThrow(/more than 10000 pages/);
  });
});
