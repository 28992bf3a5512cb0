/**
 * The embedded engine is quiet and visible: Tesseract's own lines (resolution estimates, libpng errors) never
 * reach the process's stderr, and the CLI's progress bar shows the OCR stage per page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { searchablePdfCommand } from '../../../src/cli/searchable-pdf-command.js';
import type { Logger } from '../../../src/kit/log.js';
import { TesseractOcr } from '../../../src/ocr/TesseractOcr.js';
import { fakeIo } from '../../helpers/fakeIo.js';
import { OCR_FIXTURES, readFixture } from './ocrScore.js';

const dir = mkdtempSync(join(tmpdir(), 'amk-quiet-ocr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type LogEvent = [message: string, meta: Record<string, unknown> | undefined];

function recordingLogger(): Logger & { events: LogEvent[] } {
  const events: LogEvent[] = [];
  const record = (message: string, meta?: Record<string, unknown>) => void events.push([message, meta]);
  return { events, debug: record, info: record, warn: record, error: record };
}

describe('embedded OCR engine output', () => {
  it("keeps libpng's lines for a damaged image off stderr and counts them in the logger", async () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    const logger = recordingLogger();
    const ocr = new TesseractOcr({ logger });
    try {
      const corrupt = readFixture('lines.png').slice(0, 400);
      corrupt.fill(7, 40);
      await expect(ocr.recognize({ bytes: corrupt, mediaType: 'image/png' })).rejects.toThrow(
        'page 1 could not be read by the OCR engine',
      );
      await vi.waitFor(
        () => {
          const kinds = logger.events
            .filter(([message]) => message.endsWith('ocr.engine.message'))
            .map(([, meta]) => meta?.event);
          expect(kinds).toContain('image-error');
        },
        { timeout: 10_000 },
      );
      // The engine keeps working, and stays quiet, on the next image.
      expect((await ocr.recognize({ bytes: readFixture('lines.png'), mediaType: 'image/png' })).pageCount).toBe(1);
    } finally {
      await ocr.destroy();
    }
    const written = stderr.mock.calls.map(([chunk]) => String(chunk)).join('');
    expect(written).not.toMatch(/libpng|pixRead|Estimating resolution/);
  });

  it('shows the OCR stage in the CLI progress bar from its start, page by page', async () => {
    const io = fakeIo({ isTTY: true });
    const output = join(dir, 'lines.pdf');
    expect(
      await searchablePdfCommand.run([resolve(OCR_FIXTURES, 'lines.png'), '-o', output, '--ocr', 'tesseract'], io.io),
    ).toBe(0);
    const frames = io.stderr.split('\r');
    expect(frames).toContain('[------------------------------] OCR        0/1');
    expect(frames).toContain('[##############################] OCR        1/1');
    expect(io.stderr).toContain('text layer 1/1');
    expect(io.stderr.indexOf('OCR        0/1')).toBeLessThan(io.stderr.indexOf('OCR        1/1'));
  });
});
