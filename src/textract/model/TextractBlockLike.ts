/**
 * The response shapes the pure Textract code reads. Every field is optional, as in the AWS SDK's output types,
 * so `AnalyzeDocumentCommandOutput` (and saved JSON) is assignable without a cast; the loader normalises or
 * rejects what is missing.
 *
 * @module
 */

/** A normalised (0–1) axis-aligned box, as in Textract `Geometry.BoundingBox`. */
export interface BoundingBoxLike {
  Left?: number | undefined;
  Top?: number | undefined;
  Width?: number | undefined;
  Height?: number | undefined;
}

/** A normalised (0–1) point, as in Textract `Geometry.Polygon`. */
export interface PointLike {
  X?: number | undefined;
  Y?: number | undefined;
}

/** Textract `Geometry`. `Polygon[0] → Polygon[1]` runs along the text direction. */
export interface GeometryLike {
  BoundingBox?: BoundingBoxLike | undefined;
  Polygon?: readonly PointLike[] | undefined;
  /** Degrees; present in newer responses only. */
  RotationAngle?: number | undefined;
}

/** Textract `Relationship`. */
export interface RelationshipLike {
  Type?: string | undefined;
  Ids?: readonly string[] | undefined;
}

/** Textract `Block`: the fields aws-ml-kit reads. */
export interface TextractBlockLike {
  BlockType?: string | undefined;
  Id?: string | undefined;
  Text?: string | undefined;
  TextType?: string | undefined;
  Confidence?: number | undefined;
  Page?: number | undefined;
  Geometry?: GeometryLike | undefined;
  Relationships?: readonly RelationshipLike[] | undefined;
  EntityTypes?: readonly string[] | undefined;
  SelectionStatus?: string | undefined;
  RowIndex?: number | undefined;
  ColumnIndex?: number | undefined;
  RowSpan?: number | undefined;
  ColumnSpan?: number | undefined;
}

/** One Textract response (sync, or one page of async results). */
export interface TextractResponseLike {
  Blocks?: readonly TextractBlockLike[] | undefined;
  DocumentMetadata?: { Pages?: number | undefined } | undefined;
  NextToken?: string | undefined;
  JobStatus?: string | undefined;
  StatusMessage?: string | undefined;
  Warnings?: readonly { ErrorCode?: string | undefined; Pages?: readonly number[] | undefined }[] | undefined;
}
