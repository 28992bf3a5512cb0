/**
 * Cheap page counting for PDF and TIFF bytes, to choose between Textract's synchronous API (one page) and the
 * asynchronous one (many pages, via S3) without parsing the whole document.
 *
 * @module
 */

/** Bytes scanned per step; chunks overlap so a keyword split across two chunks is still seen. */
const CHUNK_BYTES = 8 * 1024 * 1024;
const OVERLAP_CHARS = 64;
/** An object header (`12 0 obj`) or a page object's type (`/Type /Page`, not `/Pages`). */
const PDF_TOKEN = /(\d{1,10})\s{1,4}\d{1,5}\s{1,4}obj\b|\/Type\s{0,4}\/Page(?![A-Za-z])/g;

/**
 * Counts the page objects of a PDF: the distinct objects containing `/Type /Page`. Returns `undefined` when none is
 * visible, e.g. because the page objects sit in compressed object streams (PDF 1.5+); the caller then cannot
 * tell and should let the service decide. An incremental update that rewrites a page object is counted once.
 *
 * @example
 * ```ts
 * const pages = countPdfPages(bytes); // 3, or undefined when the page objects are compressed
 * ```
 */
export function countPdfPages(bytes: Uint8Array): number | undefined {
  const decoder = new TextDecoder('latin1');
  const pageObjects = new Set<string>();
  let currentObject: string | undefined;
  let anonymous = 0;
  let carry = '';
  for (let start = 0; start < bytes.byteLength; start += CHUNK_BYTES) {
    const last = start + CHUNK_BYTES >= bytes.byteLength;
    const text = carry + decoder.decode(bytes.subarray(start, start + CHUNK_BYTES));
    // Matches starting in the overlap tail are left for the next chunk, where they are complete.
    const limit = last ? text.length : text.length - OVERLAP_CHARS;
    let processedEnd = 0;
    PDF_TOKEN.lastIndex = 0;
    for (let match = PDF_TOKEN.exec(text); match && match.index < limit; match = PDF_TOKEN.exec(text)) {
      if (match[1] !== undefined) currentObject = match[1];
      else if (currentObject !== undefined) pageObjects.add(currentObject);
      else anonymous += 1;
      processedEnd = match.index + match[0].length;
    }
    carry = last ? '' : text.slice(Math.max(processedEnd, limit));
  }
  const count = pageObjects.size + anonymous;
  return count > 0 ? count : undefined;
}

/** Most IFDs followed before giving up on a corrupt chain. */
const MAX_TIFF_IFDS = 100_000;

/**
 * Counts the images (IFDs) of a classic TIFF. Returns `undefined` for BigTIFF or a header it cannot read.
 *
 * @example
 * ```ts
 * const pages = countTiffPages(bytes); // 1 for a single-page scan
 * ```
 */
export function countTiffPages(bytes: Uint8Array): number | undefined {
  if (bytes.byteLength < 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const order = view.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return undefined;
  const little = order === 0x4949;
  if (view.getUint16(2, little) !== 42) return undefined;
  const seen = new Set<number>();
  let offset = view.getUint32(4, little);
  let count = 0;
  while (offset !== 0 && offset + 2 <= bytes.byteLength && !seen.has(offset) && count < MAX_TIFF_IFDS) {
    seen.add(offset);
    count += 1;
    const next = offset + 2 + view.getUint16(offset, little) * 12;
    if (next + 4 > bytes.byteLength) break;
    offset = view.getUint32(next, little);
  }
  return count > 0 ? count : undefined;
}

/**
 * Pages of a document as far as a cheap scan can tell: 1 for JPEG and PNG, the counted pages for PDF and TIFF,
 * `undefined` when the scan cannot tell.
 *
 * @example
 * ```ts
 * countDocumentPages(bytes, 'application/pdf'); // 3
 * ```
 */
export function countDocumentPages(bytes: Uint8Array, mediaType: string): number | undefined {
  if (mediaType === 'application/pdf') return countPdfPages(bytes);
  if (mediaType === 'image/tiff') return countTiffPages(bytes);
  return 1;
}
