/**
 * Decodes the pages of a (multi-page) TIFF into lossless image XObjects. TIFF pixels cannot be passed through
 * to PDF in general (LZW, predictors, planar layouts), so each page is decoded once and re-compressed with
 * Flate: bilevel pages as 1 bit per pixel, grey pages as 8-bit grey, everything else as RGB (plus an SMask
 * when there is real transparency).
 *
 * @module
 */
import type { PDFContext, PDFRef } from 'pdf-lib';
import { ValidationError } from '../kit/errors.js';
import { tiffPageCount } from '../ocr/imageHeader.js';

/** One decoded TIFF page, embedded. */
export interface TiffPage {
  readonly imageRef: PDFRef;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly dpiX?: number | undefined;
  readonly dpiY?: number | undefined;
}

interface Ifd {
  [tag: string]: unknown;
  width: number;
  height: number;
}

interface Utif {
  decode(buffer: ArrayBuffer): Ifd[];
  decodeImage(buffer: ArrayBuffer, ifd: Ifd): void;
  toRGBA8(ifd: Ifd): Uint8Array;
}

function resolution(ifd: Ifd, tag: string): number | undefined {
  const value = ifd[tag];
  const first = Array.isArray(value) ? value[0] : value;
  const number = Array.isArray(first) ? Number(first[0]) / Number(first[1]) : Number(first);
  if (!Number.isFinite(number) || number <= 0) return undefined;
  const unit = Array.isArray(ifd.t296) ? Number(ifd.t296[0]) : 2;
  if (unit === 1) return undefined; // no absolute unit
  return unit === 3 ? number * 2.54 : number;
}

function packPixels(
  rgba: Uint8Array,
  width: number,
  height: number,
): { data: Uint8Array; colorSpace: string; bits: number; alpha?: Uint8Array } {
  const count = width * height;
  let grey = true;
  let bilevel = true;
  let opaque = true;
  for (let i = 0; i < count; i++) {
    const r = rgba[i * 4] ?? 0;
    if (r !== rgba[i * 4 + 1] || r !== rgba[i * 4 + 2]) grey = false;
    if (r !== 0 && r !== 255) bilevel = false;
    if (rgba[i * 4 + 3] !== 255) opaque = false;
  }
  const alpha = opaque ? undefined : Uint8Array.from({ length: count }, (_v, i) => rgba[i * 4 + 3] ?? 255);
  if (grey && bilevel) {
    const rowBytes = Math.ceil(width / 8);
    const data = new Uint8Array(rowBytes * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if ((rgba[(y * width + x) * 4] ?? 0) !== 0) data[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
      }
    }
    return alpha ? { data, colorSpace: 'DeviceGray', bits: 1, alpha } : { data, colorSpace: 'DeviceGray', bits: 1 };
  }
  if (grey) {
    const data = Uint8Array.from({ length: count }, (_v, i) => rgba[i * 4] ?? 0);
    return alpha ? { data, colorSpace: 'DeviceGray', bits: 8, alpha } : { data, colorSpace: 'DeviceGray', bits: 8 };
  }
  const data = new Uint8Array(count * 3);
  for (let i = 0; i < count; i++) {
    data[i * 3] = rgba[i * 4] ?? 0;
    data[i * 3 + 1] = rgba[i * 4 + 1] ?? 0;
    data[i * 3 + 2] = rgba[i * 4 + 2] ?? 0;
  }
  return alpha ? { data, colorSpace: 'DeviceRGB', bits: 8, alpha } : { data, colorSpace: 'DeviceRGB', bits: 8 };
}

/**
 * Decodes every page of a TIFF and embeds it; throws `ValidationError` for a file that does not decode.
 *
 * @example
 * ```ts
 * const pages = await embedTiffPages(bytes, doc.context);
 * ```
 */
export async function embedTiffPages(bytes: Uint8Array, context: PDFContext): Promise<TiffPage[]> {
  const module = (await import('utif2')) as unknown as { default?: Utif } & Utif;
  const utif: Utif = module.default ?? module;
  const buffer = bytes.slice().buffer; // utif2 wants an ArrayBuffer of exactly the file
  let ifds: Ifd[];
  try {
    // utif2 follows the page chain without checking for cycles: walk it first, so a looping chain cannot hang.
    tiffPageCount(bytes);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError('input', error.rule, { cause: error });
    throw error;
  }
  try {
    ifds = utif.decode(buffer).filter((ifd) => ifd.t256 !== undefined && ifd.t257 !== undefined);
  } catch (error) {
    throw new ValidationError('input', 'is a TIFF that could not be read (corrupt or truncated)', { cause: error });
  }
  if (ifds.length === 0) throw new ValidationError('input', 'is a TIFF without any image');
  const pages: TiffPage[] = [];
  for (const ifd of ifds) {
    let rgba: Uint8Array;
    try {
      utif.decodeImage(buffer, ifd);
      rgba = utif.toRGBA8(ifd);
    } catch (error) {
      throw new ValidationError('input', 'is a TIFF whose image data could not be decoded', { cause: error });
    }
    const { width, height } = ifd;
    if (!(width > 0 && height > 0) || rgba.length < width * height * 4) {
      throw new ValidationError('input', 'is a TIFF whose image data is truncated');
    }
    const packed = packPixels(rgba, width, height);
    const smask = packed.alpha
      ? context.register(
          context.flateStream(packed.alpha, {
            Type: 'XObject',
            Subtype: 'Image',
            Width: width,
            Height: height,
            ColorSpace: 'DeviceGray',
            BitsPerComponent: 8,
          }),
        )
      : undefined;
    const imageRef = context.register(
      context.flateStream(packed.data, {
        Type: 'XObject',
        Subtype: 'Image',
        Width: width,
        Height: height,
        ColorSpace: packed.colorSpace,
        BitsPerComponent: packed.bits,
        ...(smask ? { SMask: smask } : {}),
      }),
    );
    pages.push({
      imageRef,
      widthPx: width,
      heightPx: height,
      dpiX: resolution(ifd, 't282'),
      dpiY: resolution(ifd, 't283'),
    });
  }
  return pages;
}
