import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/kit/errors.js';
import { jpegInfo, orientationMatrix, pngInfo, sniffFormat, swapsAxes } from '../../../src/searchable-pdf/imageInfo.js';
import { SearchablePdfBuilder } from '../../../src/searchable-pdf/index.js';
import { fixtureBytes, greyTiff, JPEG_05, PNG_01, syntheticTextract, wordsOf } from './helpers.js';

/** A JPEG header with a JFIF density, an EXIF orientation and a frame header (no image data needed). */
function jpegHeader(orientation: number, units = 1, density = 200): Uint8Array {
  const exif = [
    0x45,
    0x78,
    0x69,
    0x66,
    0,
    0, // Exif\0\0
    0x4d,
    0x4d,
    0,
    42,
    0,
    0,
    0,
    8, // big-endian TIFF header, IFD at 8
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    orientation,
    0,
    0,
    0,
    0,
    0,
    0,
  ];
  return Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0,
    16,
    0x4a,
    0x46,
    0x49,
    0x46,
    0,
    1,
    1,
    units,
    density >> 8,
    density & 0xff,
    density >> 8,
    density & 0xff,
    0,
    0,
    0xff,
    0xe1,
    0,
    exif.length + 2,
    ...exif,
    0xff,
    0xc0,
    0,
    11,
    8,
    0,
    30,
    0,
    40,
    1,
    1,
    0x11,
    0,
    0xff,
    0xd9,
  ]);
}

function expectValidation(fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(pattern);
    return;
  }
  throw new Error('expected a ValidationError');
}

describe('image headers', () => {
  it('sniffs PDF, JPEG, PNG and TIFF, and nothing else', () => {
    expect(sniffFormat(fixtureBytes(JPEG_05))).toBe('jpeg');
    expect(sniffFormat(fixtureBytes(PNG_01))).toBe('png');
    expect(sniffFormat(greyTiff([{ width: 1, height: 1, grey: 0 }]))).toBe('tiff');
    expect(sniffFormat(new TextEncoder().encode('junk\n%PDF-1.4\n'))).toBe('pdf');
    expect(sniffFormat(new TextEncoder().encode('GIF89a'))).toBeUndefined();
  });

  it('reads JPEG size, JFIF density (dpi and dpcm) and EXIF orientation', () => {
    expect(jpegInfo(fixtureBytes(JPEG_05))).toEqual({
      widthPx: 706,
      heightPx: 914,
      dpiX: 120,
      dpiY: 120,
      orientation: 1,
    });
    expect(jpegInfo(jpegHeader(6))).toEqual({ widthPx: 40, heightPx: 30, dpiX: 200, dpiY: 200, orientation: 6 });
    expect(jpegInfo(jpegHeader(3, 2, 100)).dpiX).toBeCloseTo(254, 9);
    expect(jpegInfo(jpegHeader(1, 0)).dpiX).toBeUndefined();
  });

  it('rejects damaged JPEG and PNG headers', () => {
    expectValidation(() => jpegInfo(jpegHeader(1).slice(0, 30)), /JPEG/);
    const broken = jpegHeader(1);
    broken[2] = 0x00;
    expectValidation(() => jpegInfo(broken), /marker/);
    expectValidation(() => pngInfo(fixtureBytes(PNG_01).slice(0, 20)), /truncated PNG/);
  });

  it('reads PNG size and pHYs density', () => {
    const info = pngInfo(fixtureBytes(PNG_01));
    expect([info.widthPx, info.heightPx]).toEqual([421, 356]);
  });

  it('places every EXIF orientation upright by matrix alone', () => {
    // Where the stored image's top-left pixel (unit square (0, 1)) lands on a 300 × 400 pt page.
    const topLeft = (o: number): [number, number] => {
      const [a, b, c, d, e, f] = orientationMatrix(o, 300, 400);
      return [a * 0 + c * 1 + e, b * 0 + d * 1 + f];
    };
    expect(topLeft(1)).toEqual([0, 400]);
    expect(topLeft(2)).toEqual([300, 400]);
    expect(topLeft(3)).toEqual([300, 0]);
    expect(topLeft(4)).toEqual([0, 0]);
    expect(topLeft(5)).toEqual([0, 400]);
    expect(topLeft(6)).toEqual([300, 400]);
    expect(topLeft(7)).toEqual([300, 0]);
    expect(topLeft(8)).toEqual([0, 0]);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(swapsAxes)).toEqual([false, false, false, false, true, true, true, true]);
  });

  it('turns the page for EXIF orientations 5–8 and leaves the JPEG bytes alone', async () => {
    const jpeg = jpegHeader(6);
    const { pdf } = await new SearchablePdfBuilder().build(jpeg, { ocr: syntheticTextract([[wordsOf('upright')]]) });
    const size = (await PDFDocument.load(pdf)).getPage(0).getSize();
    // 40 × 30 px at 200 dpi, displayed rotated: 30 × 40 px → 10.8 × 14.4 pt
    expect(size.width).toBeCloseTo(10.8, 9);
    expect(size.height).toBeCloseTo(14.4, 9);
    expect(Buffer.from(pdf).includes(Buffer.from(jpeg))).toBe(true);
  });
});
