import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidationError, type ValidationError } from '../../../src/kit/errors.js';
import type { OcrInput } from '../../../src/ocr/OcrEngine.js';
import { DEFAULT_TESSERACT_OPTIONS, TesseractOcr, type TesseractOcrOptions } from '../../../src/ocr/TesseractOcr.js';

const png = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../fixtures/ocr/lines.png')));

async function validationError(act: () => unknown): Promise<ValidationError> {
  try {
    await act();
  } catch (error) {
    if (isValidationError(error)) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

// These tests never start a worker: every check runs before the engine is loaded.
describe('Class: TesseractOcr (validation, no engine)', () => {
  it('documents its defaults', () => {
    expect(DEFAULT_TESSERACT_OPTIONS).toEqual({ language: 'eng', pageSegmentationMode: 3, dpi: 'auto', workers: 1 });
    expect(new TesseractOcr().name).toBe('tesseract');
  });

  it.each<[TesseractOcrOptions, string]>([
    [{ workers: 0 }, 'options.workers'],
    [{ workers: 1.5 }, 'options.workers'],
    [{ dpi: 30 }, 'options.dpi'],
    [{ dpi: 5000 }, 'options.dpi'],
    [{ pageSegmentationMode: 0 as never }, 'options.pageSegmentationMode'],
    [{ language: 'eng; rm -rf' }, 'options.language'],
    [{ language: 'deu' }, 'options.langPath'],
  ])('rejects %o naming %s', async (options, field) => {
    expect((await validationError(() => new TesseractOcr(options))).field).toBe(field);
  });

  it('accepts other languages when a model folder is given', () => {
    expect(() => new TesseractOcr({ language: 'eng+deu', langPath: '/models' })).not.toThrow();
  });

  it('rejects PDF input without a rasteriser, pointing to one, to pdftoppm and to Textract', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n');
    const error = await validationError(() =>
      new TesseractOcr().recognize({ bytes: pdf, mediaType: 'application/pdf' }),
    );
    expect(error.field).toBe('input.mediaType');
    expect(error.message).toMatch(/rasterizePdf/);
    expect(error.message).toMatch(/pdftoppm/);
    expect(error.message).toMatch(/TextractOcr/);
  });

  it('checks the PDF signature before calling the rasteriser', async () => {
    let called = false;
    const ocr = new TesseractOcr({
      rasterizePdf: async () => {
        called = true;
        throw new Error('not reached');
      },
    });
    const error = await validationError(() => ocr.recognize({ bytes: png, mediaType: 'application/pdf' }));
    expect(error.field).toBe('input.bytes');
    expect(called).toBe(false);
  });

  it.each<[string, OcrInput]>([
    ['empty bytes', { bytes: new Uint8Array(), mediaType: 'image/png' }],
    ['bytes that are not a Uint8Array', { bytes: 'abc' as never, mediaType: 'image/png' }],
    ['an unknown media type', { bytes: png, mediaType: 'image/gif' as never }],
    ['a PNG labelled as JPEG', { bytes: png, mediaType: 'image/jpeg' }],
    ['a PNG labelled as TIFF', { bytes: png, mediaType: 'image/tiff' }],
    ['a truncated PNG header', { bytes: png.subarray(0, 16), mediaType: 'image/png' }],
  ])('rejects %s before starting the engine', async (_, input) => {
    expect((await validationError(() => new TesseractOcr().recognize(input))).field).toMatch(/^input\./);
  });

  it('rejects an image larger than the engine accepts', async () => {
    const huge = png.slice(0, 24);
    new DataView(huge.buffer).setUint32(16, 40_000);
    const error = await validationError(() => new TesseractOcr().recognize({ bytes: huge, mediaType: 'image/png' }));
    expect(error.message).toContain('40000');
  });

  it('rejects with the signal reason when aborted before starting', async () => {
    const reason = new Error('cancelled');
    await expect(
      new TesseractOcr().recognize({ bytes: png, mediaType: 'image/png' }, { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
  });

  it('destroy and terminate are safe before any use', async () => {
    const ocr = new TesseractOcr();
    await expect(ocr.destroy()).resolves.toBeUndefined();
    await expect(ocr.terminate()).resolves.toBeUndefined();
  });
});
