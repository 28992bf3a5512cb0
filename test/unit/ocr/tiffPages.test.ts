import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import UTIF from 'utif2';
import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/kit/errors.js';
import { openTiffPages } from '../../../src/ocr/tiffPages.js';

const pagesTif = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../fixtures/ocr/pages.tif')));

describe('Function: openTiffPages', () => {
  it('splits a multi-page TIFF into single-page RGBA TIFFs with their size and resolution', async () => {
    const tiff = await openTiffPages(pagesTif);
    expect(tiff.pageCount).toBe(2);
    for (const index of [0, 1]) {
      const page = tiff.page(index);
      expect(page).toMatchObject({ widthPx: 750, heightPx: 225, dpi: 150 });
      const ifds = UTIF.decode(page.bytes.slice().buffer);
      expect(ifds).toHaveLength(1);
      expect(ifds[0]?.t256).toEqual([750]);
    }
  });

  it('decodes different pixels for different pages and never modifies the input', async () => {
    const before = pagesTif.slice();
    const tiff = await openTiffPages(pagesTif);
    const [a, b] = [tiff.page(0).bytes, tiff.page(1).bytes];
    expect(Buffer.compare(a, b)).not.toBe(0);
    expect(pagesTif).toEqual(before);
  });

  it('passes a single-page TIFF through untouched', async () => {
    const tiff = await openTiffPages(await onePage());
    expect(tiff.pageCount).toBe(1);
    const page = tiff.page(0);
    expect(page.widthPx).toBe(3);
    expect(page.dpi).toBeUndefined();
  });

  it('rejects a page index out of range and a TIFF whose strips are missing', async () => {
    const tiff = await openTiffPages(pagesTif);
    expect(() => tiff.page(2)).toThrow(/index/);
    const truncated = pagesTif.slice(0, 600);
    let caught: unknown;
    try {
      (await openTiffPages(truncated)).page(1);
    } catch (error) {
      caught = error;
    }
    expect(isValidationError(caught)).toBe(true);
  });

  it('rejects a TIFF whose only page directory has no image width', async () => {
    // Header → one IFD with no entries and no next IFD: a valid chain, but no image in it.
    const empty = new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    await expect(openTiffPages(empty)).rejects.toThrow('input.bytes is a TIFF file without readable pages');
  });
});

async function onePage(): Promise<Uint8Array> {
  const rgba = new Uint8Array(3 * 2 * 4).fill(255);
  // encodeImage declares ResolutionUnit "none", which carries no DPI.
  return new Uint8Array(UTIF.encodeImage(rgba, 3, 2));
}
