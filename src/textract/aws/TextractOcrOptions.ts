/**
 * Options, defaults and job handles of `TextractOcr`.
 *
 * @module
 */

import type { PutObjectCommandInput, S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type {
  AnalyzeDocumentCommandInput,
  DetectDocumentTextCommandInput,
  StartDocumentAnalysisCommandInput,
  StartDocumentTextDetectionCommandInput,
  TextractClient,
  TextractClientConfig,
} from '@aws-sdk/client-textract';
import type { ClientOptions } from '../../kit/clients.js';
import type { Logger } from '../../kit/log.js';
import { TEXTRACT_LIMITS, type TextractFeatureType } from './textractLimits.js';
import type { TextractQuery } from './validateTextractInput.js';

/** Which `Get*` operation reads a job's results. */
export type TextractJobApi = 'textDetection' | 'analysis';

/** A started asynchronous job. Keep `jobId` to wait for it later (it is valid for 7 days). */
export interface TextractJob {
  /** Textract's job id. */
  readonly jobId: string;
  /** `textDetection` (StartDocumentTextDetection) or `analysis` (StartDocumentAnalysis). */
  readonly api: TextractJobApi;
  /** Request id of the `Start*` call. */
  readonly requestId: string | undefined;
}

/** Options of every call. */
export interface TextractCallOptions {
  /** Cancels the call; it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Deadline of this one request; past it the call rejects with a `TimeoutError` DOMException. */
  timeoutMs?: number | undefined;
}

/** Options of {@link TextractOcr.detectDocumentText}. */
export interface DetectDocumentTextOptions extends TextractCallOptions {
  /** Raw command input merged last, for what these options do not cover. */
  sdkOptions?: Partial<DetectDocumentTextCommandInput> | undefined;
}

/** Feature selection for analysis. */
export interface TextractFeatures {
  /** e.g. `['LAYOUT', 'TABLES']`. `QUERIES` is added automatically when `queries` are given. */
  featureTypes: readonly TextractFeatureType[];
  /** Questions to answer (feature type `QUERIES`). */
  queries?: readonly TextractQuery[] | undefined;
}

/** Options of {@link TextractOcr.analyzeDocument}. */
export interface AnalyzeDocumentOptions extends TextractCallOptions, TextractFeatures {
  /** Raw command input merged last, e.g. `AdaptersConfig` or `HumanLoopConfig`. */
  sdkOptions?: Partial<AnalyzeDocumentCommandInput> | undefined;
}

/** Options of the `Start*` methods. */
export interface StartJobOptions extends TextractCallOptions {
  /** Idempotency token: the same token within 7 days returns the same job id. */
  clientRequestToken?: string | undefined;
  /** A tag that Textract echoes in the completion notification. */
  jobTag?: string | undefined;
  /** Where Textract publishes the completion status (see `waitForJob(jobId, …)`). */
  notificationChannel?:
    | {
        /** The SNS topic Textract publishes to. */
        snsTopicArn: string;
        /** An IAM role that lets Textract publish to the topic. */
        roleArn: string;
      }
    | undefined;
  /** Also write the results to S3. */
  outputConfig?:
    | {
        /** The bucket Textract writes the results to. */
        s3Bucket: string;
        /** Key prefix of the result objects. */
        s3Prefix?: string | undefined;
      }
    | undefined;
  /** KMS key for the S3 output. */
  kmsKeyId?: string | undefined;
}

/** Options of {@link TextractOcr.startDocumentTextDetection}. */
export interface StartDocumentTextDetectionOptions extends StartJobOptions {
  /** Raw command input merged last. */
  sdkOptions?: Partial<StartDocumentTextDetectionCommandInput> | undefined;
}

/** Options of {@link TextractOcr.startDocumentAnalysis}. */
export interface StartDocumentAnalysisOptions extends StartJobOptions, TextractFeatures {
  /** Raw command input merged last. */
  sdkOptions?: Partial<StartDocumentAnalysisCommandInput> | undefined;
}

/** Options of {@link TextractOcr.waitForJob} and {@link TextractOcr.jobResultPages}. */
export interface WaitForJobOptions {
  /** Cancels the wait; it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** How long to wait for the job to finish; past it the wait rejects with a `WaitTimeoutError`. */
  timeoutMs?: number | undefined;
  /** First delay between polls; later delays grow (×1.5, with jitter) up to `maxPollIntervalMs`. */
  pollIntervalMs?: number | undefined;
  /** Longest delay between polls. */
  maxPollIntervalMs?: number | undefined;
  /** Blocks per result page (`MaxResults`), 1–1,000. */
  maxResults?: number | undefined;
}

/** Defaults of {@link WaitForJobOptions}. */
export const DEFAULT_TEXTRACT_WAIT: Readonly<{
  /** 30 minutes: most jobs finish within minutes, large ones within half an hour. */
  timeoutMs: number;
  /** 1 second. */
  pollIntervalMs: number;
  /** 10 seconds. */
  maxPollIntervalMs: number;
  /** 1,000 blocks, the most Textract returns per page. */
  maxResults: number;
}> = Object.freeze({
  timeoutMs: 30 * 60_000,
  pollIntervalMs: 1_000,
  maxPollIntervalMs: 10_000,
  maxResults: TEXTRACT_LIMITS.maxResultsPerPage,
});

/** Growth of the poll delay per unfinished poll. */
export const POLL_FACTOR = 1.5;
/** Randomised share of each poll delay, so concurrent waiters spread out. */
export const POLL_JITTER = 0.5;
/** How often a throttled result page (after the SDK's own retries) is tried again. */
export const PAGE_THROTTLE_RETRIES = 5;
/** How long deleting the temporary S3 object may take, even after the caller aborted. */
export const DEFAULT_CLEANUP_TIMEOUT_MS = 30_000;

/** Where `recognize()` stages multi-page documents for the asynchronous API. */
export type TextractS3Staging = ClientOptions<S3Client, S3ClientConfig> & {
  /** Bucket in the same region as Textract. */
  bucket: string;
  /** Key prefix of the temporary objects, e.g. `tmp/textract/`. A random UUID follows it. */
  prefix?: string | undefined;
  /** Raw `PutObject` input merged into the upload, e.g. `{ ServerSideEncryption: 'aws:kms', SSEKMSKeyId }`. */
  putObjectOptions?: Partial<PutObjectCommandInput> | undefined;
};

/** Options of the {@link TextractOcr} constructor. */
export type TextractOcrOptions = ClientOptions<TextractClient, TextractClientConfig> & {
  /** Receives metadata only (operations, ids, sizes, durations); never document content. */
  logger?: Logger | undefined;
  /** For `recognize()`: use AnalyzeDocument / StartDocumentAnalysis with these features instead of text detection. */
  features?: TextractFeatures | undefined;
  /**
   * For `recognize()`: where to stage multi-page PDF/TIFF documents for the asynchronous API. Without it a
   * multi-page document is refused with a `ValidationError`. The S3 client defaults to the region
   * and credentials of `clientConfig`.
   */
  s3?: TextractS3Staging | undefined;
  /** For `recognize()`: how to wait for asynchronous jobs. */
  wait?: Omit<WaitForJobOptions, 'signal'> | undefined;
};
