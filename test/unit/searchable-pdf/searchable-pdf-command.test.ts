import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/CliIo.js';
import { searchablePdfCommand } from '../../../src/cli/searchable-pdf-command.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const PDF = join(FIXTURES, 'searchable-pdf/13-multipage-async/textractor-multipage-doc.pdf');
const JSON_13 = join(
  FIXTURES,
  'textract/13-multipage-async/test_textractor_start_document_text_detection_multipage_pdf_s3.json',
);
const JSON_16 = join(FIXTURES, 'textract/16-employment-app-with-anchor-outputs/SampleInput_blocks.json');
const dir = mkdtempSync(join(tmpdir(), 'amk-spdf-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeIo(isTTY = false): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
    readStdin: async () => new Uint8Array(readFileSync(PDF)),
    isTTY,
    env: {},
  };
  return io;
}

describe('searchable-pdf command', () => {
  it('builds a searchable PDF from saved Textract JSON and draws a progress bar on a TTY', async () => {
    const io = fakeIo(true);
    const output = join(dir, 'out.pdf');
    const code = await searchablePdfCommand.run([PDF, '-o', output, '--textract', JSON_13], io);
    expect(code).toBe(0);
    expect((await PDFDocument.load(readFileSync(output))).getPageCount()).toBe(2);
    expect(io.out).toContain('2 page(s), 106 word(s)');
    expect(io.err).toContain('\r[###############---------------] text layer 1/2');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads the input from standard input with "-" and prints no progress without a TTY', async () => {
    const io = fakeIo(false);
    const output = join(dir, 'stdin.pdf');
    expect(await searchablePdfCommand.run(['-', '-o', output, '--textract', JSON_13], io)).toBe(0);
    expect(io.err).not.toContain('\r');
    expect(io.err).toContain('already show text');
  });

  it('writes nothing when the build fails', async () => {
    const output = join(dir, 'never.pdf');
    const io = fakeIo();
    await expect(searchablePdfCommand.run([PDF, '-o', output, '--textract', JSON_16], io)).rejects.toThrow(
      /covers 1 page/,
    );
    expect(existsSync(output)).toBe(false);
    expect(
      await searchablePdfCommand.run([PDF, '-o', output, '--textract', JSON_16, '--allow-page-mismatch'], io),
    ).toBe(0);
    expect(io.err).toContain('warning: OCR covers 1 page(s)');
  });

  it('rejects bad arguments with usage and exit code 2', async () => {
    const copied = join(dir, 'copy.pdf');
    copyFileSync(PDF, copied);
    for (const argv of [
      [],
      [PDF],
      [PDF, '-o', 'x.pdf', '--ocr', 'magic'],
      [PDF, '-o', 'x.pdf', '--dpi', 'lots'],
      [PDF, '-o', 'x.pdf', '--ocr', 'tesseract', '--textract', JSON_13],
      [copied, '-o', join(dir, '.', 'copy.pdf'), '--textract', JSON_13], // the output would replace the input
    ]) {
      const io = fakeIo();
      expect(await searchablePdfCommand.run(argv, io), argv.join(' ')).toBe(2);
      expect(io.err).toContain('Usage: aws-ml-kit searchable-pdf');
    }
    expect(readFileSync(copied)).toEqual(readFileSync(PDF));
  });
});
