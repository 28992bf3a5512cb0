/**
 * Splits a multi-page TIFF into single-page images the embedded engine can read (it reads only the first page
 * of a TIFF). Pages are decoded one at a time with utif2, so memory holds one decoded page, not the document.
 *
 * @module
 */
import { importOptional, loadOnce } from '../kit/clients.js';
import { ValidationError } from '../kit/errors.js';
import { tiffPageCount } from './imageHeader.js';

/** One page, ready for the engine. */
export interface TiffPageImage {
  /** A single-page, uncompressed RGBA TIFF (or the input itself when it has one page). */
  readonly bytes: Uint8Array;
  readonly widthPx: number;
  readonly heightPx: number;
  /** Horizontal resolution from the page's tags, when it declares one in inches or centimetres. */
  readonly dpi: number | undefined;
}

/** A TIFF opened for page-by-page reading. */
export interface TiffPages {
  readonly pageCount: number;
  /** Decodes page `index` (0-based). */
  page(index: number): TiffPageImage;
}

type TiffTagValue = number | readonly number[] | readonly (readonly number[])[] | Uint8Array | string | undefined;
interface UtifIfd {
  [tag: string]: unknown;
  width?: number;
  height?: number;
  data?: Uint8Array;
}
interface Utif {
  decode(buffer: ArrayBuffer): UtifIfd[];
  decodeImage(buffer: ArrayBuffer, ifd: UtifIfd): void;
  toRGBA8(ifd: UtifIfd): Uint8Array;
  encodeImage(rgba: Uint8Array, width: number, height: number, metadata?: Record<string, unknown>): ArrayBuffer;
}

/** utif2, imported on first TIFF input. */
const loadUtif = loadOnce(async (): Promise<Utif> => {
  const mod = await importOptional(() => import('utif2'), 'utif2', 'TesseractOcr (TIFF input)');
  return ((mod as { default?: unknown }).default ?? mod) as Utif;
});

/**
 * Opens a TIFF for page-by-page recognition. A single-page file is passed through untouched; pages of a
 * multi-page file are decoded to RGBA and re-encoded as uncompressed single-page TIFFs.
 *
 * @throws ValidationError for a corrupt TIFF; MissingDependencyError when utif2 is not installed.
 * @example
 * ```ts
 * const tiff = await openTiffPages(bytes);
 * for (let i = 0; i < tiff.pageCount; i += 1) await ocr(tiff.page(i).bytes);
 * ```
 */
export async function openTiffPages(bytes: Uint8Array): Promise<TiffPages> {
  const chainLength = tiffPageCount(bytes);
  const utif = await loadUtif();
  // An exact ArrayBuffer, so that utif2 views it instead of copying the whole file for every page.
  const buffer =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
      ? bytes.buffer
      : bytes.slice().buffer;
  let ifds: UtifIfd[];
  try {
    ifds = utif.decode(buffer).filter((ifd) => firstNumber(ifd.t256 as TiffTagValue) !== undefined);
  } catch (error) {
    throw new ValidationError('input.bytes', 'is a corrupt TIFF file (its page directories cannot be read)', {
      cause: error,
    });
  }
  if (ifds.length === 0 || ifds.length > chainLength) {
    throw new ValidationError('input.bytes', 'is a TIFF file without readable pages');
  }
  return {
    pageCount: ifds.length,
    page(index: number): TiffPageImage {
      const ifd = ifds[index];
      if (ifd === undefined)
        throw new ValidationError('index', `must be between 0 and ${ifds.length - 1}, got ${index}`);
      const widthPx = firstNumber(ifd.t256 as TiffTagValue) ?? 0;
      const heightPx = firstNumber(ifd.t257 as TiffTagValue) ?? 0;
      const dpi = tiffDpi(ifd);
      if (ifds.length === 1) return { bytes, widthPx, heightPx, dpi };
      try {
        utif.decodeImage(buffer, ifd);
        const rgba = utif.toRGBA8(ifd);
        const encoded = utif.encodeImage(rgba, ifd.width ?? widthPx, ifd.height ?? heightPx);
        return { bytes: new Uint8Array(encoded), widthPx: ifd.width ?? widthPx, heightPx: ifd.height ?? heightPx, dpi };
      } catch (error) {
        throw new ValidationError('input.bytes', `is a corrupt TIFF file (page ${index + 1} cannot be decoded)`, {
          cause: error,
        });
      } finally {
        // Drop the decoded pixels: one page in memory at a time.
        delete ifd.data;
      }
    },
  };
}

function tiffDpi(ifd: UtifIfd): number | undefined {
  const resolution = rational(ifd.t282 as TiffTagValue);
  const unit = firstNumber(ifd.t296 as TiffTagValue) ?? 2;
  if (resolution === undefined || !(resolution > 0)) return undefined;
  if (unit === 2) return resolution;
  if (unit === 3) return resolution * 2.54;
  return undefined;
}

function rational(value: TiffTagValue): number | undefined {
  if (!Array.isArray(value)) return typeof value === 'number' ? value : undefined;
  const first: unknown = value[0];
  if (Array.isArray(first)) {
    const [numerator, denominator] = first as number[];
    return numerator !== undefined && denominator ? numerator / denominator : undefined;
  }
  return typeof first === 'number' ? first : undefined;
}

function firstNumber(value: TiffTagValue): number | undefined {
  if (typeof value === 'number') return value;
  if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  return undefined;
}
