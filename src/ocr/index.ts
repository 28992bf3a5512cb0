/**
 * aws-ml-kit/ocr: the `OcrEngine` contract and the embedded offline engine.
 *
 * @packageDocumentation
 */
export {
  DEFAULT_IMAGE_DPI,
  type DeclaredDpi,
  declaredImageDpi,
  type ImageResolution,
  MAX_IMAGE_DPI,
  MIN_IMAGE_DPI,
  resolveImageDpi,
} from './imageResolution.js';
export type {
  BoundingBoxLike,
  GeometryLike,
  OcrEngine,
  OcrInput,
  OcrMediaType,
  OcrOptions,
  OcrResult,
  PointLike,
  RelationshipLike,
  TextractBlockLike,
} from './OcrEngine.js';
export {
  type PdfRasterizeOptions,
  type PdfRasterizer,
  type PdftoppmRasterizerOptions,
  pdftoppmRasterizer,
  type RasterizedPdf,
} from './pdftoppmRasterizer.js';
export {
  DEFAULT_PDF_DPI,
  DEFAULT_TESSERACT_OPTIONS,
  TesseractOcr,
  type TesseractOcrOptions,
  type TesseractPageSegmentationMode,
} from './TesseractOcr.js';
export {
  type TesseractBboxLike,
  type TesseractLayoutBlockLike,
  type TesseractLineLike,
  type TesseractMappingResult,
  type TesseractMappingStats,
  type TesseractPageInfo,
  type TesseractPageLike,
  type TesseractParagraphLike,
  type TesseractSymbolLike,
  type TesseractWordLike,
  tesseractBlockId,
  tesseractToBlocks,
} from './tesseractToBlocks.js';
