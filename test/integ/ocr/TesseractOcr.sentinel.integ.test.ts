/**
 * The sentinel rule (SPEC §2.6) for the embedded engine: recognised text never reaches warnings, log lines or
 * errors, on the success, failure and abort paths.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TesseractOcr } from '../../../src/ocr/TesseractOcr.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';
import { readFixture, wordsOf } from './ocrScore.js';

const logger = recordingLogger();
const ocr = new TesseractOcr({ logger });
afterAll(() => ocr.destroy());

async function failure(run: Promise<unknown>): Promise<unknown> {
  try {
    await run;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('Class: TesseractOcr (sentinel)', () => {
  it('returns the sentinel as text but never puts it in warnings or log lines', async () => {
    const result = await ocr.recognize({ bytes: readFixture('sentinel.png'), mediaType: 'image/png' });

    // The text really went through the engine…
    expect(wordsOf(result.blocks).map((w) => w.Text)).toContain(SENTINEL);
    // …and only into the blocks.
    expect(logger.lines.length).toBeGreaterThan(0);
    expectNoSentinel([...logger.lines, ...result.warnings]);
  });

  it('keeps it out of errors on the abort and failure paths', async () => {
    const controller = new AbortController();
    const aborted = ocr.recognize(
      { bytes: readFixture('sentinel.png'), mediaType: 'image/png' },
      { signal: controller.signal },
    );
    setImmediate(() => controller.abort());
    const abortError = await failure(aborted);

    const corrupt = readFixture('sentinel.png').slice(0, 300);
    corrupt.fill(7, 40);
    const readError = await failure(ocr.recognize({ bytes: corrupt, mediaType: 'image/png' }));
    const pdfError = await failure(ocr.recognize({ bytes: corrupt, mediaType: 'application/pdf' }));

    expect(abortError).toMatchObject({ name: 'AbortError' });
    expectNoSentinel(logger.lines, abortError, readError, pdfError);
  });
});
