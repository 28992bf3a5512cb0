/**
 * The response shapes the pure Textract code reads. Every field is optional, as in the AWS SDK's output types,
 * so `AnalyzeDocumentCommandOutput` (and saved JSON) is assignable without a cast; the loader normalises or
 * rejects what is missing.
 *
 * @module
 */

/** A normalised (0–1) axis-aligned box, as in Textract `Geometry.BoundingBox`. */
export interface BoundingBoxLike {
  /** Distance from the page's left edge, as a fraction of the page width. */
  Left?: number | undefined;
  /** Distance from the page's top edge, as a fraction of the page height. */
  Top?: number | undefined;
  /** Width, as a fraction of the page width. */
  Width?: number | undefined;
  /** Height, as a fraction of the page height. */
  Height?: number | undefined;
}

/** A normalised (0–1) point, as in Textract `Geometry.Polygon`. */
export interface PointLike {
  /** Fraction of the page width from the left edge. */
  X?: number | undefined;
  /** Fraction of the page height from the top edge. */
  Y?: number | undefined;
}

/** Textract `Geometry`. `Polygon[0] → Polygon[1]` runs along the text direction. */
export interface GeometryLike {
  /** The axis-aligned box around the block. */
  BoundingBox?: BoundingBoxLike | undefined;
  /** The block's outline, clockwise from the top-left corner of the text (four points for text). */
  Polygon?: readonly PointLike[] | undefined;
  /** Degrees; present in newer responses only. */
  RotationAngle?: number | undefined;
}

/** Textract `Relationship`. */
export interface RelationshipLike {
  /** `CHILD`, `VALUE`, `MERGED_CELL`, `TABLE_TITLE`, `TABLE_FOOTER`, ... */
  Type?: string | undefined;
  /** Ids of the related blocks, in order. */
  Ids?: readonly string[] | undefined;
}

/** Textract `Block`: the fields aws-ml-kit reads. */
export interface TextractBlockLike {
  /** `PAGE`, `LINE`, `WORD`, `LAYOUT_*`, `TABLE`, `CELL`, `KEY_VALUE_SET`, ...; unknown types are ignored. */
  BlockType?: string | undefined;
  /** Unique within the response (or job). */
  Id?: string | undefined;
  /** Recognised text of a LINE or WORD. */
  Text?: string | undefined;
  /** `PRINTED` or `HANDWRITING` (words). */
  TextType?: string | undefined;
  /** Textract's confidence, 0–100. */
  Confidence?: number | undefined;
  /** 1-based page number; absent in synchronous (single-page) responses. */
  Page?: number | undefined;
  /** Where the block is on its page, normalised to 0–1. */
  Geometry?: GeometryLike | undefined;
  /** Links to child, value, merged-cell and caption blocks. */
  Relationships?: readonly RelationshipLike[] | undefined;
  /** E.g. `KEY` / `VALUE` on KEY_VALUE_SET blocks, `COLUMN_HEADER` on cells. */
  EntityTypes?: readonly string[] | undefined;
  /** `SELECTED` or `NOT_SELECTED` (SELECTION_ELEMENT blocks). */
  SelectionStatus?: string | undefined;
  /** 1-based row of a table cell. */
  RowIndex?: number | undefined;
  /** 1-based column of a table cell. */
  ColumnIndex?: number | undefined;
  /** Rows a (merged) cell spans. */
  RowSpan?: number | undefined;
  /** Columns a (merged) cell spans. */
  ColumnSpan?: number | undefined;
}

/** One Textract response (sync, or one page of async results). */
export interface TextractResponseLike {
  /** The blocks of this response (one page of results for paginated output). */
  Blocks?: readonly TextractBlockLike[] | undefined;
  /** `Pages`: the number of pages in the document. */
  DocumentMetadata?:
    | {
        /** Number of pages in the document. */
        Pages?: number | undefined;
      }
    | undefined;
  /** Present when more paginated results follow. */
  NextToken?: string | undefined;
  /** Asynchronous jobs: `SUCCEEDED`, `PARTIAL_SUCCESS`, `FAILED` or `IN_PROGRESS`. */
  JobStatus?: string | undefined;
  /** Asynchronous jobs: why a job failed (never read into errors or logs). */
  StatusMessage?: string | undefined;
  /** Asynchronous jobs: service warnings, each with an error code and the pages it concerns. */
  Warnings?:
    | readonly {
        /** The service's warning code. */
        ErrorCode?: string | undefined;
        /** The pages the warning concerns. */
        Pages?: readonly number[] | undefined;
      }[]
    | undefined;
}
