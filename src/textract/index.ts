/**
 * aws-ml-kit/textract: load Amazon Textract output of any shape into a typed document model, segment it into
 * headings, paragraphs, lists, tables and page furniture in reading order, and call Textract (`TextractOcr`).
 *
 * @packageDocumentation
 */

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
