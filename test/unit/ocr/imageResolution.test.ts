import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IMAGE_DPI,
  declaredImageDpi,
  MAX_IMAGE_DPI,
  MIN_IMAGE_DPI,
  resolveImageDpi,
} from '../../../src/ocr/imageResolution.js';
import { greyPng } from '../searchable-pdf/helpers.js';

/** SOI, an optional JFIF APP0 (units, x, y), an optional EXIF APP1 with resolution tags, then EOI. */
function jpegHeader(options: {
  jfif?: [units: number, x: number, y: number];
  exif?: { x: [number, number]; y: [number, number]; unit?: number; little?: boolean };
}): Uint8Array {
  const bytes: number[] = [0xff, 0xd8];
  if (options.jfif) {
    const [units, x, y] = options.jfif;
    const body = [0x4a, 0x46, 0x49, 0x46, 0, 1, 2, units, x >> 8, x & 0xff, y >> 8, y & 0xff, 0, 0];
    bytes.push(0xff, 0xe0, 0, body.length + 2, ...body);
  }
  if (options.exif) {
    const { x, y, unit, little = false } = options.exif;
    const u16 = (v: number): number[] => (little ? [v & 0xff, v >> 8] : [v >> 8, v & 0xff]);
    const u32 = (v: number): number[] => {
      const b = [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
      return little ? b.reverse() : b;
    };
    const entries = unit === undefined ? 2 : 3;
    const valuesAt = 8 + 2 + entries * 12 + 4;
    const tiff = [...(little ? [0x49, 0x49] : [0x4d, 0x4d]), ...u16(42), ...u32(8), ...u16(entries)];
    tiff.push(...u16(0x011a), ...u16(5), ...u32(1), ...u32(valuesAt));
    tiff.push(...u16(0x011b), ...u16(5), ...u32(1), ...u32(valuesAt + 8));
    if (unit !== undefined) tiff.push(...u16(0x0128), ...u16(3), ...u32(1), ...u16(unit), 0, 0);
    tiff.push(0, 0, 0, 0, ...u32(x[0]), ...u32(x[1]), ...u32(y[0]), ...u32(y[1]));
    const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
    bytes.push(0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body);
  }
  bytes.push(0xff, 0xd9);
  return Uint8Array.from(bytes);
}

describe('resolveImageDpi (one rule for every engine and for page sizes)', () => {
  it('takes the option, else plausible metadata, else the default', () => {
    expect(resolveImageDpi({ dpiX: 150, dpiY: 150 }, { dpi: 72 })).toMatchObject({ dpiX: 72, source: 'option' });
    expect(resolveImageDpi({ dpiX: 150, dpiY: 200 })).toMatchObject({ dpiX: 150, dpiY: 200, source: 'metadata' });
    expect(resolveImageDpi({})).toEqual({
      dpiX: DEFAULT_IMAGE_DPI,
      dpiY: DEFAULT_IMAGE_DPI,
      source: 'default',
      implausibleMetadata: false,
    });
    expect(resolveImageDpi({ dpiX: 1, dpiY: 1 }, { defaultDpi: 200 })).toEqual({
      dpiX: 200,
      dpiY: 200,
      source: 'default',
      implausibleMetadata: true,
    });
  });

  it('always yields a plausible resolution when no option overrides it (property)', () => {
    const maybeDpi = fc.option(fc.double({ noDefaultInfinity: false }), { nil: undefined });
    fc.assert(
      fc.property(maybeDpi, maybeDpi, (dpiX, dpiY) => {
        const r = resolveImageDpi({ dpiX, dpiY });
        for (const v of [r.dpiX, r.dpiY]) {
          expect(v).toBeGreaterThanOrEqual(MIN_IMAGE_DPI);
          expect(v).toBeLessThanOrEqual(MAX_IMAGE_DPI);
        }
        expect(r.source === 'metadata').toBe(r.dpiX === dpiX && r.dpiY === dpiY && r.source !== 'default');
      }),
    );
  });
});

describe('declaredImageDpi', () => {
  it('reads PNG pHYs (per metre), and nothing when the chunk is absent', () => {
    const declared = declaredImageDpi(greyPng(4, 4, 150), 'image/png');
    expect(declared.dpiX).toBeCloseTo(150, 1);
    expect(declared.dpiY).toBeCloseTo(150, 1);
    expect(declaredImageDpi(greyPng(4, 4), 'image/png')).toEqual({});
  });

  it('reads JPEG JFIF density in inches and centimetres', () => {
    expect(declaredImageDpi(jpegHeader({ jfif: [1, 200, 100] }), 'image/jpeg')).toEqual({ dpiX: 200, dpiY: 100 });
    const cm = declaredImageDpi(jpegHeader({ jfif: [2, 118, 118] }), 'image/jpeg');
    expect(cm.dpiX).toBeCloseTo(299.72, 2);
  });

  it('falls back to the EXIF resolution, either byte order, when JFIF declares only an aspect ratio', () => {
    for (const little of [false, true]) {
      const bytes = jpegHeader({ jfif: [0, 1, 1], exif: { x: [600, 2], y: [300, 1], little } });
      expect(declaredImageDpi(bytes, 'image/jpeg'), `little=${little}`).toEqual({ dpiX: 300, dpiY: 300 });
    }
    const cm = declaredImageDpi(jpegHeader({ exif: { x: [100, 1], y: [100, 1], unit: 3 } }), 'image/jpeg');
    expect(cm).toEqual({ dpiX: 254, dpiY: 254 });
    // ResolutionUnit 1 means "no absolute unit": no density is declared.
    expect(declaredImageDpi(jpegHeader({ exif: { x: [72, 1], y: [72, 1], unit: 1 } }), 'image/jpeg')).toEqual({});
    expect(declaredImageDpi(jpegHeader({ exif: { x: [72, 0], y: [72, 1] } }), 'image/jpeg')).toEqual({});
  });

  it('prefers JFIF density over EXIF, and survives truncated headers', () => {
    const both = jpegHeader({ jfif: [1, 96, 96], exif: { x: [300, 1], y: [300, 1] } });
    expect(declaredImageDpi(both, 'image/jpeg')).toEqual({ dpiX: 96, dpiY: 96 });
    for (let end = 0; end < both.length; end++) {
      expect(() => declaredImageDpi(both.subarray(0, end), 'image/jpeg')).not.toThrow();
    }
    const png = greyPng(3, 3, 72);
    for (let end = 0; end < 60; end++) expect(() => declaredImageDpi(png.subarray(0, end), 'image/png')).not.toThrow();
  });
});
