/**
 * Paragraph segmentation of Textract output: {@link ParagraphSegmenter} and its helpers.
 *
 * @module
 */

export { DEFAULT_SEGMENTER_OPTIONS, type SegmenterOptions } from './options.js';
export { type SegmentJSON, segmentsToJSON, segmentsToMarkdown, segmentsToText } from './output.js';
export { ParagraphSegmenter } from './ParagraphSegmenter.js';
export {
  endsSentence,
  isPageNumberText,
  startsLowercase,
  startsWithListMarker,
  startsWithPossibleListMarker,
} from './text-cues.js';
export type {
  InputCellWord,
  InputLayoutBlock,
  InputLine,
  InputPage,
  InputTable,
  InputTableCell,
  InputWord,
  SegmentableDocument,
  SegmentInput,
  SegmentInputOptions,
} from './toSegmentInput.js';
export { isSegmentInput, toSegmentInput } from './toSegmentInput.js';
export {
  type BreakExplanation,
  SEGMENT_ROLES,
  SEGMENTER_MODES,
  type Segment,
  type SegmentBox,
  type SegmenterMode,
  type SegmentLine,
  type SegmentPoint,
  type SegmentRole,
  type SegmentSource,
  type SegmentTable,
  USE_LAYOUT_VALUES,
  type UseLayout,
} from './types.js';
