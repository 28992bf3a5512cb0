/**
 * The response shapes the pure Textract code reads. Every field is optional, as in the AWS SDK's output types,
 * so `AnalyzeDocumentCommandOutput` (and saved JSON) is assignable without a cast; the loader normalises or
 * rejects what is missing. The block shape itself belongs to the OCR contract (`ocr/OcrEngine.ts`), which every
 * engine emits; it is re-exported here so Textract code and users keep one import site.
 *
 * @module
 */
import type { TextractBlockLike } from '../../ocr/OcrEngine.js';

export type {
  BoundingBoxLike,
  GeometryLike,
  PointLike,
  RelationshipLike,
  TextractBlockLike,
} from '../../ocr/OcrEngine.js';

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
