/** Why the loader reported something. Stable; new codes may be added in minor versions. */
export type TextractWarningCode =
  /** A block has no usable `Id`; it was skipped. */
  | 'MISSING_ID'
  /** Two blocks share an `Id`; the later one (in input order) was skipped. */
  | 'DUPLICATE_ID'
  /** A relationship names a block id that is not in the input; the reference was skipped. */
  | 'MISSING_BLOCK'
  /** Geometry is missing, not finite, negative in size or outside the page; the block was skipped. */
  | 'INVALID_GEOMETRY'
  /** A block's page could not be determined, or names a page with no PAGE block; the block was skipped. */
  | 'INVALID_PAGE'
  /** A PAGE block is unusable (duplicate number, zero size); defaults were used or it was skipped. */
  | 'INVALID_PAGE_BLOCK'
  /** A table cell has no valid `RowIndex`/`ColumnIndex`; it was skipped. */
  | 'INVALID_CELL'
  /** Every response in a paginated array carries a `NextToken`: results are probably incomplete. */
  | 'INCOMPLETE_PAGINATION'
  /** `DocumentMetadata.Pages` counts more pages than have a PAGE block (`count` says how many are missing). */
  | 'MISSING_PAGES'
  /** An asynchronous job reported `PARTIAL_SUCCESS`. */
  | 'PARTIAL_SUCCESS'
  /** Textract returned a `Warnings` entry (its `ErrorCode` is kept in `serviceCode`). */
  | 'SERVICE_WARNING';

/**
 * One problem found while loading, with ids, counts and paths only — never document text — so warnings can be
 * logged and stored safely.
 */
export interface TextractModelWarning {
  /** What went wrong; see {@link TextractWarningCode}. */
  readonly code: TextractWarningCode;
  /** A fixed, text-free description. */
  readonly message: string;
  /** The offending block, when there is one. */
  readonly blockId?: string;
  /** Its `BlockType`. */
  readonly blockType?: string;
  /** The page concerned, when known. */
  readonly page?: number;
  /** How many items the warning covers, e.g. missing pages. */
  readonly count?: number;
  /** For `SERVICE_WARNING`: Textract's `ErrorCode`. */
  readonly serviceCode?: string;
  /** Where in the input, e.g. `Blocks[12].Geometry.BoundingBox.Left` (index into the concatenated blocks). */
  readonly path?: string;
}
