/**
 * aws-ml-kit/searchable-pdf: scanned PDFs and images plus OCR → PDFs with an exact, invisible, selectable text
 * layer, without rasterising or re-encoding the original pages.
 *
 * @packageDocumentation
 */
export { CidAllocator } from './CidAllocator.js';
export {
  GLYPHLESS_ADVANCE,
  GLYPHLESS_ASCENT,
  GLYPHLESS_DESCENT,
  GLYPHLESS_FONT_NAME,
  GLYPHLESS_UNITS_PER_EM,
  glyphlessTrueType,
} from './GlyphlessFont.js';
export { TEXT_LAYER_XOBJECT_NAME } from './graftTextLayer.js';
export {
  DEFAULT_TEXT_LAYER_LAYOUT_OPTIONS,
  type DropReason,
  layoutTextLayer,
  type PlacedLine,
  type PlacedWord,
  type ResolvedLayoutOptions,
  type TextLayerLayout,
  type TextLayerLayoutOptions,
  visualOrder,
} from './layoutTextLayer.js';
export type { LineBoxProfile } from './lineBoxProfiles.js';
export type { NormalisedBox, NormalisedPoint, OcrLineText, OcrPageText, OcrWordText } from './OcrPageText.js';
export { type PageFrame, type PdfMatrix, pageFrame } from './pageFrame.js';
export {
  DEFAULT_IMAGE_DPI,
  DEFAULT_SEARCHABLE_PDF_OPTIONS,
  MAX_IMAGE_DPI,
  MIN_IMAGE_DPI,
  SearchablePdfBuilder,
  type SearchablePdfBuilderOptions,
  type SearchablePdfBuildOptions,
  type SearchablePdfOcr,
  type SearchablePdfProgress,
  type SearchablePdfResult,
} from './SearchablePdfBuilder.js';
export { type TextLayerContentOptions, textLayerContent } from './textLayerContent.js';
export type { TextractInput } from './textractPages.js';
