/**
 * A local stand-in for Amazon Textract that a real `TextractClient` talks to: it replays saved responses for
 * `DetectDocumentText` and `AnalyzeDocument`, and simulates asynchronous jobs (`Start*` returns a job id, `Get*`
 * answers `IN_PROGRESS` for a few polls, then the saved result in `NextToken` pages). It runs no OCR.
 *
 * @module
 */
import type { S3StandIn } from './S3StandIn.js';
import {
  awsError,
  type StandInClientConfig,
  type StandInReply,
  type StandInRequest,
  StandInServer,
} from './StandInServer.js';

/** A saved Textract response (single), or the pages of one (an array); both as `JSON.parse` returns them. */
export type SavedTextractResponse = SavedTextractPage | readonly SavedTextractPage[];

/** One saved Textract response (or an SDK output). Only `Blocks` and `DocumentMetadata` are read. */
export interface SavedTextractPage {
  /** The blocks, as Textract returned them. */
  Blocks?: readonly unknown[] | undefined;
  /** The document metadata, as Textract returned it. */
  DocumentMetadata?:
    | {
        /** Pages in the document. */
        Pages?: number | undefined;
      }
    | undefined;
}

/** How the next asynchronous job ends. */
export interface TextractStandInJobScript {
  /** Final status. Default `SUCCEEDED`. */
  status?: 'SUCCEEDED' | 'PARTIAL_SUCCESS' | 'FAILED';
  /** Status message sent with `FAILED` or `PARTIAL_SUCCESS`. */
  statusMessage?: string;
  /** Warnings sent with the results, e.g. `[{ ErrorCode: 'UNSUPPORTED_DOCUMENT', Pages: [2] }]`. */
  warnings?: readonly {
    /** Textract's warning code, e.g. `UNSUPPORTED_DOCUMENT`. */
    ErrorCode: string;
    /** The pages it concerns. */
    Pages: readonly number[];
  }[];
  /** Polls answered `IN_PROGRESS` before the job ends. Default: the stand-in's `pollsBeforeDone`. */
  pollsBeforeDone?: number;
  /** The job's result. Default: the stand-in's saved result for the job's API. */
  response?: SavedTextractResponse;
}

/** Options of {@link TextractStandIn.start}. */
export interface TextractStandInOptions {
  /** Serve on this existing stand-in (e.g. shared with an `S3StandIn`) instead of starting a new one. */
  server?: StandInServer;
  /** Reply of `DetectDocumentText`. */
  detectDocumentText?: SavedTextractResponse;
  /** Reply of `AnalyzeDocument`. */
  analyzeDocument?: SavedTextractResponse;
  /** Result of text-detection jobs. Default: `detectDocumentText`. */
  textDetectionJob?: SavedTextractResponse;
  /** Result of analysis jobs. Default: `analyzeDocument`. */
  analysisJob?: SavedTextractResponse;
  /** Polls answered `IN_PROGRESS` before a job ends. Default 1. */
  pollsBeforeDone?: number;
  /** Blocks per result page when a `Get*` request sets no `MaxResults`. Default and maximum 1,000. */
  pageSize?: number;
  /** When given, `Start*` checks that the S3 object exists there (`InvalidS3ObjectException` otherwise). */
  s3?: S3StandIn;
}

/** What the stand-in knows about one job (no content). */
export interface TextractStandInJob {
  /** The job id the stand-in handed out. */
  readonly jobId: string;
  /** Which `Start*` operation created the job. */
  readonly api: 'textDetection' | 'analysis';
  /** The status the next `Get*` call reports. */
  readonly status: 'IN_PROGRESS' | 'SUCCEEDED' | 'PARTIAL_SUCCESS' | 'FAILED';
  /** `Get*` calls received for this job so far. */
  readonly polls: number;
}

interface JobState {
  jobId: string;
  api: 'textDetection' | 'analysis';
  finalStatus: 'SUCCEEDED' | 'PARTIAL_SUCCESS' | 'FAILED';
  statusMessage: string | undefined;
  warnings: readonly { ErrorCode: string; Pages: readonly number[] }[] | undefined;
  pollsBeforeDone: number;
  polls: number;
  blocks: readonly unknown[];
  pages: number;
}

const MAX_PAGE_SIZE = 1000;
const SYNC_MAX_BYTES = 10 * 1024 * 1024;
const EMPTY_PAGE: SavedTextractPage = {
  DocumentMetadata: { Pages: 1 },
  Blocks: [{ BlockType: 'PAGE', Id: 'stand-in-page-1', Page: 1 }],
};

/** Merges a saved response (single or paginated) into its blocks and page count. */
function flatten(saved: SavedTextractResponse): { blocks: unknown[]; pages: number } {
  const parts: readonly SavedTextractPage[] = Array.isArray(saved) ? saved : [saved as SavedTextractPage];
  const blocks = parts.flatMap((part) => [...(part.Blocks ?? [])]);
  let pages = Math.max(0, ...parts.map((part) => part.DocumentMetadata?.Pages ?? 0));
  if (pages === 0) for (const block of blocks) pages = Math.max(pages, (block as { Page?: number }).Page ?? 1);
  return { blocks, pages };
}

/** Counts visible page objects of a PDF (`/Type /Page`); compressed object streams hide them. */
function visiblePdfPages(bytes: Uint8Array): number {
  const text = new TextDecoder('latin1').decode(bytes);
  if (!text.startsWith('%PDF')) return 0;
  return text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}

/**
 * A local Amazon Textract: synchronous calls answered from saved responses, asynchronous jobs with scripted
 * polling, `NextToken` pagination and failures.
 *
 * @example
 * ```ts
 * import { TextractClient } from '@aws-sdk/client-textract';
 * import { TextractStandIn } from 'aws-ml-kit/testing';
 *
 * const textract = await TextractStandIn.start({ detectDocumentText: savedResponse, pollsBeforeDone: 2 });
 * const client = new TextractClient(textract.clientConfig());
 * // … run your code against `client` …
 * textract.failNextJob('simulated failure');
 * await textract.close();
 * ```
 */
export class TextractStandIn {
  readonly #server: StandInServer;
  readonly #ownsServer: boolean;
  readonly #options: TextractStandInOptions;
  readonly #jobs = new Map<string, JobState>();
  readonly #scripts: TextractStandInJobScript[] = [];
  #jobCounter = 0;

  private constructor(server: StandInServer, ownsServer: boolean, options: TextractStandInOptions) {
    this.#server = server;
    this.#ownsServer = ownsServer;
    this.#options = options;
    this.#install();
  }

  /**
   * Starts a Textract stand-in on a new loopback server, or on `options.server`.
   *
   * @example
   * ```ts
   * const textract = await TextractStandIn.start({ analyzeDocument: JSON.parse(await readFile('saved.json', 'utf8')) });
   * ```
   */
  static async start(options: TextractStandInOptions = {}): Promise<TextractStandIn> {
    // Checked before a server starts, so a bad option leaves nothing listening.
    const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new RangeError(`pageSize must be an integer between 1 and ${MAX_PAGE_SIZE}, got ${pageSize}`);
    }
    const server = options.server ?? (await StandInServer.start());
    return new TextractStandIn(server, options.server === undefined, options);
  }

  /**
   * The underlying server: recorded calls, and fault injection.
   *
   * @example
   * ```ts
   * textract.server.script('AnalyzeDocument', [awsError('ThrottlingException')]);
   * ```
   */
  get server(): StandInServer {
    return this.#server;
  }

  /**
   * Configuration for a `TextractClient` pointing at this stand-in.
   *
   * @example
   * ```ts
   * const client = new TextractClient(textract.clientConfig({ maxAttempts: 1 }));
   * ```
   */
  clientConfig(options: { maxAttempts?: number } = {}): StandInClientConfig {
    return this.#server.clientConfig(options);
  }

  /**
   * Scripts how the next job (in start order) ends; later jobs fall back to the defaults.
   *
   * @example
   * ```ts
   * textract.scriptNextJob({ status: 'PARTIAL_SUCCESS', warnings: [{ ErrorCode: 'UNSUPPORTED_DOCUMENT', Pages: [2] }] });
   * ```
   */
  scriptNextJob(script: TextractStandInJobScript): this {
    this.#scripts.push(script);
    return this;
  }

  /**
   * Makes the next job end `FAILED` with `statusMessage`.
   *
   * @example
   * ```ts
   * textract.failNextJob('simulated failure');
   * ```
   */
  failNextJob(statusMessage = 'simulated failure'): this {
    return this.scriptNextJob({ status: 'FAILED', statusMessage });
  }

  /**
   * The jobs started so far, with their polls and status.
   *
   * @example
   * ```ts
   * expect(textract.jobs[0]).toMatchObject({ status: 'SUCCEEDED', polls: 3 });
   * ```
   */
  get jobs(): TextractStandInJob[] {
    return [...this.#jobs.values()].map((job) => ({
      jobId: job.jobId,
      api: job.api,
      status: job.polls >= job.pollsBeforeDone ? job.finalStatus : 'IN_PROGRESS',
      polls: job.polls,
    }));
  }

  /**
   * Stops the server if this stand-in started it.
   *
   * @example
   * ```ts
   * afterAll(() => textract.close());
   * ```
   */
  async close(): Promise<void> {
    if (this.#ownsServer) await this.#server.close();
  }

  /**
   * Forgets jobs and scripted job outcomes and (re)installs the handlers, e.g. after `server.reset()`.
   *
   * @example
   * ```ts
   * beforeEach(() => {
   *   textract.server.reset();
   *   textract.reset();
   * });
   * ```
   */
  reset(): void {
    this.#jobs.clear();
    this.#scripts.length = 0;
    this.#jobCounter = 0;
    this.#install();
  }

  #install(): void {
    const o = this.#options;
    this.#server
      .on('DetectDocumentText', (request) => this.#sync(request, o.detectDocumentText))
      .on('AnalyzeDocument', (request) => this.#sync(request, o.analyzeDocument))
      .on('StartDocumentTextDetection', (request) => this.#start(request, 'textDetection'))
      .on('StartDocumentAnalysis', (request) => this.#start(request, 'analysis'))
      .on('GetDocumentTextDetection', (request) => this.#get(request, 'textDetection'))
      .on('GetDocumentAnalysis', (request) => this.#get(request, 'analysis'));
  }

  #sync(request: StandInRequest, saved: SavedTextractResponse | undefined): StandInReply {
    const body = request.json<{ Document?: { Bytes?: string; S3Object?: { Bucket?: string; Name?: string } } }>();
    const document = body?.Document;
    if (document?.Bytes !== undefined) {
      const bytes = Buffer.from(document.Bytes, 'base64');
      if (bytes.byteLength === 0) return awsError('InvalidParameterException');
      if (bytes.byteLength > SYNC_MAX_BYTES) return awsError('DocumentTooLargeException');
      if (visiblePdfPages(bytes) > 1) return awsError('UnsupportedDocumentException');
    } else if (!this.#s3Exists(document?.S3Object)) {
      return awsError('InvalidS3ObjectException');
    }
    const { blocks, pages } = flatten(saved ?? EMPTY_PAGE);
    const modelVersion =
      request.operation === 'AnalyzeDocument'
        ? { AnalyzeDocumentModelVersion: '1.0' }
        : { DetectDocumentTextModelVersion: '1.0' };
    return { json: { DocumentMetadata: { Pages: pages }, Blocks: blocks, ...modelVersion } };
  }

  #s3Exists(location: { Bucket?: string; Name?: string } | undefined): boolean {
    if (!location?.Bucket || !location.Name) return false;
    return this.#options.s3 ? this.#options.s3.has(location.Bucket, location.Name) : true;
  }

  #start(request: StandInRequest, api: 'textDetection' | 'analysis'): StandInReply {
    const body = request.json<{ DocumentLocation?: { S3Object?: { Bucket?: string; Name?: string } } }>();
    if (!this.#s3Exists(body?.DocumentLocation?.S3Object)) return awsError('InvalidS3ObjectException');
    const o = this.#options;
    const script = this.#scripts.shift() ?? {};
    const saved =
      script.response ??
      (api === 'analysis' ? (o.analysisJob ?? o.analyzeDocument) : (o.textDetectionJob ?? o.detectDocumentText));
    const { blocks, pages } = flatten(saved ?? EMPTY_PAGE);
    this.#jobCounter += 1;
    const jobId = `stand-in-job-${this.#jobCounter}`;
    this.#jobs.set(jobId, {
      jobId,
      api,
      finalStatus: script.status ?? 'SUCCEEDED',
      statusMessage: script.statusMessage,
      warnings: script.warnings,
      pollsBeforeDone: script.pollsBeforeDone ?? o.pollsBeforeDone ?? 1,
      polls: 0,
      blocks,
      pages,
    });
    return { json: { JobId: jobId } };
  }

  #get(request: StandInRequest, api: 'textDetection' | 'analysis'): StandInReply {
    const body = request.json<{ JobId?: string; MaxResults?: number; NextToken?: string }>() ?? {};
    const job = body.JobId === undefined ? undefined : this.#jobs.get(body.JobId);
    if (!job || job.api !== api) return awsError('InvalidJobIdException');
    const max = body.MaxResults ?? this.#options.pageSize ?? MAX_PAGE_SIZE;
    if (!Number.isInteger(max) || max < 1) return awsError('InvalidParameterException');
    job.polls += 1;
    if (job.polls <= job.pollsBeforeDone) return { json: { JobStatus: 'IN_PROGRESS' } };
    if (job.finalStatus === 'FAILED') {
      return { json: { JobStatus: 'FAILED', StatusMessage: job.statusMessage ?? 'simulated failure' } };
    }
    const offset = body.NextToken === undefined ? 0 : decodeToken(body.NextToken, job.jobId);
    if (offset === undefined || offset > job.blocks.length) return awsError('InvalidParameterException');
    const end = Math.min(offset + Math.min(max, MAX_PAGE_SIZE), job.blocks.length);
    const modelVersion =
      api === 'analysis' ? { AnalyzeDocumentModelVersion: '1.0' } : { DetectDocumentTextModelVersion: '1.0' };
    return {
      json: {
        JobStatus: job.finalStatus,
        ...(job.statusMessage ? { StatusMessage: job.statusMessage } : {}),
        DocumentMetadata: { Pages: job.pages },
        Blocks: job.blocks.slice(offset, end),
        ...(end < job.blocks.length ? { NextToken: encodeToken(job.jobId, end) } : {}),
        ...(job.warnings ? { Warnings: job.warnings } : {}),
        ...modelVersion,
      },
    };
  }
}

function encodeToken(jobId: string, offset: number): string {
  return Buffer.from(`${jobId}:${offset}`).toString('base64url');
}

function decodeToken(token: string, jobId: string): number | undefined {
  const [id, offset] = Buffer.from(token, 'base64url').toString('utf8').split(':');
  const value = Number(offset);
  return id === jobId && Number.isInteger(value) && value >= 0 ? value : undefined;
}
