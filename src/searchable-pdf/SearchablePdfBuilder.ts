/**
 * `SearchablePdfBuilder`: scanned PDFs and images plus OCR → a PDF with an exact, invisible, selectable text
 * layer. The original pages are never rasterised or re-encoded: PDF pages get the layer grafted on, JPEGs are
 * embedded byte-for-byte, PNGs losslessly.
 *
 * @module
 */
import { PDFArray, PDFDocument, PDFHexString, type PDFImage, PDFName, type PDFPage, type PDFRef } from 'pdf-lib';
import { throwIfAborted } from '../kit/abort.js';
import { isAwsMlKitError, LimitError, ValidationError } from '../kit/errors.js';
import { createSafeLogger, type Logger } from '../kit/log.js';
import { DEFAULT_IMAGE_DPI, MAX_IMAGE_DPI, MIN_IMAGE_DPI, resolveImageDpi } from '../ocr/imageResolution.js';
import type { OcrEngine, OcrMediaType, OcrResult } from '../ocr/OcrEngine.js';
import { CidAllocator } from './CidAllocator.js';
import { Fingerprint } from './documentId.js';
import { GlyphlessFontObjects } from './GlyphlessFontObjects.js';
import { graftTextLayer } from './graftTextLayer.js';
import { type InputFormat, jpegInfo, orientationMatrix, pngInfo, sniffFormat, swapsAxes } from './imageInfo.js';
import {
  DEFAULT_TEXT_LAYER_LAYOUT_OPTIONS,
  type DropReason,
  layoutTextLayer,
  type TextLayerLayoutOptions,
} from './layoutTextLayer.js';
import { drawingOrder, separateOverlappingLines } from './overlappingLines.js';
import { type PageFrame, pageFrame } from './pageFrame.js';
import { pageHasText } from './pageHasText.js';
import { textLayerContent } from './textLayerContent.js';
import { type TextractInput, textractPages } from './textractPages.js';
import { embedTiffPages } from './tiffPages.js';

/** OCR the builder can take: an engine's result, or saved Textract output (single or paginated). */
export type SearchablePdfOcr = OcrResult | TextractInput;

/** Progress of a build, reported once per page and stage. */
export interface SearchablePdfProgress {
  /** `ocr` while the engine recognises pages, then `text-layer`. */
  readonly stage: 'ocr' | 'text-layer';
  /** The 1-based page just finished; `0` when the OCR stage starts, before its first page is done. */
  readonly page: number;
  /** Pages in the document. */
  readonly pageCount: number;
}

/** Options of {@link SearchablePdfBuilder}; every one can also be given per {@link SearchablePdfBuilder.build}. */
export interface SearchablePdfBuilderOptions extends TextLayerLayoutOptions {
  /** Engine used when `build()` gets no `ocr`. */
  ocrEngine?: OcrEngine | undefined;
  /** Draw OCR boxes and baselines visibly (for checking alignment). */
  debug?: boolean | undefined;
  /**
   * What to do with OCR words that have empty text, zero-size, non-finite or missing boxes (or whose LINE has no
   * geometry): `error` (default) rejects the OCR with a `ValidationError` naming the reason; `drop` leaves them
   * out and reports them in `droppedWords` and `warnings`. Off-page boxes and lines of implausible aspect are
   * always dropped and reported.
   */
  invalidWords?: 'error' | 'drop' | undefined;
  /**
   * What to do with PDF pages that already show text (born-digital pages, or an earlier OCR layer): `add` the
   * layer anyway (default; its font sizes are kept apart from the original's so extractors do not merge the
   * two), or `skip` those pages, as OCRmyPDF's `--skip-text` does. Either way a warning names the pages.
   */
  existingText?: 'add' | 'skip' | undefined;
  /** What to do when the OCR covers a different number of pages than the document. */
  pageCountMismatch?: 'error' | 'warn' | undefined;
  /** Image resolution, overriding the file's metadata. */
  dpi?: number | undefined;
  /**
   * Image resolution when the file declares none (or an implausible one); see `resolveImageDpi` in
   * `aws-ml-kit/ocr`, the rule `TesseractOcr` follows too.
   */
  defaultDpi?: number | undefined;
  /** Display JPEGs upright according to their EXIF orientation (by the placement matrix, never by re-encoding). */
  applyExifOrientation?: boolean | undefined;
  /** `/CreationDate` of image documents, and of PDF input when given. Omitted by default, for determinism. */
  creationDate?: Date | undefined;
  /** `/ModDate`; omitted by default. */
  modificationDate?: Date | undefined;
  /** The `/ID` (32 hex digits). Defaults to a fingerprint of the input and the text layer. */
  documentId?: string | undefined;
  /** Receives metadata only (counts, sizes), never text. */
  logger?: Logger | undefined;
}

/** Options of one {@link SearchablePdfBuilder.build} call. */
export interface SearchablePdfBuildOptions extends SearchablePdfBuilderOptions {
  /** OCR for the input; without it the builder's `ocrEngine` is asked. */
  ocr?: SearchablePdfOcr | undefined;
  /** Cancels the build; it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called once per page and stage. */
  onProgress?: ((progress: SearchablePdfProgress) => void) | undefined;
}

/** The outcome of a build. */
export interface SearchablePdfResult {
  /** The searchable PDF. */
  readonly pdf: Uint8Array;
  /** Pages in the output (the same as in the input). */
  readonly pageCount: number;
  /** Words written into the text layer. */
  readonly wordCount: number;
  /** Words left out, by reason (empty text, zero-size or off-page boxes, implausible line aspect). */
  readonly droppedWords: Readonly<Partial<Record<DropReason, number>>>;
  /** Non-fatal problems (counts and page numbers only, never text). */
  readonly warnings: readonly string[];
  /** The engine that produced the OCR, when one was used. */
  readonly ocrEngine?: string | undefined;
}

/** Largest page side PDF viewers accept (ISO 32000 implementation limit, in points). */
const MAX_PAGE_PT = 14_400;

/** Defaults of {@link SearchablePdfBuilderOptions}. */
export const DEFAULT_SEARCHABLE_PDF_OPTIONS = Object.freeze({
  /** The text layer is invisible. */
  debug: false,
  /** OCR for a different number of pages is rejected. */
  pageCountMismatch: 'error' as const,
  /** OCR words with empty text or broken boxes are rejected. */
  invalidWords: 'error' as const,
  /** Pages that already show text get a layer too (and a warning). */
  existingText: 'add' as const,
  /** Images without density metadata are taken as 300 dpi. */
  defaultDpi: DEFAULT_IMAGE_DPI,
  /** JPEGs are shown upright according to their EXIF orientation. */
  applyExifOrientation: true,
});

/** Drop reasons that mean the OCR itself is broken (rejected unless `invalidWords: 'drop'`). */
const INVALID_WORD_REASONS = ['empty-text', 'zero-size', 'non-finite'] as const;

const MEDIA_TYPES: Record<InputFormat, OcrMediaType> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
};

interface PreparedPage {
  readonly page: PDFPage;
  readonly frame: PageFrame;
  /** Whether the page already draws text (PDF input only). */
  readonly hasText?: boolean;
}

export { DEFAULT_IMAGE_DPI, MAX_IMAGE_DPI, MIN_IMAGE_DPI };

function checkDpi(field: string, dpi: number | undefined): void {
  if (dpi === undefined) return;
  if (!Number.isFinite(dpi) || dpi < MIN_IMAGE_DPI || dpi > MAX_IMAGE_DPI) {
    throw new ValidationError(field, `must be a number between ${MIN_IMAGE_DPI} and ${MAX_IMAGE_DPI}, got ${dpi}`);
  }
}

function numbers(array: PDFArray | undefined): [number, number, number, number] | undefined {
  if (array?.size() !== 4) return undefined;
  const values = array.asArray().map((v) => Number((v as { asNumber?: () => number }).asNumber?.()));
  return values.every(Number.isFinite) ? (values as [number, number, number, number]) : undefined;
}

/**
 * Builds searchable PDFs from scans (PDF, JPEG, PNG, TIFF) and OCR (any `OcrEngine`, or saved Textract JSON).
 *
 * @example
 * ```ts
 * import { SearchablePdfBuilder } from 'aws-ml-kit/searchable-pdf';
 * const builder = new SearchablePdfBuilder();
 * const { pdf, warnings } = await builder.build(scanBytes, { ocr: savedTextractResponse });
 * await writeFile('searchable.pdf', pdf);
 * ```
 */
export class SearchablePdfBuilder {
  private readonly defaults: SearchablePdfBuilderOptions;

  /**
   * @param options - defaults for every build; see {@link DEFAULT_SEARCHABLE_PDF_OPTIONS}.
   *
   * @example
   * ```ts
   * const builder = new SearchablePdfBuilder({ ocrEngine: new TesseractOcr(), debug: true });
   * ```
   */
  constructor(options: SearchablePdfBuilderOptions = {}) {
    checkDpi('options.dpi', options.dpi);
    checkDpi('options.defaultDpi', options.defaultDpi);
    this.defaults = options;
  }

  /**
   * Adds an invisible text layer to every page of `input` and returns the new PDF. `input` is never modified.
   *
   * @param input - the bytes of a PDF, JPEG, PNG or (multi-page) TIFF file.
   * @throws ValidationError for unsupported, truncated, encrypted or corrupt input, absurd DPI, or OCR for a
   *   different number of pages (unless `pageCountMismatch: 'warn'`).
   *
   * @example
   * ```ts
   * const result = await builder.build(pdfBytes, { ocr: [page1Response, page2Response], signal });
   * console.log(result.pageCount, result.wordCount, result.droppedWords);
   * ```
   */
  async build(input: Uint8Array, options: SearchablePdfBuildOptions = {}): Promise<SearchablePdfResult> {
    const opts = { ...DEFAULT_SEARCHABLE_PDF_OPTIONS, ...this.defaults, ...definedOnly(options) };
    const log = createSafeLogger(opts.logger);
    const { signal, onProgress } = options;
    throwIfAborted(signal);
    if (!(input instanceof Uint8Array) || input.length === 0) {
      throw new ValidationError('input', 'must be a non-empty Uint8Array');
    }
    checkDpi('options.dpi', opts.dpi);
    checkDpi('options.defaultDpi', opts.defaultDpi);
    if (opts.documentId !== undefined && !/^[0-9a-fA-F]{32}$/.test(opts.documentId)) {
      throw new ValidationError('options.documentId', 'must be 32 hexadecimal digits');
    }
    const format = sniffFormat(input);
    if (!format) throw new ValidationError('input', 'is not a PDF, JPEG, PNG or TIFF file');
    const warnings: string[] = [];

    const { doc, pages } = await this.prepare(input, format, opts, warnings);
    throwIfAborted(signal);

    let ocr: SearchablePdfOcr | undefined = opts.ocr;
    let engineName: string | undefined;
    if (ocr === undefined) {
      if (!opts.ocrEngine) throw new ValidationError('options.ocr', 'is required when no ocrEngine is configured');
      // OCR is the slow part: say it has started (page 0) before the first page is done.
      onProgress?.({ stage: 'ocr', page: 0, pageCount: pages.length });
      const result = await opts.ocrEngine.recognize(
        { bytes: input, mediaType: MEDIA_TYPES[format] },
        {
          signal,
          onProgress: onProgress && ((p) => onProgress({ stage: 'ocr', page: p.page, pageCount: p.pageCount })),
        },
      );
      engineName = result.engine;
      warnings.push(...result.warnings);
      ocr = result;
    } else if (typeof ocr !== 'object' || ocr === null) {
      throw new ValidationError(
        'options.ocr',
        `is ${ocr === null ? 'null' : typeof ocr}; expected an OcrResult or Textract output`,
      );
    } else if ('engine' in ocr && typeof ocr.engine === 'string') {
      engineName = ocr.engine;
    }
    throwIfAborted(signal);
    const ocrPages = textractPages(ocr);
    const ocrPageCount =
      'pageCount' in ocr && typeof ocr.pageCount === 'number'
        ? Math.max(ocr.pageCount, ocrPages.pageCount)
        : ocrPages.pageCount;
    if (ocrPageCount !== pages.length) {
      const rule = `covers ${ocrPageCount} page(s) but the input has ${pages.length}`;
      if (opts.pageCountMismatch !== 'warn') throw new ValidationError('options.ocr', rule);
      warnings.push(`OCR ${rule}; pages without OCR get no text layer`);
    }

    const cids = new CidAllocator();
    const font = new GlyphlessFontObjects(doc.context);
    const fingerprint = new Fingerprint().update(input);
    const droppedWords: Partial<Record<DropReason, number>> = {};
    let wordCount = 0;
    const pagesWithText = pages.flatMap((p, i) => (p.hasText ? [i + 1] : []));
    if (pagesWithText.length > 0) {
      const action = opts.existingText === 'skip' ? 'left without a new layer' : 'given a layer anyway';
      warnings.push(`${pagesWithText.length} page(s) already show text, ${action}: ${pagesWithText.join(', ')}`);
    }
    for (const [index, { page, frame, hasText }] of pages.entries()) {
      throwIfAborted(signal);
      const ocrPage = hasText && opts.existingText === 'skip' ? undefined : ocrPages.page(index + 1);
      if (opts.invalidWords === 'error') {
        for (const kind of ['word', 'line'] as const) {
          const count = ocrPages.skipped[`${kind}-without-geometry`];
          if (count) throw new ValidationError('options.ocr', `has ${count} ${kind}(s) without geometry`);
        }
      }
      if (ocrPage) {
        const layout = layoutTextLayer(ocrPage, frame, hasText ? { ...opts, minLineBoxEmHeight: 2 } : opts);
        wordCount += layout.wordCount;
        if (opts.invalidWords === 'error') {
          for (const reason of INVALID_WORD_REASONS) {
            const count = layout.droppedWords[reason];
            if (count)
              throw new ValidationError('options.ocr', `page ${index + 1} has ${count} word(s) with ${reason}`);
          }
        }
        for (const [reason, count] of Object.entries(layout.droppedWords) as [DropReason, number][]) {
          droppedWords[reason] = (droppedWords[reason] ?? 0) + count;
          warnings.push(`page ${index + 1}: ${count} word(s) dropped (${reason})`);
        }
        const minGapEm = opts.minWordGapEm ?? DEFAULT_TEXT_LAYER_LAYOUT_OPTIONS.minWordGapEm;
        const lines = drawingOrder(separateOverlappingLines(layout.lines, minGapEm));
        const content = textLayerContent(lines, cids, { debug: opts.debug });
        if (content === undefined) {
          throw new LimitError('distinctCharacters', 'a text layer holds at most 65535 distinct characters');
        }
        fingerprint.updateText(content);
        const fonts: Record<string, PDFRef> = {};
        for (const line of lines) fonts[line.profile.resourceName] = font.refFor(line.profile);
        graftTextLayer(doc.context, page.node, frame, content, fonts);
      }
      onProgress?.({ stage: 'text-layer', page: index + 1, pageCount: pages.length });
    }
    for (const [reason, count] of Object.entries(ocrPages.skipped))
      warnings.push(`${count} OCR blocks skipped (${reason})`);
    font.finish(cids);
    this.setMetadata(doc, format, opts, fingerprint.hex());
    throwIfAborted(signal);
    const pdf = await doc.save({
      useObjectStreams: true,
      addDefaultPage: false,
      updateFieldAppearances: false,
      objectsPerTick: 5_000,
    });
    throwIfAborted(signal);
    log.info('searchable-pdf.build', { pages: pages.length, words: wordCount, bytes: pdf.length });
    return { pdf, pageCount: pages.length, wordCount, droppedWords, warnings, ocrEngine: engineName };
  }

  private async prepare(
    input: Uint8Array,
    format: InputFormat,
    opts: SearchablePdfBuilderOptions,
    warnings: string[],
  ): Promise<{ doc: PDFDocument; pages: PreparedPage[] }> {
    if (format === 'pdf') return loadPdf(input, warnings);
    const doc = await PDFDocument.create({ updateMetadata: false });
    const pages: PreparedPage[] = [];
    const pageSize = (
      widthPx: number,
      heightPx: number,
      dpiX: number | undefined,
      dpiY: number | undefined,
      swap: boolean,
    ) => {
      const resolution = resolveImageDpi({ dpiX, dpiY }, opts);
      if (resolution.implausibleMetadata) {
        warnings.push(`image density metadata is implausible; using ${resolution.dpiX} dpi`);
      }
      const widthPt = (widthPx * 72) / resolution.dpiX;
      const heightPt = (heightPx * 72) / resolution.dpiY;
      const size = swap ? { widthPt: heightPt, heightPt: widthPt } : { widthPt, heightPt };
      if (size.widthPt > MAX_PAGE_PT || size.heightPt > MAX_PAGE_PT || size.widthPt < 1 || size.heightPt < 1) {
        const page = `${Math.round(size.widthPt)}×${Math.round(size.heightPt)} pt, outside 1–${MAX_PAGE_PT} pt`;
        if (resolution.source === 'option') throw new ValidationError('options.dpi', `gives a page of ${page}`);
        // The caller passed no dpi: the image itself is the problem, so name its size and where the dpi came from.
        const from = resolution.source === 'metadata' ? 'its declared' : 'the default';
        throw new ValidationError(
          'input',
          `is a ${widthPx}×${heightPx} px image; at ${from} ${Math.round(resolution.dpiX)} dpi that is a page of ${page} (pass options.dpi to size it)`,
        );
      }
      return size;
    };
    const addImagePage = (imageRef: PDFRef, size: { widthPt: number; heightPt: number }, orientation: number) => {
      const page = doc.addPage([size.widthPt, size.heightPt]);
      const m = orientationMatrix(orientation, size.widthPt, size.heightPt).map((v) => Math.round(v * 10_000) / 10_000);
      page.node.set(PDFName.of('Resources'), doc.context.obj({ XObject: { AwsMlKitImage: imageRef } }));
      const content = doc.context.register(doc.context.flateStream(`q ${m.join(' ')} cm /AwsMlKitImage Do Q\n`));
      page.node.set(PDFName.of('Contents'), content);
      pages.push({
        page,
        frame: { widthPt: size.widthPt, heightPt: size.heightPt, displayToUser: [1, 0, 0, 1, 0, 0] },
      });
    };
    if (format === 'tiff') {
      for (const tiff of await embedTiffPages(input, doc.context)) {
        addImagePage(tiff.imageRef, pageSize(tiff.widthPx, tiff.heightPx, tiff.dpiX, tiff.dpiY, false), 1);
      }
      return { doc, pages };
    }
    const info = format === 'jpeg' ? jpegInfo(input) : pngInfo(input);
    const orientation = opts.applyExifOrientation === false ? 1 : info.orientation;
    let image: PDFImage;
    try {
      image = format === 'jpeg' ? await doc.embedJpg(input) : await doc.embedPng(input);
    } catch (error) {
      throw new ValidationError(
        'input',
        `is a ${format.toUpperCase()} file that could not be read (corrupt or unsupported)`,
        { cause: error },
      );
    }
    const swap = swapsAxes(orientation);
    addImagePage(image.ref, pageSize(info.widthPx, info.heightPx, info.dpiX, info.dpiY, swap), orientation);
    if (format === 'png') {
      // pdf-lib decodes PNGs lazily at save time; decode now so a corrupt file fails here, as a ValidationError.
      try {
        await image.embed();
      } catch (error) {
        throw new ValidationError('input', 'is a PNG file whose image data could not be decoded', { cause: error });
      }
    }
    return { doc, pages };
  }

  private setMetadata(
    doc: PDFDocument,
    format: InputFormat,
    opts: SearchablePdfBuilderOptions,
    fingerprint: string,
  ): void {
    // Every output names the same producer, whatever the input format and whichever engine read it.
    doc.setProducer('aws-ml-kit');
    if (opts.creationDate) doc.setCreationDate(opts.creationDate);
    if (opts.modificationDate) doc.setModificationDate(opts.modificationDate);
    const id = (opts.documentId ?? fingerprint).toUpperCase();
    const previous = doc.context.lookupMaybe(doc.context.trailerInfo.ID, PDFArray);
    const first = previous?.get(0);
    doc.context.trailerInfo.ID = doc.context.obj([
      format === 'pdf' && first instanceof PDFHexString ? first : PDFHexString.of(id),
      PDFHexString.of(id),
    ]);
  }
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function loadPdf(input: Uint8Array, warnings: string[]): Promise<{ doc: PDFDocument; pages: PreparedPage[] }> {
  const tail = String.fromCharCode(...input.subarray(Math.max(0, input.length - 2048)));
  if (!tail.includes('%%EOF')) throw new ValidationError('input', 'is a truncated PDF (no %%EOF marker at the end)');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(input, { updateMetadata: false, parseSpeed: Number.POSITIVE_INFINITY });
  } catch (error) {
    // pdf-lib's errors are ES5 subclasses of Error (instanceof and name do not survive), so read the message.
    if (error instanceof Error && /\bis encrypted\b/.test(error.message)) {
      throw new ValidationError('input', 'is an encrypted PDF; decrypt it first', { cause: error });
    }
    if (isAwsMlKitError(error)) throw error;
    throw new ValidationError('input', 'is a PDF that could not be parsed (corrupt)', { cause: error });
  }
  let docPages: PDFPage[];
  try {
    docPages = doc.getPages();
  } catch (error) {
    throw new ValidationError('input', 'is a PDF whose page tree could not be read (corrupt)', { cause: error });
  }
  if (docPages.length === 0) throw new ValidationError('input', 'is a PDF without pages');
  const pages = docPages.map((page, index) => {
    const media = numbers(page.node.MediaBox());
    if (!media) throw new ValidationError('input', `is a PDF whose page ${index + 1} has no valid MediaBox`);
    const crop = numbers(page.node.CropBox()) ?? media;
    const rotate = page.node.Rotate()?.asNumber() ?? 0;
    if (rotate % 90 !== 0) warnings.push(`page ${index + 1}: /Rotate ${rotate} is not a multiple of 90; treated as 0`);
    return {
      page,
      frame: pageFrame(crop, rotate % 90 === 0 ? rotate : 0),
      hasText: pageHasText(doc.context, page.node),
    };
  });
  return { doc, pages };
}
