/**
 * aws-ml-kit/textract: load Amazon Textract output of any shape into a typed document model, segment it into
 * headings, paragraphs, lists, tables and page furniture in reading order, and call Textract (`TextractOcr`).
 *
 * @packageDocumentation
 */

export { TextractOcr } from './aws/TextractOcr.js';
export {
  type AnalyzeDocumentOptions,
  DEFAULT_CLEANUP_TIMEOUT_MS,
  DEFAULT_TEXTRACT_WAIT,
  type DetectDocumentTextOptions,
  type StartDocumentAnalysisOptions,
  type StartDocumentTextDetectionOptions,
  type StartJobOptions,
  type TextractCallOptions,
  type TextractFeatures,
  type TextractJob,
  type TextractJobApi,
  type TextractOcrOptions,
  type TextractS3Staging,
  type WaitForJobOptions,
} from './aws/TextractOcrOptions.js';
export {
  mergeResultPages,
  type TextractJobStatus,
  type TextractOcrResult,
  type TextractResultPage,
  type TextractWarning,
  toTextractResponse,
} from './aws/TextractOcrResult.js';
export { TEXTRACT_LIMITS, type TextractFeatureType, type TextractLimits } from './aws/textractLimits.js';
export { toTextractDocument } from './aws/toTextractDocument.js';
export type { TextractQuery, TextractS3Document } from './aws/validateTextractInput.js';
export type { TextractDocumentInput } from './model/collectTextractInput.js';
export {
  DEFAULT_LOAD_TEXTRACT_DOCUMENT_OPTIONS,
  type LoadTextractDocumentOptions,
  loadTextractDocument,
} from './model/loadTextractDocument.js';
export type {
  BoundingBoxLike,
  GeometryLike,
  PointLike,
  RelationshipLike,
  TextractBlockLike,
  TextractResponseLike,
} from './model/TextractBlockLike.js';
export { TextractDocument } from './model/TextractDocument.js';
export type { TextAngleSource, TextOrientation, TextractGeometry } from './model/TextractGeometry.js';
export type { TextractModelWarning, TextractWarningCode } from './model/TextractModelWarning.js';
export type {
  PageSize,
  TextractContent,
  TextractGridCell,
  TextractKeyValue,
  TextractLayoutBlock,
  TextractLayoutType,
  TextractLine,
  TextractMergedCell,
  TextractPage,
  TextractSelectionElement,
  TextractTable,
  TextractTableCaption,
  TextractTableCell,
  TextractWord,
} from './model/TextractPage.js';
export * from './segment/index.js';
