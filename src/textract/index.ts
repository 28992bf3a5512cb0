/**
 * aws-ml-kit/textract: load Amazon Textract output of any shape into a typed document model, segment it into
 * headings, paragraphs, lists, tables and page furniture in reading order, and call Textract (`TextractOcr`).
 *
 * @packageDocumentation
 */
export type {
  BoundingBoxLike,
  GeometryLike,
  PointLike,
  RelationshipLike,
  TextractBlockLike,
  TextractResponseLike,
} from './model/TextractBlockLike.js';
