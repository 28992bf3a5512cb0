/**
 * Public result and option types of the {@link ParagraphSegmenter}.
 *
 * @module
 */

/** What a segment is on the page. */
export type SegmentRole =
  | 'title'
  | 'sectionHeader'
  | 'paragraph'
  | 'listItem'
  | 'pageHeader'
  | 'pageFooter'
  | 'pageNumber'
  | 'table'
  | 'figure'
  | 'keyValue';

/** Every {@link SegmentRole}, in a stable order. */
export const SEGMENT_ROLES: readonly SegmentRole[] = [
  'title',
  'sectionHeader',
  'paragraph',
  'listItem',
  'pageHeader',
  'pageFooter',
  'pageNumber',
  'table',
  'figure',
  'keyValue',
];

/** An axis-aligned box in normalised page coordinates (0–1 of the page as displayed). */
export interface SegmentBox {
  /** Left edge, 0–1 of the page width. */
  left: number;
  /** Top edge, 0–1 of the page height. */
  top: number;
  /** Width, as a share of the page width. */
  width: number;
  /** Height, as a share of the page height. */
  height: number;
}

/** A point in normalised page coordinates. */
export interface SegmentPoint {
  /** 0–1 of the page width, from the left. */
  x: number;
  /** 0–1 of the page height, from the top. */
  y: number;
}

/** One Textract LINE inside a segment. */
export interface SegmentLine {
  /** The Textract LINE block `Id`. */
  id: string;
  /** The LINE text. */
  text: string;
  /** 1-based page number. */
  page: number;
  /** Textract confidence, 0–100. */
  confidence: number;
  /** Enclosing box in normalised page coordinates. */
  bbox: SegmentBox;
  /** Textract polygon (`[0] → [1]` runs along the text, so rotation is read from it), normalised. */
  polygon: readonly SegmentPoint[];
}

/**
 * The cell grid of a table segment: `rows[r][c]` is the text of row `r`, column `c` (both 0-based). Every row
 * has the same number of cells. A merged or spanning cell's text sits in its top-left position; the other
 * positions it covers are `''`.
 *
 * @example
 * ```ts
 * const table = segment.table;
 * if (table) console.log(`${table.rows.length} × ${table.rows[0]?.length ?? 0}`, table.rows[0]);
 * ```
 */
export interface SegmentTable {
  /** Cell texts, row by row (a cell's words joined by single spaces, in reading order). */
  rows: readonly (readonly string[])[];
  /**
   * How many leading rows are column headers: the rows Textract marked `COLUMN_HEADER` (0 when it marked
   * none, and always 0 for `geometry` tables).
   */
  headerRows: number;
  /**
   * `textract` when the grid comes from Textract TABLE/CELL blocks, `geometry` when the segmenter built it from
   * the rows and columns of aligned lines on a page without TABLE blocks.
   */
  source: 'textract' | 'geometry';
  /** The Textract TABLE block ids behind the grid, top to bottom (several when one table was split); empty for `geometry`. */
  tableIds: readonly string[];
}

/** Where a segment's grouping came from. */
export type SegmentSource = 'layout' | 'heuristic';

/** A heading, paragraph, list item, table, figure or piece of page furniture, in reading order. */
export interface Segment {
  /** What the segment is: a heading, paragraph, list item, table, figure, key-value block or page furniture. */
  role: SegmentRole;
  /** 1-based page number. */
  page: number;
  /** The lines joined with single spaces (hyphenated line ends are kept as Textract gave them). */
  text: string;
  /** 0-based position in the document's reading order. */
  readingOrder: number;
  /** `layout` when the grouping is Textract's LAYOUT block, `heuristic` when the segmenter found it. */
  source: SegmentSource;
  /** 0–1: the mean line confidence for heuristic segments, the LAYOUT block confidence for layout ones. */
  confidence: number;
  /** Enclosing box of the lines (or of the LAYOUT block when it has no lines), normalised. */
  bbox: SegmentBox;
  /** Corners of {@link Segment.bbox}, clockwise from top-left. */
  polygon: readonly SegmentPoint[];
  /** The lines, in reading order. Every LINE of the input appears in exactly one segment. */
  lines: readonly SegmentLine[];
  /** True when this paragraph (or table) carries on as the first body segment of the next page. */
  continuesOnNextPage: boolean;
  /** True when this segment carries on the last body segment of the previous page. */
  continuesFromPreviousPage: boolean;
  /** The Textract LAYOUT block id, for layout segments. */
  layoutId?: string;
  /**
   * For `table` segments whose cell grid is known: from the Textract TABLE blocks whose lines the segment
   * holds, or from aligned rows and columns on pages without TABLE blocks. Undefined when the grid is unknown
   * or ambiguous (it is never guessed). Only words of the segment's own lines appear in it; lines of the segment
   * outside every cell (a caption, a note below the table) are in {@link Segment.lines} but not in the grid.
   */
  table?: SegmentTable;
}

/** Segmentation strategy. */
export type SegmenterMode = 'auto' | 'layout' | 'fontSize' | 'indentation' | 'lineSpacing' | 'fullStop';

/** Every {@link SegmenterMode}. */
export const SEGMENTER_MODES: readonly SegmenterMode[] = [
  'auto',
  'layout',
  'fontSize',
  'indentation',
  'lineSpacing',
  'fullStop',
];

/**
 * Whether Textract LAYOUT blocks are used: `auto` uses them when a page has any, `require` fails without them,
 * `ignore` always runs the heuristics.
 */
export type UseLayout = 'auto' | 'require' | 'ignore';

/** Every {@link UseLayout} value. */
export const USE_LAYOUT_VALUES: readonly UseLayout[] = ['auto', 'require', 'ignore'];

/** The feature values behind one decision to break (or not) between two consecutive lines of a column. */
export interface BreakExplanation {
  /** 1-based page number. */
  page: number;
  /** LINE id of the upper line (the last line of its row fragment). */
  fromLineId: string;
  /** LINE id of the lower line. */
  toLineId: string;
  /** Whether a new segment starts at `toLineId`. */
  isBreak: boolean;
  /** The rule that decided, e.g. `gap`, `fullStop`, `firstWordFits`, `listMarker`, `none`. */
  reason: string;
  /** Vertical gap between the two lines divided by their mean height. */
  gapRatio: number;
  /** The page's typical gap ratio the gap is compared with. */
  typicalGapRatio: number;
  /** Height of the lower line divided by the height of the upper one. */
  heightRatio: number;
  /** Left-edge shift of the lower line in median character widths (positive = indented). */
  indentChars: number;
  /** Whether the upper line ends with terminal punctuation (abbreviations excluded). */
  endsSentence: boolean;
  /** Whether the first word of the lower line would have fitted at the end of the upper line. */
  firstWordWouldHaveFit: boolean;
  /** Whether the lower line starts a list item: a clear marker, or an ambiguous one (`2 Sudan`, `J.`) that fitted above. */
  startsWithListMarker: boolean;
  /** Which edges of the two lines line up (within `indentChars` character widths). */
  alignment: 'justified' | 'left' | 'right' | 'centre' | 'none';
}
