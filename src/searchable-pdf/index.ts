/**
 * aws-ml-kit/searchable-pdf: scanned PDFs and images plus OCR → PDFs with an exact, invisible, selectable text
 * layer, without rasterising or re-encoding the original pages.
 *
 * @packageDocumentation
 */
export { CidAllocator, graphemeClusters, MAX_CID } from './CidAllocator.js';
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
} from './layoutTextLayer.js';
export {
  chooseLineBoxProfile,
  DEFAULT_LINE_BOX_PROFILE,
  DEFAULT_TARGET_GAP_EM,
  LINE_BOX_PROFILES,
  type LineBoxProfile,
} from './lineBoxProfiles.js';
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
export { pdfNumber, type TextLayerContentOptions, textLayerContent } from './textLayerContent.js';
export { type TextractInput, type TextractPages, textractPages } from './textractPages.js';
