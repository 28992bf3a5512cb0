/**
 * Pure readers for what the OCR engine needs to know about an image before recognising it: its pixel size
 * (to normalise boxes) and its EXIF orientation. Only headers are read; nothing is decoded.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';

/** Pixel size of an image. */
export interface ImageSizePx {
  readonly widthPx: number;
  readonly heightPx: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when `bytes` start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** True when `bytes` start with a JPEG SOI marker. */
export function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** True when `bytes` start with a classic TIFF header (`II*\0` or `MM\0*`). */
export function isTiff(bytes: Uint8Array): boolean {
  return (
    (bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 0x2a && bytes[3] === 0x00) ||
    (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0x00 && bytes[3] === 0x2a)
  );
}

/**
 * Reads the pixel size from a PNG (IHDR) or JPEG (SOF marker) header.
 *
 * @throws ValidationError when the header is missing or truncated.
 * @example
 * ```ts
 * readImageSizePx(pngBytes, 'image/png'); // { widthPx: 1275, heightPx: 1650 }
 * ```
 */
export function readImageSizePx(bytes: Uint8Array, mediaType: 'image/png' | 'image/jpeg'): ImageSizePx {
  const size = mediaType === 'image/png' ? pngSize(bytes) : jpegSize(bytes);
  if (size === undefined || size.widthPx < 1 || size.heightPx < 1) {
    throw new ValidationError('input.bytes', `is not a readable ${mediaType} image (no valid size in its header)`);
  }
  return size;
}

function pngSize(bytes: Uint8Array): ImageSizePx | undefined {
  // Signature (8) + IHDR length (4) + 'IHDR' (4) + width (4) + height (4).
  if (!isPng(bytes) || bytes.length < 24) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { widthPx: view.getUint32(16), heightPx: view.getUint32(20) };
}

function jpegSize(bytes: Uint8Array): ImageSizePx | undefined {
  if (!isJpeg(bytes)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    // Fill bytes and markers without a length field.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = view.getUint16(offset + 2);
    if (length < 2) return undefined;
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (offset + 9 > bytes.length) return undefined;
      return { heightPx: view.getUint16(offset + 5), widthPx: view.getUint16(offset + 7) };
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    offset += 2 + length;
  }
  return undefined;
}

/**
 * The EXIF orientation (1–8) the embedded engine applies before recognising. tesseract.js looks only at the
 * first 500 bytes for a big-endian Orientation entry; this mirrors that rule exactly, so that box coordinates
 * are normalised by the size of the image the engine actually read.
 *
 * @example
 * ```ts
 * engineExifOrientation(jpegBytes); // 1 when the engine will not rotate the image
 * ```
 */
export function engineExifOrientation(bytes: Uint8Array): number {
  const head = Array.from(bytes.subarray(0, 500)).join(' ');
  const digit = /1 18 0 3 0 0 0 1 0 (\d)/.exec(head)?.[1];
  const value = digit === undefined ? Number.NaN : Number.parseInt(digit, 10);
  return value >= 1 && value <= 8 ? value : 1;
}

/**
 * The EXIF orientation (1–8) declared in a JPEG's APP1 segment, either byte order; 1 when absent.
 *
 * @example
 * ```ts
 * jpegExifOrientation(photoBytes); // 6: the camera was turned 90° clockwise
 * ```
 */
export function jpegExifOrientation(bytes: Uint8Array): number {
  if (!isJpeg(bytes)) return 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xda || marker === 0xd9) break;
    const length = view.getUint16(offset + 2);
    if (length < 2) break;
    if (marker === 0xe1 && offset + 10 <= bytes.length && ascii(bytes, offset + 4, 6) === 'Exif\0\0') {
      return orientationInTiff(view, offset + 10, Math.min(bytes.length, offset + 2 + length));
    }
    offset += 2 + length;
  }
  return 1;
}

function orientationInTiff(view: DataView, start: number, end: number): number {
  if (start + 8 > end) return 1;
  const order = view.getUint16(start);
  if (order !== 0x4949 && order !== 0x4d4d) return 1;
  const little = order === 0x4949;
  const ifd = start + view.getUint32(start + 4, little);
  if (ifd + 2 > end) return 1;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i += 1) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) break;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/**
 * The size of the image after applying an EXIF orientation: orientations 5–8 swap width and height.
 *
 * @example
 * ```ts
 * orientedSizePx({ widthPx: 400, heightPx: 300 }, 6); // { widthPx: 300, heightPx: 400 }
 * ```
 */
export function orientedSizePx(size: ImageSizePx, orientation: number): ImageSizePx {
  return orientation >= 5 && orientation <= 8 ? { widthPx: size.heightPx, heightPx: size.widthPx } : size;
}

/** More IFDs than this in one TIFF is treated as corrupt rather than walked. */
const MAX_TIFF_IFDS = 10_000;

/**
 * Counts the top-level IFDs (pages) of a classic TIFF by walking the IFD chain, rejecting truncated chains and
 * cycles before any decoder sees the file (a cyclic chain would make a naive reader loop forever).
 *
 * @throws ValidationError when the header or the chain is invalid.
 * @example
 * ```ts
 * tiffPageCount(tiffBytes); // 3
 * ```
 */
export function tiffPageCount(bytes: Uint8Array): number {
  if (!isTiff(bytes) || bytes.length < 8) {
    throw new ValidationError('input.bytes', 'is not a readable image/tiff file (no classic TIFF header)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const seen = new Set<number>();
  let offset = view.getUint32(4, little);
  while (offset !== 0) {
    if (seen.has(offset)) throw new ValidationError('input.bytes', 'is a corrupt TIFF file (its page chain loops)');
    if (seen.size >= MAX_TIFF_IFDS) {
      throw new ValidationError('input.bytes', `is a corrupt TIFF file (more than ${MAX_TIFF_IFDS} pages)`);
    }
    if (offset + 2 > bytes.length) throw new ValidationError('input.bytes', 'is a truncated TIFF file');
    seen.add(offset);
    const entries = view.getUint16(offset, little);
    const next = offset + 2 + entries * 12;
    if (next + 4 > bytes.length) throw new ValidationError('input.bytes', 'is a truncated TIFF file');
    offset = view.getUint32(next, little);
  }
  if (seen.size === 0) throw new ValidationError('input.bytes', 'is a TIFF file without pages');
  return seen.size;
}

/**
 * A copy of a JPEG with a minimal big-endian EXIF segment declaring `orientation` inserted right after the SOI
 * marker, so that the embedded engine (which only sees big-endian entries in the first 500 bytes, and takes
 * the first) rotates the image as the file declares. The input is not modified.
 *
 * @example
 * ```ts
 * const upright = jpegWithEngineOrientation(photo, jpegExifOrientation(photo));
 * engineExifOrientation(upright) === jpegExifOrientation(photo); // true
 * ```
 */
export function jpegWithEngineOrientation(bytes: Uint8Array, orientation: number): Uint8Array {
  const header = [0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08]; // "MM", 42, first IFD at offset 8
  const entry = [0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation & 0xff, 0x00, 0x00]; // SHORT ×1
  const tiff = [...header, 0x00, 0x01, ...entry, 0x00, 0x00, 0x00, 0x00]; // one entry, no next IFD
  const payload = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff]; // "Exif\0\0"
  const segment = [0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  const out = new Uint8Array(bytes.length + segment.length);
  out.set(bytes.subarray(0, 2), 0);
  out.set(segment, 2);
  out.set(bytes.subarray(2), 2 + segment.length);
  return out;
}
