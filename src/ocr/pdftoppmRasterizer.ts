/**
 * Rasterising PDF pages for the embedded engine with poppler's `pdftoppm` (a system tool, not bundled), one
 * page at a time, in a private temporary folder that is removed afterwards.
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '../kit/errors.js';
import type { OcrInput } from './OcrEngine.js';

/** Options a {@link PdfRasterizer} is called with. */
export interface PdfRasterizeOptions {
  /** Resolution to render at, in dots per inch. */
  readonly dpi: number;
  /** Stops the rendering; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

/** A PDF opened for page-by-page rendering. */
export interface RasterizedPdf {
  /** Pages in the PDF. */
  readonly pageCount: number;
  /** Renders page `index` (0-based) to an image. */
  page(index: number): Promise<OcrInput>;
  /** Frees what the rasteriser holds (temporary files). */
  close(): Promise<void>;
}

/**
 * Turns PDF bytes into page images, so that `TesseractOcr` can read PDFs. Page images must show each page as a
 * viewer does (crop box, `/Rotate` applied), since OCR geometry is normalised to the image.
 */
export type PdfRasterizer = (pdf: Uint8Array, options: PdfRasterizeOptions) => Promise<RasterizedPdf>;

/** Options of {@link pdftoppmRasterizer}. */
export interface PdftoppmRasterizerOptions {
  /** Folder holding `pdftoppm` and `pdfinfo`; by default they are looked up on the PATH. */
  popplerBinDir?: string | undefined;
}

/**
 * A {@link PdfRasterizer} using poppler's `pdfinfo` (page count) and `pdftoppm` (one grey PNG per page, crop
 * box and `/Rotate` applied). Needs poppler-utils installed (`apt-get install poppler-utils`, `brew install
 * poppler`); without it, PDF recognition fails with a `ValidationError` that says so.
 *
 * @example
 * ```ts
 * const ocr = new TesseractOcr({ rasterizePdf: pdftoppmRasterizer() });
 * const { blocks } = await ocr.recognize({ bytes: pdfBytes, mediaType: 'application/pdf' });
 * ```
 */
export function pdftoppmRasterizer(options: PdftoppmRasterizerOptions = {}): PdfRasterizer {
  const tool = (name: string) => (options.popplerBinDir === undefined ? name : join(options.popplerBinDir, name));
  return async (pdf, { dpi, signal }) => {
    const dir = await mkdtemp(join(tmpdir(), 'aws-ml-kit-ocr-'));
    const close = () => rm(dir, { recursive: true, force: true });
    try {
      const input = join(dir, 'input.pdf');
      await writeFile(input, pdf);
      const info = await run(tool('pdfinfo'), [input], signal);
      const pageCount = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? Number.NaN);
      if (!(pageCount >= 1)) throw new ValidationError('input.bytes', 'is a PDF without pages');
      return {
        pageCount,
        close,
        page: async (index) => {
          const n = String(index + 1);
          const prefix = join(dir, `page-${n}`);
          await run(
            tool('pdftoppm'),
            ['-r', String(dpi), '-gray', '-png', '-singlefile', '-f', n, '-l', n, input, prefix],
            signal,
          );
          const file = `${prefix}.png`;
          const bytes = new Uint8Array(await readFile(file));
          await rm(file, { force: true });
          return { bytes, mediaType: 'image/png' };
        },
      };
    } catch (error) {
      await close();
      throw error;
    }
  };
}

function run(command: string, args: readonly string[], signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { signal, encoding: 'utf8', maxBuffer: 1 << 20 }, (error, stdout) => {
      if (!error) return resolve(stdout);
      if (signal?.aborted) return reject(signal.reason);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(
          new ValidationError(
            'input.mediaType',
            `application/pdf needs poppler's ${command} to rasterise pages; install poppler-utils or use TextractOcr`,
            { cause: error },
          ),
        );
      }
      // poppler's messages name the file and the fault, never page content; keep them as the cause only.
      reject(
        new ValidationError('input.bytes', 'is not a PDF poppler can read (damaged or encrypted)', { cause: error }),
      );
    });
  });
}
