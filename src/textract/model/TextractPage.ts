import type { TextOrientation, TextractGeometry } from './TextractGeometry.js';

/** A WORD block. */
export interface TextractWord {
  /** The block's `Id`. */
  readonly id: string;
  /** May contain spaces (`"$ 452.43"`) and any Unicode. */
  readonly text: string;
  /** `PRINTED` or `HANDWRITING` (Textract's `TextType`), or `undefined` when absent. */
  readonly textType: string | undefined;
  /** 0–100, or `undefined` when absent. */
  readonly confidence: number | undefined;
  /** 1-based page number. */
  readonly page: number;
  /** Where the block is: normalised (0–1), plus points when the page size is known. */
  readonly geometry: TextractGeometry;
  /** The LINE this word belongs to, if any. */
  readonly lineId: string | undefined;
}

/** A LINE block with its words. */
export interface TextractLine {
  /** The block's `Id`. */
  readonly id: string;
  /** The LINE's `Text`, or its words joined by spaces when the response had no `Text`. */
  readonly text: string;
  /** Textract's confidence, 0–100, or `undefined` when absent. */
  readonly confidence: number | undefined;
  /** 1-based page number. */
  readonly page: number;
  /** Position in `page.lines` (0-based): Textract's order, i.e. the PAGE block's `CHILD` order. */
  readonly index: number;
  /** Where the block is: normalised (0–1), plus points when the page size is known. */
  readonly geometry: TextractGeometry;
  /** The words, in the LINE's `CHILD` order. */
  readonly words: readonly TextractWord[];
  /** The text direction of this line. */
  readonly orientation: TextOrientation;
  /**
   * The innermost LAYOUT block listing this line as a child, if any (Textract lists each line in exactly one;
   * should unrelated blocks share a line, the last in reading order wins).
   */
  readonly layoutId: string | undefined;
}

/** The LAYOUT block types Textract returns, without the `LAYOUT_` prefix; other strings pass through. */
export type TextractLayoutType =
  | 'TITLE'
  | 'HEADER'
  | 'FOOTER'
  | 'SECTION_HEADER'
  | 'PAGE_NUMBER'
  | 'LIST'
  | 'FIGURE'
  | 'TABLE'
  | 'KEY_VALUE'
  | 'TEXT'
  | (string & {});

/** A LAYOUT_* block. `LAYOUT_LIST` holds its items as nested `LAYOUT_TEXT` children. */
export interface TextractLayoutBlock {
  /** The block's `Id`. */
  readonly id: string;
  /** The block type without `LAYOUT_`, e.g. `SECTION_HEADER`. */
  readonly type: TextractLayoutType;
  /** The raw `BlockType`, e.g. `LAYOUT_SECTION_HEADER`. */
  readonly blockType: string;
  /** Textract's confidence, 0–100, or `undefined` when absent. */
  readonly confidence: number | undefined;
  /** 1-based page number. */
  readonly page: number;
  /** Where the block is (normalised, plus points when the page size is known); `undefined` when the block has none. */
  readonly geometry: TextractGeometry | undefined;
  /**
   * Reading order among its siblings (0-based): for top-level blocks the page's `CHILD` order, for nested
   * blocks the parent's `CHILD` order.
   */
  readonly readingOrder: number;
  /** Every child id, in `CHILD` order (lines and nested layout blocks), exactly as the response listed them. */
  readonly childIds: readonly string[];
  /** The LINE children, in `CHILD` order. Empty for figures without text. */
  readonly lines: readonly TextractLine[];
  /** Nested LAYOUT children (e.g. the items of a `LIST`), in `CHILD` order. */
  readonly children: readonly TextractLayoutBlock[];
  /** The enclosing LAYOUT block, for nested ones. */
  readonly parentId: string | undefined;
}

/** A SELECTION_ELEMENT block (check box or radio button). */
export interface TextractSelectionElement {
  /** The block's `Id`. */
  readonly id: string;
  /** 1-based page number. */
  readonly page: number;
  /** Whether the box is ticked (`status === 'SELECTED'`). */
  readonly selected: boolean;
  /** Textract's `SelectionStatus`, e.g. `SELECTED` / `NOT_SELECTED`. */
  readonly status: string | undefined;
  /** Textract's confidence, 0–100, or `undefined` when absent. */
  readonly confidence: number | undefined;
  /** Where the block is: normalised (0–1), plus points when the page size is known. */
  readonly geometry: TextractGeometry;
}

/** The text content of a table cell, key or value: its child words and selection elements. */
export interface TextractContent {
  /** Child WORDs in `CHILD` order. */
  readonly words: readonly TextractWord[];
  /** The words' text joined by single spaces. */
  readonly text: string;
  /** Child SELECTION_ELEMENTs in `CHILD` order. */
  readonly selectionElements: readonly TextractSelectionElement[];
}

/** What a CELL and a MERGED_CELL share: the grid position they cover, confidence and geometry. */
export interface TextractGridCell extends TextractContent {
  /** The block's `Id`. */
  readonly id: string;
  /** 1-based row of the top-left grid cell. */
  readonly rowIndex: number;
  /** 1-based column of the top-left grid cell. */
  readonly columnIndex: number;
  /** Rows covered (1 for a plain cell). */
  readonly rowSpan: number;
  /** Columns covered (1 for a plain cell). */
  readonly columnSpan: number;
  /** Textract's confidence, 0–100, or `undefined` when absent. */
  readonly confidence: number | undefined;
  /** Where the block is (normalised, plus points when the page size is known); `undefined` when the block has none. */
  readonly geometry: TextractGeometry | undefined;
}

/** A CELL of a table. Row and column indices are 1-based. */
export interface TextractTableCell extends TextractGridCell {
  /** e.g. `COLUMN_HEADER`, `TABLE_TITLE`, `TABLE_SUMMARY`. */
  readonly entityTypes: readonly string[];
  /** The LINEs holding at least one of the cell's words, in page line order. */
  readonly lines: readonly TextractLine[];
  /** The MERGED_CELL covering this cell, if any. */
  readonly mergedCellId: string | undefined;
}

/** A MERGED_CELL: several cells Textract reports as one logical cell. */
export interface TextractMergedCell extends TextractGridCell {
  /** e.g. `COLUMN_HEADER`. */
  readonly entityTypes: readonly string[];
  /** The merged CELL ids, in `CHILD` order. */
  readonly cellIds: readonly string[];
}

/** A TABLE_TITLE or TABLE_FOOTER attached to a table. */
export interface TextractTableCaption extends TextractContent {
  /** The block's `Id`. */
  readonly id: string;
  /** Where the block is (normalised, plus points when the page size is known); `undefined` when the block has none. */
  readonly geometry: TextractGeometry | undefined;
}

/** A TABLE with its cells. */
export interface TextractTable {
  /** The block's `Id`. */
  readonly id: string;
  /** 1-based page number. */
  readonly page: number;
  /** Textract's confidence, 0–100, or `undefined` when absent. */
  readonly confidence: number | undefined;
  /** Where the block is (normalised, plus points when the page size is known); `undefined` when the block has none. */
  readonly geometry: TextractGeometry | undefined;
  /** e.g. `STRUCTURED_TABLE`, `SEMI_STRUCTURED_TABLE`. */
  readonly entityTypes: readonly string[];
  /** Largest `rowIndex + rowSpan − 1` over the cells. */
  readonly rowCount: number;
  /** Largest `columnIndex + columnSpan − 1` over the cells. */
  readonly columnCount: number;
  /** Cells sorted by row, then column. */
  readonly cells: readonly TextractTableCell[];
  /** Merged cells sorted by row, then column; empty when there are none. */
  readonly mergedCells: readonly TextractMergedCell[];
  /** TABLE_TITLE captions, in the TABLE's relationship order. */
  readonly titles: readonly TextractTableCaption[];
  /** TABLE_FOOTER captions, in the TABLE's relationship order. */
  readonly footers: readonly TextractTableCaption[];
}

/** A form field: a KEY_VALUE_SET (`EntityTypes: KEY`) and the VALUE it points to. */
export interface TextractKeyValue {
  /** The KEY block id. */
  readonly id: string;
  /** 1-based page number. */
  readonly page: number;
  /** Textract's confidence, 0–100, or `undefined` when absent. */
  readonly confidence: number | undefined;
  /** The key's words and selection elements, with the KEY block's geometry. */
  readonly key: TextractContent & {
    /** The KEY block's geometry, when it has one. */
    readonly geometry: TextractGeometry | undefined;
  };
  /** The VALUE block, or `undefined` when the key has none. */
  readonly value:
    | (TextractContent & {
        /** The block's `Id`. */
        readonly id: string;
        /** The VALUE block's geometry, when it has one. */
        readonly geometry: TextractGeometry | undefined;
        /** Textract's confidence, 0–100, or `undefined` when absent. */
        readonly confidence: number | undefined;
      })
    | undefined;
}

/** Page size in PDF points (1/72 inch). */
export interface PageSize {
  /** Width in points. */
  readonly widthPt: number;
  /** Height in points. */
  readonly heightPt: number;
}

/** One page of a document. Every list is in a deterministic order that does not depend on block order. */
export interface TextractPage {
  /** 1-based page number, from `Block.Page` (1 for single-page synchronous output). */
  readonly pageNumber: number;
  /** The PAGE block id. */
  readonly id: string;
  /** The PAGE block's geometry (usually the whole page). */
  readonly geometry: TextractGeometry;
  /** The page size in points, when the caller gave it. */
  readonly size: PageSize | undefined;
  /**
   * Width / height of the page: from `size` when given, else estimated from skewed text polygons (text boxes
   * are rectangles on the real page); `undefined` when neither is available (e.g. upright text, no size).
   */
  readonly aspectRatio: number | undefined;
  /**
   * Lines in Textract's order (the PAGE block's `CHILD` order); lines the PAGE block does not list follow, top
   * to bottom, then left to right.
   */
  readonly lines: readonly TextractLine[];
  /** Every word: the lines' words in line order, then words that belong to no line. */
  readonly words: readonly TextractWord[];
  /** Top-level LAYOUT blocks in reading order (PAGE `CHILD` order); nested ones are in `children`. */
  readonly layout: readonly TextractLayoutBlock[];
  /** Every `LAYOUT_FIGURE`, including empty ones and nested ones, in reading order. */
  readonly figures: readonly TextractLayoutBlock[];
  /** TABLE blocks in PAGE `CHILD` order, then top to bottom. */
  readonly tables: readonly TextractTable[];
  /** Form fields (KEY_VALUE_SET keys) in PAGE `CHILD` order, then top to bottom. */
  readonly keyValues: readonly TextractKeyValue[];
  /** Every selection element on the page (also reachable from cells and values). */
  readonly selectionElements: readonly TextractSelectionElement[];
  /** The dominant text direction on the page (weighted by characters per line). */
  readonly orientation: TextOrientation;
}
