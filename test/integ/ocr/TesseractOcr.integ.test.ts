/**
 * The embedded engine for real: tesseract.js in a worker thread, the English model from node_modules, no
 * network. Images are the small synthetic fixtures of test/fixtures/ocr (see PROVENANCE.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boxIou } from '../../../src/geometry/index.js';
import { isValidationError } from '../../../src/kit/errors.js';
import { TesseractOcr } from '../../../src/ocr/TesseractOcr.js';
import type { TextractBlockLike } from '../../../src/textract/model/TextractBlockLike.js';
import {
  boxOf,
  matchedWordIous,
  median,
  OCR_FIXTURES,
  readFixture,
  readLayout,
  tokenRecall,
  tokensOf,
  wordsOf,
} from './ocrScore.js';

const ocr = new TesseractOcr();
afterAll(() => ocr.destroy());

const recallOn = (layoutName: string, blocks: readonly TextractBlockLike[], page?: number) => {
  const layout = readLayout(layoutName).filter((w) => page === undefined || w.page === page);
  const expected = layout.flatMap((w) => tokensOf(w.text));
  const actual = wordsOf(blocks, page).flatMap((w) => tokensOf(w.Text ?? ''));
  return tokenRecall(expected, actual);
};

function expectWellFormed(blocks: readonly TextractBlockLike[], pageCount: number): void {
  const ids = blocks.map((b) => b.Id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(blocks.filter((b) => b.BlockType === 'PAGE').map((b) => b.Page)).toEqual(
    Array.from({ length: pageCount }, (_, i) => i + 1),
  );
  for (const block of blocks) {
    const box = block.Geometry?.BoundingBox;
    for (const v of [box?.Left, box?.Top, box?.Width, box?.Height]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  }
}

describe('Class: TesseractOcr (embedded engine)', () => {
  it('recognises a PNG page: ≥ 90% token recall, word boxes where the text was drawn', async () => {
    // Prepare
    const progress: unknown[] = [];

    // Act
    const result = await ocr.recognize(
      { bytes: readFixture('lines.png'), mediaType: 'image/png' },
      { onProgress: (p) => progress.push(p) },
    );

    // Assert
    expect(result).toMatchObject({ engine: 'tesseract', pageCount: 1, warnings: [] });
    expect(progress).toEqual([{ page: 1, pageCount: 1 }]);
    expectWellFormed(result.blocks, 1);
    expect(result.blocks.filter((b) => b.BlockType === 'LINE')).toHaveLength(4);
    expect(recallOn('lines', result.blocks)).toBeGreaterThanOrEqual(0.9);
    const ious = matchedWordIous(readLayout('lines'), result.blocks);
    expect(ious.length).toBeGreaterThanOrEqual(0.9 * readLayout('lines').length);
    expect(median(ious)).toBeGreaterThanOrEqual(0.7);
    expect(Math.min(...ious)).toBeGreaterThanOrEqual(0.4);
    for (const word of wordsOf(result.blocks)) {
      expect(word.TextType).toBe('PRINTED');
      expect(word.Confidence).toBeGreaterThan(50);
    }
  });

  it('agrees with Amazon Textract on a real scan (fixture 16): token recall ≥ 0.95, median word IoU ≥ 0.75', async () => {
    const textract = JSON.parse(
      readFileSync(
        resolve(OCR_FIXTURES, '../textract/16-employment-app-with-anchor-outputs/SampleInput_blocks.json'),
        'utf8',
      ),
    ) as { Blocks: TextractBlockLike[] };
    const reference = wordsOf(textract.Blocks);

    const result = await ocr.recognize({ bytes: readFixture('employment-app.png'), mediaType: 'image/png' });

    const recognised = wordsOf(result.blocks);
    const recall = tokenRecall(
      reference.flatMap((w) => tokensOf(w.Text ?? '')),
      recognised.flatMap((w) => tokensOf(w.Text ?? '')),
    );
    expect(recall).toBeGreaterThanOrEqual(0.95);
    const ious = reference.flatMap((ref) => {
      const same = recognised.filter((w) => tokensOf(w.Text ?? '')[0] === tokensOf(ref.Text ?? '')[0]);
      return same.length === 0 ? [] : [Math.max(...same.map((w) => boxIou(boxOf(ref), boxOf(w))))];
    });
    expect(median(ious)).toBeGreaterThanOrEqual(0.75);
  });

  it('follows a 3° skew: rotated LINE and WORD polygons along the text, boxes where it was drawn', async () => {
    const result = await ocr.recognize({ bytes: readFixture('skewed.png'), mediaType: 'image/png' });

    expect(recallOn('skewed', result.blocks)).toBeGreaterThanOrEqual(0.9);
    const lines = result.blocks.filter((b) => b.BlockType === 'LINE');
    expect(lines).toHaveLength(2);
    for (const block of [...lines, ...wordsOf(result.blocks).filter((w) => (w.Text ?? '').length > 3)]) {
      const [p0, p1] = (block.Geometry?.Polygon ?? []).map((p) => ({ x: (p.X ?? 0) * 900, y: (p.Y ?? 0) * 375 }));
      const angleDeg = (Math.atan2((p1?.y ?? 0) - (p0?.y ?? 0), (p1?.x ?? 0) - (p0?.x ?? 0)) * 180) / Math.PI;
      // Counter-clockwise on the page is a negative angle with the image's y axis pointing down.
      expect(angleDeg).toBeGreaterThan(-4);
      expect(angleDeg).toBeLessThan(-2);
    }
    expect(median(matchedWordIous(readLayout('skewed'), result.blocks))).toBeGreaterThanOrEqual(0.7);
  });

  it('reads a sideways JPEG upright by its (little-endian) EXIF orientation, geometry in the upright frame', async () => {
    const input = readFixture('sideways.jpg');
    const before = input.slice();

    const result = await ocr.recognize({ bytes: input, mediaType: 'image/jpeg' });

    expect(result.warnings).toEqual([]);
    expect(recallOn('lines', result.blocks)).toBeGreaterThanOrEqual(0.9);
    expect(median(matchedWordIous(readLayout('lines'), result.blocks))).toBeGreaterThanOrEqual(0.7);
    expect(input).toEqual(before);
  });

  it('recognises the same page as JPEG equally well', async () => {
    const result = await ocr.recognize({ bytes: readFixture('lines.jpg'), mediaType: 'image/jpeg' });
    expect(recallOn('lines', result.blocks)).toBeGreaterThanOrEqual(0.9);
    expect(median(matchedWordIous(readLayout('lines'), result.blocks))).toBeGreaterThanOrEqual(0.7);
  });

  it('recognises every page of a multi-page TIFF, numbering pages from 1, in order', async () => {
    const progress: unknown[] = [];
    const input = readFixture('pages.tif');
    const before = input.slice();

    const result = await ocr.recognize(
      { bytes: input, mediaType: 'image/tiff' },
      { onProgress: (p) => progress.push(p) },
    );

    expect(result.pageCount).toBe(2);
    expect(progress).toEqual([
      { page: 1, pageCount: 2 },
      { page: 2, pageCount: 2 },
    ]);
    expectWellFormed(result.blocks, 2);
    expect(recallOn('pages', result.blocks, 1)).toBeGreaterThanOrEqual(0.9);
    expect(recallOn('pages', result.blocks, 2)).toBeGreaterThanOrEqual(0.9);
    expect(wordsOf(result.blocks, 1).map((w) => w.Id?.slice(0, 13))).toContain('tesseract-p1-');
    expect(median(matchedWordIous(readLayout('pages'), result.blocks))).toBeGreaterThanOrEqual(0.7);
    expect(input).toEqual(before);
  });

  it('gives the same blocks with two workers as with one', async () => {
    const parallel = new TesseractOcr({ workers: 2 });
    try {
      const input = { bytes: readFixture('pages.tif'), mediaType: 'image/tiff' } as const;
      const [one, two] = [await ocr.recognize(input), await parallel.recognize(input)];
      expect(two.blocks).toEqual(one.blocks);
    } finally {
      await parallel.destroy();
    }
  });

  it('stops between pages when aborted, rejecting with the signal reason', async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const pagesSeen: number[] = [];

    const run = ocr.recognize(
      { bytes: readFixture('pages.tif'), mediaType: 'image/tiff' },
      {
        signal: controller.signal,
        onProgress: ({ page }) => {
          pagesSeen.push(page);
          controller.abort(reason);
        },
      },
    );

    await expect(run).rejects.toBe(reason);
    expect(pagesSeen).toEqual([1]);
  });

  it('terminates the busy worker when aborted mid-page, and starts a new one for the next call', async () => {
    const controller = new AbortController();
    const created: string[] = [];
    const quiet = () => {};
    const engine = new TesseractOcr({
      logger: { debug: (message) => created.push(message), info: quiet, warn: quiet, error: quiet },
    });
    try {
      const input = { bytes: readFixture('lines.png'), mediaType: 'image/png' } as const;
      await engine.recognize(input);

      const run = engine.recognize(input, { signal: controller.signal });
      // One turn of the event loop later the page is with the worker, which needs far longer to answer.
      setImmediate(() => controller.abort(new DOMException('stop', 'AbortError')));
      await expect(run).rejects.toMatchObject({ name: 'AbortError', message: 'stop' });
      const again = await engine.recognize(input);

      expect(created.filter((e) => e.endsWith('ocr.worker.created'))).toHaveLength(2);
      expect(recallOn('lines', again.blocks)).toBeGreaterThanOrEqual(0.9);
    } finally {
      await engine.destroy();
    }
  });

  it('rejects work in flight with an AbortError when destroyed', async () => {
    const engine = new TesseractOcr();
    const run = engine.recognize({ bytes: readFixture('pages.tif'), mediaType: 'image/tiff' });
    await engine.destroy();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await engine.destroy();
  });

  it('rejects an image the engine cannot decode with a ValidationError, and keeps working', async () => {
    const corrupt = readFixture('lines.png').slice(0, 400);
    corrupt.fill(7, 40);

    let caught: unknown;
    try {
      await ocr.recognize({ bytes: corrupt, mediaType: 'image/png' });
    } catch (error) {
      caught = error;
    }

    expect(isValidationError(caught)).toBe(true);
    expect((caught as Error).message).toBe('input.bytes page 1 could not be read by the OCR engine');
    const after = await ocr.recognize({ bytes: readFixture('lines.png'), mediaType: 'image/png' });
    expect(recallOn('lines', after.blocks)).toBeGreaterThanOrEqual(0.9);
  });

  it('writes no model cache into the working directory', () => {
    expect(existsSync(join(process.cwd(), 'eng.traineddata'))).toBe(false);
  });
});
