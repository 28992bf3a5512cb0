/**
 * What `TextractOcr` returns: our own small result types (not SDK output types), and the mapping from Textract
 * responses. Blocks are passed through untouched, so every field Textract sent (also ones aws-ml-kit does not
 * model) stays available.
 *
 * @module
 */
import { ResponseShapeError } from '../../kit/errors.js';
import type { TextractBlockLike, TextractResponseLike } from '../model/TextractBlockLike.js';

/** Final states of an asynchronous job that produce results. */
export type TextractJobStatus = 'SUCCEEDED' | 'PARTIAL_SUCCESS';

/** A non-fatal problem Textract reported, e.g. pages it could not read in a `PARTIAL_SUCCESS` job. */
export interface TextractWarning {
  /** Textract's error code, e.g. `UNSUPPORTED_DOCUMENT` or `INTERNAL_ERROR`. */
  readonly errorCode: string;
  /** The affected pages (1-based). */
  readonly pages: readonly number[];
}

/** One Textract response: a synchronous result, or one `NextToken` page of an asynchronous job's results. */
export interface TextractResultPage {
  /** The blocks of this response, as Textract sent them. */
  readonly blocks: readonly TextractBlockLike[];
  /** `DocumentMetadata.Pages`: pages in the document. */
  readonly pageCount: number | undefined;
  /** The AWS request id of this response. */
  readonly requestId: string | undefined;
  /** Textract's warnings in this response (error codes and page numbers). */
  readonly warnings: readonly TextractWarning[];
  /** Token of the next page, when there is one. */
  readonly nextToken?: string;
  /** Job status (asynchronous results only). */
  readonly status?: TextractJobStatus;
  /** Textract's status message (asynchronous results only; ids and reasons, no document content). */
  readonly statusMessage?: string;
  /** The model version Textract reports. */
  readonly modelVersion?: string;
}

/** The complete result of a synchronous call or of an asynchronous job (every page collected). */
export interface TextractOcrResult {
  /** Every block of every result page, in the order Textract sent them. */
  readonly blocks: readonly TextractBlockLike[];
  /** `DocumentMetadata` as Textract reported it. */
  readonly documentMetadata: {
    /** Pages in the document. */
    readonly pages: number;
  };
  /** The request id of every call that contributed (for support cases). */
  readonly requestIds: readonly string[];
  /** Non-fatal problems, deduplicated; empty on full success. */
  readonly warnings: readonly TextractWarning[];
  /** The job id (asynchronous results only). */
  readonly jobId?: string;
  /** `SUCCEEDED` or `PARTIAL_SUCCESS` (asynchronous results only). */
  readonly status?: TextractJobStatus;
  /** Textract's status message, when it sent one. */
  readonly statusMessage?: string;
  /** The model version Textract reports. */
  readonly modelVersion?: string;
}

/** The response fields read here; SDK outputs of all four operations are assignable to it. */
export interface TextractOutputLike extends TextractResponseLike {
  DetectDocumentTextModelVersion?: string | undefined;
  AnalyzeDocumentModelVersion?: string | undefined;
  $metadata?: { requestId?: string | undefined } | undefined;
}

/**
 * Maps one Textract response to a {@link TextractResultPage}.
 *
 * @example
 * ```ts
 * const page = toResultPage(await client.send(command), 'GetDocumentAnalysis');
 * ```
 */
export function toResultPage(output: TextractOutputLike, operation: string): TextractResultPage {
  const blocks = output.Blocks ?? [];
  if (!Array.isArray(blocks)) throw new ResponseShapeError(operation, 'Blocks', 'is not an array');
  const status = output.JobStatus;
  const modelVersion = output.DetectDocumentTextModelVersion ?? output.AnalyzeDocumentModelVersion;
  return {
    blocks,
    pageCount: output.DocumentMetadata?.Pages,
    requestId: output.$metadata?.requestId,
    warnings: (output.Warnings ?? []).map((w) => ({
      errorCode: w.ErrorCode ?? 'UNKNOWN',
      pages: [...(w.Pages ?? [])],
    })),
    ...(output.NextToken ? { nextToken: output.NextToken } : {}),
    ...(status === 'SUCCEEDED' || status === 'PARTIAL_SUCCESS' ? { status } : {}),
    ...(output.StatusMessage ? { statusMessage: output.StatusMessage } : {}),
    ...(modelVersion ? { modelVersion } : {}),
  };
}

/**
 * Merges result pages (in order) into one {@link TextractOcrResult}. Warnings repeated on several pages are kept
 * once; the page count is the largest reported, or the largest `Block.Page` when none was reported.
 *
 * @example
 * ```ts
 * const result = mergeResultPages(pages, 'job-123');
 * ```
 */
export function mergeResultPages(pages: readonly TextractResultPage[], jobId?: string): TextractOcrResult {
  const blocks: TextractBlockLike[] = [];
  const requestIds: string[] = [];
  const warnings = new Map<string, TextractWarning>();
  let pageCount = 0;
  for (const page of pages) {
    for (const block of page.blocks) blocks.push(block);
    if (page.requestId) requestIds.push(page.requestId);
    for (const warning of page.warnings) warnings.set(`${warning.errorCode}:${warning.pages.join(',')}`, warning);
    pageCount = Math.max(pageCount, page.pageCount ?? 0);
  }
  if (pageCount === 0) for (const block of blocks) pageCount = Math.max(pageCount, block.Page ?? 1);
  const first = pages[0];
  return {
    blocks,
    documentMetadata: { pages: pageCount },
    requestIds,
    warnings: [...warnings.values()],
    ...(jobId !== undefined ? { jobId } : {}),
    ...(first?.status ? { status: first.status } : {}),
    ...(first?.statusMessage ? { statusMessage: first.statusMessage } : {}),
    ...(first?.modelVersion ? { modelVersion: first.modelVersion } : {}),
  };
}

/**
 * Turns a result back into a Textract-shaped response (`Blocks`, `DocumentMetadata`, `Warnings`), e.g. to save it
 * as JSON or to load it into the document model.
 *
 * @example
 * ```ts
 * const result = await ocr.detectDocumentText(bytes);
 * await writeFile('page.json', JSON.stringify(toTextractResponse(result)));
 * ```
 */
export function toTextractResponse(result: TextractOcrResult): TextractResponseLike {
  return {
    Blocks: result.blocks,
    DocumentMetadata: { Pages: result.documentMetadata.pages },
    ...(result.status ? { JobStatus: result.status } : {}),
    ...(result.warnings.length > 0
      ? { Warnings: result.warnings.map((w) => ({ ErrorCode: w.errorCode, Pages: w.pages })) }
      : {}),
  };
}
