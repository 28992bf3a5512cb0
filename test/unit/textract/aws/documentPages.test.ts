import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { countDocumentPages, countPdfPages, countTiffPages } from '../../../../src/textract/aws/documentPages.js';
import { minimalPdf, tiffHeader } from './documents.js';

describe('Function: countPdfPages', () => {
  it.each([1, 2, 7])('counts the page objects of a %i-page PDF, not the /Pages node', (pages) => {
    expect(countPdfPages(minimalPdf(pages))).toBe(pages);
  });

  it('counts a page object rewritten by an incremental update once', () => {
    const base = new TextDecoder().decode(minimalPdf(1));
    const update = `${base}3 0 obj\n<< /Type /Page /Parent 2 0 R /Rotate 90 >>\nendobj\n%%EOF\n`;
    expect(countPdfPages(new TextEncoder().encode(update))).toBe(1);
  });

  it('finds page objects on both sides of a chunk boundary', () => {
    const head = new TextDecoder().decode(minimalPdf(2));
    // ~8 MiB of filler puts the second part's objects across the scanner's chunk boundary.
    const filler = `%${'x'.repeat(8 * 1024 * 1024 - head.length - 20)}\n`;
    const tail = '10 0 obj\n<< /Type /Page >>\nendobj\n11 0 obj\n<< /Type /Page >>\nendobj\n';
    expect(countPdfPages(new TextEncoder().encode(head + filler + tail))).toBe(4);
  });

  it('returns undefined when page objects sit in compressed object streams', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.addPage();
    const bytes = await doc.save({ useObjectStreams: true });
    expect(countPdfPages(bytes)).toBeUndefined();
  });

  it('returns undefined for bytes that are not a PDF', () => {
    expect(countPdfPages(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });
});

describe('Function: countTiffPages', () => {
  it.each([
    [1, true],
    [3, true],
    [2, false],
  ])('counts %i IFDs (little endian: %s)', (images, little) => {
    expect(countTiffPages(tiffHeader(images, little))).toBe(images);
  });

  it('stops on an IFD chain that loops back on itself', () => {
    const bytes = tiffHeader(2);
    new DataView(bytes.buffer).setUint32(8 + 18 + 14, 8, true); // second IFD points back to the first
    expect(countTiffPages(bytes)).toBe(2);
  });

  it('returns undefined for a bad header, BigTIFF or too few bytes', () => {
    expect(countTiffPages(new Uint8Array([0x49, 0x49, 42]))).toBeUndefined();
    expect(countTiffPages(new Uint8Array([0x41, 0x41, 42, 0, 8, 0, 0, 0]))).toBeUndefined();
    expect(countTiffPages(new Uint8Array([0x49, 0x49, 43, 0, 8, 0, 0, 0]))).toBeUndefined();
  });
});

describe('Function: countDocumentPages', () => {
  it('treats JPEG and PNG as one page and dispatches PDF and TIFF', () => {
    expect(countDocumentPages(new Uint8Array([0xff, 0xd8]), 'image/jpeg')).toBe(1);
    expect(countDocumentPages(new Uint8Array([0x89]), 'image/png')).toBe(1);
    expect(countDocumentPages(minimalPdf(3), 'application/pdf')).toBe(3);
    expect(countDocumentPages(tiffHeader(2), 'image/tiff')).toBe(2);
  });
});
