/**
 * Header parsing for image inputs (pure, no pixel decoding): format sniffing, JPEG frame size and EXIF
 * orientation, PNG size; the declared density is read by the OCR feature's one resolution rule.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { declaredImageDpi } from '../ocr/imageResolution.js';

/** Input formats the builder accepts. */
export type InputFormat = 'pdf' | 'jpeg' | 'png' | 'tiff';

/** What the builder needs to know about an image before placing it on a page. */
export interface ImageInfo {
  readonly widthPx: number;
  readonly heightPx: number;
  /** Dots per inch from the file's metadata, when it declares a physical density. */
  readonly dpiX?: number | undefined;
  readonly dpiY?: number | undefined;
  /** EXIF orientation 1–8 (1 when absent). */
  readonly orientation: number;
}

/**
 * Recognises the input format from its first bytes.
 *
 * @example
 * ```ts
 * sniffFormat(bytes); // 'pdf' | 'jpeg' | 'png' | 'tiff' | undefined
 * ```
 */
export function sniffFormat(bytes: Uint8Array): InputFormat | undefined {
  const b = (i: number): number => bytes[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'png';
  if (
    (b(0) === 0x49 && b(1) === 0x49 && b(2) === 42 && b(3) === 0) ||
    (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0 && b(3) === 42)
  ) {
    return 'tiff';
  }
  // The header may follow up to 1 KB of junk, as readers tolerate.
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  return undefined;
}

function corrupt(rule: string): ValidationError {
  return new ValidationError('input', rule);
}

/** Reads the EXIF orientation tag from an APP1 payload (starting after `Exif\0\0`). */
function exifOrientation(view: DataView, start: number, end: number): number {
  if (end - start < 8) return 1;
  const little = view.getUint16(start) === 0x4949;
  const u16 = (at: number): number => view.getUint16(at, little);
  const u32 = (at: number): number => view.getUint32(at, little);
  const ifd = start + u32(start + 4);
  if (ifd + 2 > end) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) break;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * Reads a JPEG's frame size, declared density (JFIF, else EXIF) and EXIF orientation; throws `ValidationError` on a damaged header.
 *
 * @example
 * ```ts
 * jpegInfo(bytes); // { widthPx: 706, heightPx: 914, dpiX: 72, dpiY: 72, orientation: 1 }
 * ```
 */
export function jpegInfo(bytes: Uint8Array): ImageInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 2;
  let orientation = 1;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) throw corrupt('is not a valid JPEG: marker expected');
    const marker = bytes[pos + 1] ?? 0;
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    const length = view.getUint16(pos + 2);
    const body = pos + 4;
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) throw corrupt('is a truncated JPEG');
    if (marker === 0xe1 && String.fromCharCode(...bytes.subarray(body, body + 6)) === 'Exif\0\0') {
      orientation = exifOrientation(view, body + 6, end);
    } else if (SOF_MARKERS.has(marker)) {
      if (length < 8) throw corrupt('is a truncated JPEG');
      const heightPx = view.getUint16(body + 1);
      const widthPx = view.getUint16(body + 3);
      if (widthPx === 0 || heightPx === 0) throw corrupt('is a JPEG with a zero image size');
      return { widthPx, heightPx, ...declaredImageDpi(bytes, 'image/jpeg'), orientation };
    } else if (marker === 0xda || marker === 0xd9) {
      break;
    }
    pos = end;
  }
  throw corrupt('is a JPEG without a frame header (corrupt or truncated)');
}

/**
 * Reads a PNG's size and pHYs density; throws `ValidationError` on a damaged header.
 *
 * @example
 * ```ts
 * pngInfo(bytes); // { widthPx: 421, heightPx: 356, orientation: 1 }
 * ```
 */
export function pngInfo(bytes: Uint8Array): ImageInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 33 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') {
    throw corrupt('is a truncated PNG');
  }
  const widthPx = view.getUint32(16);
  const heightPx = view.getUint32(20);
  if (widthPx === 0 || heightPx === 0) throw corrupt('is a PNG with a zero image size');
  let pos = 8;
  let sawEnd = false;
  while (pos + 8 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (pos + 12 + length > bytes.length) throw corrupt('is a truncated PNG');
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
    pos += 12 + length;
  }
  if (!sawEnd) throw corrupt('is a truncated PNG (no IEND chunk)');
  return { widthPx, heightPx, ...declaredImageDpi(bytes, 'image/png'), orientation: 1 };
}

/**
 * The matrix that draws an image (unit square) on a page of `widthPt × heightPt` so that it appears upright
 * for its EXIF orientation. Pixels are never rotated; only the placement changes.
 *
 * @example
 * ```ts
 * orientationMatrix(6, 300, 400); // [0, -400, 300, 0, 0, 400]
 * ```
 */
export function orientationMatrix(
  orientation: number,
  widthPt: number,
  heightPt: number,
): [number, number, number, number, number, number] {
  const w = widthPt;
  const h = heightPt;
  switch (orientation) {
    case 2:
      return [-w, 0, 0, h, w, 0];
    case 3:
      return [-w, 0, 0, -h, w, h];
    case 4:
      return [w, 0, 0, -h, 0, h];
    case 5:
      return [0, -h, -w, 0, w, h];
    case 6:
      return [0, -h, w, 0, 0, h];
    case 7:
      return [0, h, w, 0, 0, 0];
    case 8:
      return [0, h, -w, 0, w, 0];
    default:
      return [w, 0, 0, h, 0, 0];
  }
}

/**
 * Whether an EXIF orientation swaps width and height on display.
 *
 * @example
 * ```ts
 * swapsAxes(6); // true
 * ```
 */
export function swapsAxes(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}
