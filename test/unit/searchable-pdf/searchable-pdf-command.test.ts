import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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

  describe("messages in the user's words", () => {
    const failureOf = async (argv: string[]): Promise<string> => {
      const io = fakeIo();
      const failure = await searchablePdfCommand.run(argv, io).then(
        () => 'no failure',
        (error: Error) => error.message,
      );
      return failure;
    };

    it('checks the output folder before reading the input or running OCR', async () => {
      const output = join(dir, 'no-such-folder', 'out.pdf');
      // The input does not exist either and the engine would be tesseract: the output is checked first.
      expect(await failureOf([join(dir, 'missing.png'), '-o', output, '--ocr', 'tesseract'])).toBe(
        `-o ${output} cannot be written: the folder ${join(dir, 'no-such-folder')} does not exist`,
      );
      mkdirSync(join(dir, 'a-folder'), { recursive: true });
      expect(await failureOf([PDF, '-o', join(dir, 'a-folder'), '--textract', JSON_13])).toBe(
        `-o ${join(dir, 'a-folder')} is a folder; name a file in it`,
      );
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });

    it('names a missing, empty or unrecognised input file', async () => {
      const output = join(dir, 'msg.pdf');
      const missing = join(dir, 'missing.pdf');
      expect(await failureOf([missing, '-o', output, '--textract', JSON_13])).toBe(`input ${missing} does not exist`);
      const empty = join(dir, 'empty.pdf');
      writeFileSync(empty, '');
      expect(await failureOf([empty, '-o', output, '--textract', JSON_13])).toBe(`input ${empty} is empty (0 bytes)`);
      const notes = join(dir, 'notes.txt');
      writeFileSync(notes, 'not a scan');
      expect(await failureOf([notes, '-o', output, '--textract', JSON_13])).toBe(
        `input ${notes} is not a PDF, JPEG, PNG or TIFF file`,
      );
      expect(existsSync(output)).toBe(false);
    });

    it('names the --textract file that is missing, empty, truncated or not Textract output', async () => {
      const output = join(dir, 'msg.pdf');
      const missing = join(dir, 'missing.json');
      expect(await failureOf([PDF, '-o', output, '--textract', missing])).toBe(`--textract ${missing} does not exist`);
      const truncated = join(dir, 'truncated.json');
      writeFileSync(truncated, readFileSync(JSON_13).subarray(0, 1000));
      expect(await failureOf([PDF, '-o', output, '--textract', truncated])).toBe(
        `--textract ${truncated} is not valid JSON: truncated at byte 1000 (the file ends inside a value; was it cut short?)`,
      );
      const other = join(dir, 'other.json');
      writeFileSync(other, '[{"Pages": 2}]');
      expect(await failureOf([PDF, '-o', output, '--textract', other])).toBe(
        `--textract ${other} is JSON but not Textract output (an object with Blocks, or an array of them)`,
      );
    });

    it('says the flag, not the library parameter, when the OCR or --dpi does not fit', async () => {
      const output = join(dir, 'msg.pdf');
      expect(await failureOf([PDF, '-o', output, '--textract', JSON_16])).toBe(
        `the Textract output in --textract ${JSON_16} covers 1 page(s) but the input has 2`,
      );
      expect(await failureOf([PDF, '-o', output, '--textract', JSON_13, '--dpi', '5'])).toMatch(
        /^--dpi must be a number between \d+ and \d+, got 5$/,
      );
    });
  });
});
