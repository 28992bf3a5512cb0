/**
 * One rule for the resolution of an image, whichever OCR engine reads it and whatever builds the PDF page: the
 * `dpi` the caller passes, else the density the file declares (PNG `pHYs`, JPEG JFIF, else its EXIF
 * `XResolution`/`YResolution`, TIFF resolution tags) when plausible, else {@link DEFAULT_IMAGE_DPI}. Pure: only
 * headers are read.
 *
 * @module
 */

/** Resolution assumed for images that declare no (plausible) density: 300 dpi, the usual scanning resolution. */
export const DEFAULT_IMAGE_DPI = 300;
/** Lowest declared resolution taken at its word; below it the metadata is treated as absent. */
export const MIN_IMAGE_DPI = 10;
/** Highest declared resolution taken at its word; above it the metadata is treated as absent. */
export const MAX_IMAGE_DPI = 10_000;

/** Density an image declares, per axis, in dots per inch (either may be absent). */
export interface DeclaredDpi {
  /** Horizontal density, dots per inch. */
  readonly dpiX?: number | undefined;
  /** Vertical density, dots per inch. */
  readonly dpiY?: number | undefined;
}

/** The resolution an image is taken at, and where it came from. */
export interface ImageResolution {
  /** Horizontal resolution, dots per inch. */
  readonly dpiX: number;
  /** Vertical resolution, dots per inch. */
  readonly dpiY: number;
  /** `option` (the caller's `dpi`), `metadata` (the file's own) or `default`. */
  readonly source: 'option' | 'metadata' | 'default';
  /** The file declared a density outside {@link MIN_IMAGE_DPI}–{@link MAX_IMAGE_DPI}, which was ignored. */
  readonly implausibleMetadata: boolean;
}

function plausible(dpi: number | undefined): dpi is number {
  return dpi !== undefined && Number.isFinite(dpi) && dpi >= MIN_IMAGE_DPI && dpi <= MAX_IMAGE_DPI;
}

/**
 * Applies the resolution rule: `options.dpi`, else the declared density (both axes plausible), else
 * `options.defaultDpi`, else {@link DEFAULT_IMAGE_DPI}.
 *
 * @example
 * ```ts
 * resolveImageDpi({ dpiX: 150, dpiY: 150 }); // { dpiX: 150, dpiY: 150, source: 'metadata', implausibleMetadata: false }
 * resolveImageDpi({}); // { dpiX: 300, dpiY: 300, source: 'default', implausibleMetadata: false }
 * ```
 */
export function resolveImageDpi(
  declared: DeclaredDpi,
  options: { readonly dpi?: number | undefined; readonly defaultDpi?: number | undefined } = {},
): ImageResolution {
  const { dpiX, dpiY } = declared;
  const stated = dpiX !== undefined || dpiY !== undefined;
  if (options.dpi !== undefined) {
    return { dpiX: options.dpi, dpiY: options.dpi, source: 'option', implausibleMetadata: false };
  }
  if (plausible(dpiX) && plausible(dpiY)) return { dpiX, dpiY, source: 'metadata', implausibleMetadata: false };
  const fallback = options.defaultDpi ?? DEFAULT_IMAGE_DPI;
  return { dpiX: fallback, dpiY: fallback, source: 'default', implausibleMetadata: stated };
}

/**
 * The density a PNG (`pHYs` in metres) or JPEG (JFIF density, else EXIF resolution) declares; `{}` when none.
 * Malformed headers yield `{}`: the callers that need a valid image check it themselves.
 *
 * @example
 * ```ts
 * declaredImageDpi(pngBytes, 'image/png'); // { dpiX: 299.9994, dpiY: 299.9994 } for pHYs 11811 px/m
 * ```
 */
export function declaredImageDpi(bytes: Uint8Array, mediaType: 'image/png' | 'image/jpeg'): DeclaredDpi {
  return mediaType === 'image/png' ? pngDpi(bytes) : jpegDpi(bytes);
}

function pngDpi(bytes: Uint8Array): DeclaredDpi {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (type === 'IDAT' || type === 'IEND' || pos + 12 + length > bytes.length) break;
    // Unit 1 is the metre; unit 0 declares an aspect ratio only.
    if (type === 'pHYs' && length >= 9 && bytes[pos + 16] === 1) {
      return { dpiX: view.getUint32(pos + 8) * 0.0254, dpiY: view.getUint32(pos + 12) * 0.0254 };
    }
    pos += 12 + length;
  }
  return {};
}

function jpegDpi(bytes: Uint8Array): DeclaredDpi {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 2;
  let exif: DeclaredDpi = {};
  while (pos + 4 <= bytes.length && bytes[pos] === 0xff) {
    const marker = bytes[pos + 1] ?? 0;
    if (marker === 0xff) {
      pos += 1;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break;
    const length = view.getUint16(pos + 2);
    const body = pos + 4;
    const end = Math.min(bytes.length, pos + 2 + length);
    if (length < 2) break;
    if (marker === 0xe0 && end - body >= 12 && ascii(bytes, body, 5) === 'JFIF\0') {
      const units = bytes[body + 7];
      // Units 1 (inch) and 2 (cm); 0 declares an aspect ratio only, so EXIF may still say more.
      if (units === 1 || units === 2) {
        const scale = units === 2 ? 2.54 : 1;
        return { dpiX: view.getUint16(body + 8) * scale, dpiY: view.getUint16(body + 10) * scale };
      }
    } else if (marker === 0xe1 && end - body >= 14 && ascii(bytes, body, 6) === 'Exif\0\0') {
      exif = exifDpi(view, body + 6, end);
    }
    pos += 2 + length;
  }
  return exif;
}

/** XResolution / YResolution / ResolutionUnit from the first IFD of an EXIF TIFF structure. */
function exifDpi(view: DataView, start: number, end: number): DeclaredDpi {
  const order = view.getUint16(start);
  if (order !== 0x4949 && order !== 0x4d4d) return {};
  const little = order === 0x4949;
  const ifd = start + view.getUint32(start + 4, little);
  if (ifd + 2 > end) return {};
  let x: number | undefined;
  let y: number | undefined;
  let unit = 2; // inch, the TIFF default
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) break;
    const tag = view.getUint16(entry, little);
    if (tag === 0x0128) unit = view.getUint16(entry + 8, little);
    if (tag !== 0x011a && tag !== 0x011b) continue;
    const at = start + view.getUint32(entry + 8, little);
    if (at + 8 > end) continue;
    const denominator = view.getUint32(at + 4, little);
    const value = denominator === 0 ? undefined : view.getUint32(at, little) / denominator;
    if (tag === 0x011a) x = value;
    else y = value;
  }
  if (x === undefined || y === undefined || (unit !== 2 && unit !== 3)) return {};
  const scale = unit === 3 ? 2.54 : 1;
  return { dpiX: x * scale, dpiY: y * scale };
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}
