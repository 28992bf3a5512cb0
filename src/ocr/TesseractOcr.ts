/**
 * `TesseractOcr`: the embedded, offline OCR engine (tesseract.js with the English model installed from npm).
 *
 * @module
 */
import { raceAbort, throwIfAborted } from '../kit/abort.js';
import { loadOnce } from '../kit/clients.js';
import { ValidationError } from '../kit/errors.js';
import { createSafeLogger, type Logger } from '../kit/log.js';
import {
  engineExifOrientation,
  type ImageSizePx,
  isJpeg,
  isPng,
  isTiff,
  jpegExifOrientation,
  jpegWithEngineOrientation,
  orientedSizePx,
  readImageSizePx,
} from './imageHeader.js';
import { type DeclaredDpi, declaredImageDpi, resolveImageDpi } from './imageResolution.js';
import { loadTesseractRuntime, type TesseractWorkerLike } from './loadTesseract.js';
import type { OcrEngine, OcrInput, OcrMediaType, OcrOptions, OcrResult, TextractBlockLike } from './OcrEngine.js';
import type { PdfRasterizer } from './pdftoppmRasterizer.js';
import { type TesseractMappingStats, type TesseractPageLike, tesseractToBlocks } from './tesseractToBlocks.js';
import { openTiffPages } from './tiffPages.js';
import { WorkerPool } from './WorkerPool.js';

/**
 * Tesseract page segmentation modes that yield text without the OSD model (which is not bundled): 3 automatic,
 * 4 single column, 6 single block, 7 single line, 8 single word, 11 sparse text, 13 raw line.
 */
export type TesseractPageSegmentationMode = 3 | 4 | 6 | 7 | 8 | 11 | 13;

const PAGE_SEGMENTATION_MODES: readonly number[] = [3, 4, 6, 7, 8, 11, 13];

/** Options of {@link TesseractOcr}. */
export interface TesseractOcrOptions {
  /** Tesseract language code(s), e.g. `eng` or `eng+deu`. Only English ships with aws-ml-kit. */
  language?: string;
  /**
   * Folder holding `<language>.traineddata.gz` (gzipped). Defaults to the English model installed with
   * `@tesseract.js-data/eng`; required for other languages.
   */
  langPath?: string | undefined;
  /** How Tesseract segments the page. */
  pageSegmentationMode?: TesseractPageSegmentationMode;
  /**
   * Resolution of the images in dots per inch, or `'auto'` for the rule `SearchablePdfBuilder` sizes pages by
   * (`resolveImageDpi`): the resolution the image declares (PNG pHYs, JPEG JFIF or EXIF, TIFF tags), else
   * `DEFAULT_IMAGE_DPI` (300). Tesseract uses it to size its filters (clamped to 70–2400).
   */
  dpi?: number | 'auto';
  /** How many engine workers (threads) may recognise pages at once. Each holds ~60–80 MB plus the page it reads. */
  workers?: number;
  /**
   * Renders PDF pages to images, so that PDF input can be recognised (e.g. {@link pdftoppmRasterizer}, which needs
   * poppler-utils). Without it, PDF input is rejected with a `ValidationError`. Pages are rendered at `dpi`, or
   * at 300 dpi when `dpi` is `'auto'`.
   */
  rasterizePdf?: PdfRasterizer | undefined;
  /** Receives metadata only (page numbers, counts, durations), never text. */
  logger?: Logger | undefined;
}

/** Defaults of {@link TesseractOcrOptions}. */
export const DEFAULT_TESSERACT_OPTIONS = {
  /** English, the model bundled through npm. */
  language: 'eng',
  /** Tesseract's automatic page segmentation without orientation detection. */
  pageSegmentationMode: 3,
  /** The resolution in the image's metadata, else 300 dpi. */
  dpi: 'auto',
  /** One worker thread; each holds ~60–80 MB plus the page it reads. */
  workers: 1,
} as const satisfies Required<Omit<TesseractOcrOptions, 'langPath' | 'logger' | 'rasterizePdf'>>;

/** Resolution PDF pages are rendered at when `dpi` is `'auto'`. */
export const DEFAULT_PDF_DPI = 300;

/** Widest and tallest image Tesseract accepts, in pixels. */
const MAX_SIDE_PX = 32_767;
const MIN_DPI = 70;
const MAX_DPI = 2400;
const MAX_WORKERS = 32;

/** One page image, ready for the engine. */
interface PageImage {
  readonly bytes: Uint8Array;
  /** Size of the image as the engine sees it (after its EXIF rotation). */
  readonly size: ImageSizePx;
  /** The density the file declares (or the resolution a PDF page was rendered at). */
  readonly dpi: DeclaredDpi;
}

interface PageSource {
  readonly pageCount: number;
  page(index: number): PageImage | Promise<PageImage>;
  close?(): Promise<void>;
}

/**
 * The embedded, offline OCR engine: tesseract.js running in worker threads with the English model installed
 * from npm, so nothing is downloaded at run time. It reads PNG, JPEG and (multi-page) TIFF images and returns
 * Textract-shaped PAGE, LINE and WORD blocks with normalised geometry, so code written for `TextractOcr`
 * works unchanged.
 *
 * PDFs need a renderer, which aws-ml-kit does not bundle: pass `rasterizePdf: pdftoppmRasterizer()` (uses
 * poppler-utils when installed), or your own {@link PdfRasterizer}. Without one, PDF input is rejected with a
 * `ValidationError`; use `TextractOcr`, which reads PDFs natively, or rasterise the pages yourself.
 *
 * Workers start on first use (the first call takes ~0.5 s longer) and stay alive for the next call without
 * keeping the process alive; call {@link TesseractOcr.destroy} to free their memory.
 *
 * @example
 * ```ts
 * import { TesseractOcr } from 'aws-ml-kit/ocr';
 *
 * const ocr = new TesseractOcr();
 * try {
 *   const { blocks } = await ocr.recognize({ bytes: await readFile('scan.png'), mediaType: 'image/png' });
 *   console.log(blocks.filter((b) => b.BlockType === 'LINE').length);
 * } finally {
 *   await ocr.destroy();
 * }
 * ```
 */
export class TesseractOcr implements OcrEngine {
  /** Engine name reported in {@link OcrResult.engine}. */
  readonly name = 'tesseract';
  readonly #language: string;
  readonly #langPath: string | undefined;
  readonly #pageSegmentationMode: TesseractPageSegmentationMode;
  readonly #dpi: number | 'auto';
  readonly #workers: number;
  readonly #rasterizePdf: PdfRasterizer | undefined;
  readonly #log: Logger;
  readonly #pool: WorkerPool<TesseractWorkerLike>;
  /** tesseract.js and the model, loaded on the first page; a failed load is tried again next time. */
  readonly #loadRuntime = loadOnce(() => loadTesseractRuntime());
  /** Rejects when a worker's thread exits on its own (a crash), so its page fails instead of hanging. */
  readonly #exits = new WeakMap<TesseractWorkerLike, Promise<never>>();
  /** Aborted by `destroy()`, so work in flight stops with the workers. */
  #lifetime = new AbortController();

  /**
   * @throws ValidationError for an option outside its documented range.
   * @example
   * ```ts
   * const ocr = new TesseractOcr({ workers: 2, dpi: 300 });
   * ```
   */
  constructor(options: TesseractOcrOptions = {}) {
    const language = options.language ?? DEFAULT_TESSERACT_OPTIONS.language;
    if (!/^[A-Za-z_]{3,}(\+[A-Za-z_]{3,})*$/.test(language)) {
      throw new ValidationError(
        'options.language',
        'must be Tesseract language codes joined by +, e.g. eng or eng+deu',
      );
    }
    if (language !== 'eng' && options.langPath === undefined) {
      throw new ValidationError('options.langPath', 'is required for languages other than eng (only eng is bundled)');
    }
    const mode = options.pageSegmentationMode ?? DEFAULT_TESSERACT_OPTIONS.pageSegmentationMode;
    if (!PAGE_SEGMENTATION_MODES.includes(mode)) {
      throw new ValidationError('options.pageSegmentationMode', `must be one of ${PAGE_SEGMENTATION_MODES.join(', ')}`);
    }
    const dpi = options.dpi ?? DEFAULT_TESSERACT_OPTIONS.dpi;
    if (dpi !== 'auto' && !(Number.isInteger(dpi) && dpi >= MIN_DPI && dpi <= MAX_DPI)) {
      throw new ValidationError(
        'options.dpi',
        `must be 'auto' or an integer from ${MIN_DPI} to ${MAX_DPI}, got ${dpi}`,
      );
    }
    const workers = options.workers ?? DEFAULT_TESSERACT_OPTIONS.workers;
    if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
      throw new ValidationError('options.workers', `must be an integer from 1 to ${MAX_WORKERS}, got ${workers}`);
    }
    this.#language = language;
    this.#langPath = options.langPath;
    this.#pageSegmentationMode = mode;
    this.#dpi = dpi;
    this.#workers = workers;
    this.#rasterizePdf = options.rasterizePdf;
    this.#log = createSafeLogger(options.logger);
    this.#pool = new WorkerPool<TesseractWorkerLike>(
      { create: () => this.#createWorker(), destroy: async (worker) => void (await worker.terminate()) },
      workers,
    );
  }

  /**
   * Recognises every page of a PNG, JPEG or TIFF image. Pages are numbered from 1; block ids are deterministic
   * (`tesseract-p1-l2-w3`). Words with empty text or unusable boxes are dropped and counted in `warnings`.
   *
   * @throws ValidationError for PDF input, an unsupported or corrupt image, or a mismatched media type.
   * @throws MissingDependencyError when tesseract.js or `@tesseract.js-data/eng` is not installed.
   * @throws the signal's reason when `options.signal` fires (the busy worker is terminated).
   * @example
   * ```ts
   * const result = await ocr.recognize(
   *   { bytes: tiffBytes, mediaType: 'image/tiff' },
   *   { signal: AbortSignal.timeout(120_000), onProgress: ({ page, pageCount }) => console.log(page, pageCount) },
   * );
   * ```
   */
  async recognize(input: OcrInput, options: OcrOptions = {}): Promise<OcrResult> {
    const startedMs = Date.now();
    const callerSignal = options.signal;
    throwIfAborted(callerSignal);
    // Captured before the first await, so that a `destroy()` from now on stops this call.
    const lifetime = this.#lifetime.signal;
    const signal = callerSignal ? AbortSignal.any([callerSignal, lifetime]) : lifetime;
    const source = await this.#openPages(input, signal);
    try {
      return await this.#recognizePages(source, signal, options.onProgress, startedMs);
    } finally {
      await source.close?.();
    }
  }

  async #recognizePages(
    source: PageSource,
    signal: AbortSignal,
    onProgress: OcrOptions['onProgress'],
    startedMs: number,
  ): Promise<OcrResult> {
    const { pageCount } = source;
    const pages: (readonly TextractBlockLike[] | undefined)[] = new Array(pageCount);
    const pageWarnings: string[][] = [];
    let next = 0;
    let reported = 0;
    let failed = false;

    const work = async (): Promise<void> => {
      while (next < pageCount && !failed) {
        throwIfAborted(signal);
        const index = next;
        next += 1;
        try {
          const image = await source.page(index);
          const pageStartedMs = Date.now();
          const page = await this.#recognizeImage(image, index + 1, signal);
          const mapped = tesseractToBlocks(page, { pageNumber: index + 1, ...image.size });
          pages[index] = mapped.blocks;
          pageWarnings[index] = warningsFor(index + 1, mapped.stats);
          this.#log.debug('ocr.page', {
            page: index + 1,
            lines: mapped.stats.lines,
            words: mapped.stats.words,
            durationMs: Date.now() - pageStartedMs,
          });
        } catch (error) {
          failed = true;
          throw error;
        }
        // Report in page order, even when workers finish out of order.
        while (reported < pageCount && pages[reported] !== undefined) {
          reported += 1;
          onProgress?.({ page: reported, pageCount });
        }
      }
    };

    // Wait for every worker, not just the first failure: a sibling's page in flight must not report progress
    // after the call rejected, nor read from a source that is already closed.
    const outcomes = await Promise.allSettled(Array.from({ length: Math.min(this.#workers, pageCount) }, () => work()));
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    const blocks = pages.flatMap((page) => page ?? []);
    const warnings = pageWarnings.flatMap((list) => list ?? []);
    this.#log.info('ocr.done', { pages: pageCount, blocks: blocks.length, durationMs: Date.now() - startedMs });
    return { blocks, pageCount, engine: this.name, warnings };
  }

  /**
   * Terminates the engine's workers and frees their memory; work in flight rejects with an `AbortError`. The
   * engine stays usable: the next call starts new workers.
   *
   * @example
   * ```ts
   * await ocr.destroy();
   * ```
   */
  async destroy(): Promise<void> {
    const lifetime = this.#lifetime;
    this.#lifetime = new AbortController();
    const reason = new DOMException('TesseractOcr was destroyed', 'AbortError');
    lifetime.abort(reason);
    await this.#pool.close(reason);
  }

  /**
   * Same as {@link TesseractOcr.destroy}, named after the tesseract.js worker method.
   *
   * @example
   * ```ts
   * await ocr.terminate();
   * ```
   */
  terminate(): Promise<void> {
    return this.destroy();
  }

  async #recognizeImage(image: PageImage, pageNumber: number, signal: AbortSignal): Promise<TesseractPageLike> {
    const worker = await this.#pool.acquire(signal);
    worker.worker?.ref?.();
    let healthy = true;
    try {
      // The resolution rule SearchablePdfBuilder sizes pages by: declared density, else the documented default.
      const { dpiX, dpiY } = resolveImageDpi(image.dpi, this.#dpi === 'auto' ? {} : { dpi: this.#dpi });
      const dpi = Math.min(MAX_DPI, Math.max(MIN_DPI, Math.round((dpiX + dpiY) / 2)));
      // Per-job parameters: tesseract.js restores them after the job.
      const parameters = { user_defined_dpi: String(dpi) };
      const job = worker.recognize(image.bytes, parameters, { blocks: true, text: false });
      const exited = this.#exits.get(worker);
      const { data } = await raceAbort(exited ? Promise.race([job, exited]) : job, signal).catch((error: unknown) => {
        if (signal.aborted) {
          healthy = false;
          throw signal.reason;
        }
        if (error instanceof WorkerExitedError) {
          healthy = false;
          throw new ValidationError(
            'input.bytes',
            `page ${pageNumber} stopped the OCR engine (its worker thread exited; the image may be too large or damaged)`,
            { cause: error },
          );
        }
        throw new ValidationError('input.bytes', `page ${pageNumber} could not be read by the OCR engine`, {
          cause: error,
        });
      });
      return data;
    } finally {
      if (healthy) {
        worker.worker?.unref?.();
        this.#pool.release(worker);
      } else {
        // The engine cannot be interrupted mid-page: stop its thread and start afresh next time.
        void this.#pool.discard(worker);
      }
    }
  }

  async #createWorker(): Promise<TesseractWorkerLike> {
    const startedMs = Date.now();
    const runtime = await this.#loadRuntime();
    const worker = await runtime.createWorker({
      language: this.#language,
      langPath: this.#langPath ?? runtime.englishLangPath,
      // The engine's own lines are counted by kind, never printed: they would break a CLI's output.
      onEngineMessage: (kind) => this.#log.debug('ocr.engine.message', { event: kind }),
    });
    try {
      await worker.setParameters({ tessedit_pageseg_mode: String(this.#pageSegmentationMode) });
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    // Idle workers must not keep the process alive; `#recognizeImage` refs the thread while it works.
    worker.worker?.unref?.();
    const exited = new Promise<never>((_, reject) => {
      // Without an 'error' listener a crashing thread would throw in the main thread; its 'exit' follows.
      worker.worker?.on?.('error', () => {});
      worker.worker?.on?.('exit', (code) => {
        // A dead worker must not be handed out again (no-op when the pool already let it go).
        void this.#pool.discard(worker);
        reject(new WorkerExitedError(Number(code)));
      });
    });
    // Observed only while a page runs; an exit between pages (or by terminate) needs no handler.
    exited.catch(() => {});
    this.#exits.set(worker, exited);
    this.#log.debug('ocr.worker.created', { durationMs: Date.now() - startedMs });
    return worker;
  }

  async #openPages(input: OcrInput, signal: AbortSignal): Promise<PageSource> {
    const { bytes, mediaType } = validateInput(input);
    if (mediaType === 'application/pdf') return this.#openPdf(bytes, signal);
    if (mediaType === 'image/tiff') {
      const tiff = await openTiffPages(bytes);
      return {
        pageCount: tiff.pageCount,
        page: (index) => {
          const page = tiff.page(index);
          const size = checkedSize(
            orientedSizePx({ widthPx: page.widthPx, heightPx: page.heightPx }, engineExifOrientation(page.bytes)),
          );
          return { bytes: page.bytes, size, dpi: { dpiX: page.dpi, dpiY: page.dpi } };
        },
      };
    }
    // Read the header now, so that a bad image fails before any worker starts.
    const image = prepareImage(bytes, mediaType);
    return { pageCount: 1, page: () => image };
  }

  async #openPdf(bytes: Uint8Array, signal: AbortSignal): Promise<PageSource> {
    if (this.#rasterizePdf === undefined) {
      throw new ValidationError(
        'input.mediaType',
        'application/pdf needs options.rasterizePdf (e.g. pdftoppmRasterizer()) with TesseractOcr; or rasterise each page first (pdftoppm -r 300 -png), or use TextractOcr',
      );
    }
    const dpi = this.#dpi === 'auto' ? DEFAULT_PDF_DPI : this.#dpi;
    const pdf = await this.#rasterizePdf(bytes, { dpi, signal });
    return {
      pageCount: pdf.pageCount,
      close: () => pdf.close(),
      page: async (index) => {
        const image = await pdf.page(index);
        const { mediaType } = validateInput(image);
        if (mediaType !== 'image/png' && mediaType !== 'image/jpeg') {
          throw new ValidationError('options.rasterizePdf', `must return PNG or JPEG pages, got ${mediaType}`);
        }
        return { ...prepareImage(image.bytes, mediaType), dpi: { dpiX: dpi, dpiY: dpi } };
      },
    };
  }
}

/** A PNG or JPEG page as the engine will see it: upright by its EXIF orientation, with its size. */
function prepareImage(bytes: Uint8Array, mediaType: 'image/png' | 'image/jpeg'): PageImage {
  let image = bytes;
  let orientation = engineExifOrientation(bytes);
  const declared = mediaType === 'image/jpeg' ? jpegExifOrientation(bytes) : orientation;
  if (declared !== orientation) {
    // The engine misses little-endian EXIF; hand it a copy it reads, so the page is recognised upright and the
    // geometry refers to the upright image, as viewers (and SearchablePdfBuilder) show it.
    image = jpegWithEngineOrientation(bytes, declared);
    orientation = declared;
  }
  const size = checkedSize(orientedSizePx(readImageSizePx(bytes, mediaType), orientation));
  return { bytes: image, size, dpi: declaredImageDpi(bytes, mediaType) };
}

/** A worker thread ended on its own while recognising. */
class WorkerExitedError extends Error {
  constructor(code: number) {
    super(`OCR worker thread exited with code ${code}`);
    this.name = 'WorkerExitedError';
  }
}

function validateInput(input: OcrInput): { bytes: Uint8Array; mediaType: OcrMediaType } {
  const { bytes, mediaType } = input ?? {};
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    throw new ValidationError('input.bytes', 'must be a non-empty Uint8Array');
  }
  const matches = { 'image/png': isPng, 'image/jpeg': isJpeg, 'image/tiff': isTiff, 'application/pdf': isPdf } as const;
  const check = matches[mediaType as keyof typeof matches];
  if (check === undefined) {
    throw new ValidationError(
      'input.mediaType',
      `must be image/png, image/jpeg, image/tiff or application/pdf, got ${String(mediaType)}`,
    );
  }
  if (!check(bytes)) throw new ValidationError('input.bytes', `does not start with a ${mediaType} signature`);
  return { bytes, mediaType };
}

/** PDF files start with `%PDF-`, though readers accept up to 1 KB of junk before it. */
function isPdf(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

function checkedSize(size: ImageSizePx): ImageSizePx {
  if (size.widthPx < 1 || size.heightPx < 1 || size.widthPx > MAX_SIDE_PX || size.heightPx > MAX_SIDE_PX) {
    throw new ValidationError(
      'input.bytes',
      `image size ${size.widthPx}×${size.heightPx} px is outside 1–${MAX_SIDE_PX} px per side`,
    );
  }
  return size;
}

function warningsFor(page: number, stats: TesseractMappingStats): string[] {
  const warnings: string[] = [];
  if (stats.emptyWords > 0) warnings.push(`page ${page}: ${stats.emptyWords} word(s) with empty text skipped`);
  if (stats.invalidBoxes > 0) warnings.push(`page ${page}: ${stats.invalidBoxes} word(s) without a usable box skipped`);
  if (stats.clippedBoxes > 0) warnings.push(`page ${page}: ${stats.clippedBoxes} word box(es) clipped to the image`);
  return warnings;
}
