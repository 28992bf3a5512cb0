import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { searchablePdfCommand } from '../../../src/cli/searchable-pdf-command.js';
import { TesseractOcr } from '../../../src/ocr/index.js';
import { SearchablePdfBuilder } from '../../../src/searchable-pdf/index.js';
import { pdfJsPageTexts, popplerText } from '../../helpers/text-layer-scorer.js';

const dir = mkdtempSync(join(tmpdir(), 'amk-spdf-e2e-'));
const ocr = new TesseractOcr();

afterAll(async () => {
  await ocr.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** Renders known text into a 300 dpi PNG (a "scan") with pdf-lib and poppler. */
async function scanOf(lines: readonly string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 300]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  lines.forEach((text, i) => {
    page.drawText(text, { x: 50, y: 240 - i * 40, size: 20, font });
  });
  const pdfPath = join(dir, 'known.pdf');
  writeFileSync(pdfPath, await doc.save());
  execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', pdfPath, join(dir, 'scan')], { timeout: 60_000 });
  return new Uint8Array(readFileSync(join(dir, 'scan.png')));
}

describe('SearchablePdfBuilder with the embedded OCR engine (offline, end to end)', () => {
  it('recognises a rendered scan and makes its words findable with pdf.js and pdftotext', async () => {
    const lines = ['Searchable invoice number 4711', 'Payment due within thirty days'];
    const scan = await scanOf(lines);
    const builder = new SearchablePdfBuilder({ ocrEngine: ocr });
    const result = await builder.build(scan);
    expect(result.ocrEngine).toBe('tesseract');
    expect(result.pageCount).toBe(1);
    const path = join(dir, 'searchable.pdf');
    writeFileSync(path, result.pdf);
    const pdfjs = (await pdfJsPageTexts(result.pdf))[0] ?? '';
    const poppler = popplerText(path, 1);
    for (const word of lines.join(' ').split(' ')) {
      expect(pdfjs, `pdf.js ${word}`).toContain(word);
      expect(poppler, `pdftotext ${word}`).toContain(word);
    }
  }, 120_000);

  it('is what the CLI uses without --textract and without AWS credentials', async () => {
    const scan = await scanOf(['Offline command line']);
    const input = join(dir, 'cli-scan.png');
    writeFileSync(input, scan);
    const output = join(dir, 'cli.pdf');
    let err = '';
    const io = {
      stdout: () => {},
      stderr: (text: string) => {
        err += text;
      },
      readStdin: async () => new Uint8Array(),
      isTTY: false,
      env: {},
    };
    expect(await searchablePdfCommand.run([input, '-o', output], io)).toBe(0);
    expect(err).toContain('OCR with tesseract');
    expect(popplerText(output, 1)).toContain('Offline');
  }, 120_000);
});
