/**
 * Building Textract command input from `TextractOcr` options, with validation first.
 *
 * @module
 */
import type { AnalyzeDocumentCommandInput, StartDocumentTextDetectionCommandInput } from '@aws-sdk/client-textract';
import { ValidationError } from '../../kit/errors.js';
import type { StartJobOptions, TextractJob, TextractJobApi, WaitForJobOptions } from './TextractOcrOptions.js';
import { TEXTRACT_LIMITS } from './textractLimits.js';
import {
  assertDurationMs,
  assertId,
  assertIntegerInRange,
  assertS3Document,
  assertText,
  type TextractQuery,
  type TextractS3Document,
} from './validateTextractInput.js';

/**
 * A job handle from a handle or a bare job id plus the API that started it.
 *
 * @example
 * ```ts
 * toJob('job-1', 'analysis'); // { jobId: 'job-1', api: 'analysis', requestId: undefined }
 * ```
 */
export function toJob(job: TextractJob | string, api: TextractJobApi | undefined): TextractJob {
  if (typeof job === 'string') {
    assertId(job, 'jobId');
    if (api !== 'textDetection' && api !== 'analysis') {
      throw new ValidationError('options.api', "must be 'textDetection' or 'analysis' when a bare job id is given");
    }
    return { jobId: job, api, requestId: undefined };
  }
  if (typeof job !== 'object' || job === null) throw new ValidationError('job', 'must be a TextractJob or a job id');
  assertId(job.jobId, 'job.jobId');
  if (job.api !== 'textDetection' && job.api !== 'analysis') {
    throw new ValidationError('job.api', "must be 'textDetection' or 'analysis'");
  }
  return job;
}

/**
 * Checks wait options (durations positive, `maxResults` 1–1,000).
 *
 * @example
 * ```ts
 * validateWait({ timeoutMs: 60_000, maxResults: 500 }, 'options');
 * ```
 */
export function validateWait(options: Omit<WaitForJobOptions, 'signal'>, field: string): void {
  assertDurationMs(options.timeoutMs, `${field}.timeoutMs`, true);
  assertDurationMs(options.pollIntervalMs, `${field}.pollIntervalMs`);
  assertDurationMs(options.maxPollIntervalMs, `${field}.maxPollIntervalMs`);
  assertIntegerInRange(options.maxResults, `${field}.maxResults`, 1, TEXTRACT_LIMITS.maxResultsPerPage);
}

/**
 * A copy without the keys whose value is `undefined`, so spreading it keeps earlier defaults.
 *
 * @example
 * ```ts
 * definedOnly({ a: 1, b: undefined }); // { a: 1 }
 * ```
 */
export function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Maps our queries to Textract's `QueriesConfig` (empty when there are none).
 *
 * @example
 * ```ts
 * queriesConfig([{ text: 'What is the total?', alias: 'TOTAL' }]);
 * // { QueriesConfig: { Queries: [{ Text: 'What is the total?', Alias: 'TOTAL' }] } }
 * ```
 */
export function queriesConfig(
  queries: readonly TextractQuery[] | undefined,
): Pick<AnalyzeDocumentCommandInput, 'QueriesConfig'> {
  if (queries === undefined) return {};
  return {
    QueriesConfig: {
      Queries: queries.map((q) => ({
        Text: q.text,
        ...(q.alias !== undefined ? { Alias: q.alias } : {}),
        ...(q.pages !== undefined ? { Pages: [...q.pages] } : {}),
      })),
    },
  };
}

/**
 * Validates the common `Start*` options and maps them to command input.
 *
 * @example
 * ```ts
 * startInput({ bucket: 'b', name: 'k.pdf' }, { jobTag: 'invoices' });
 * ```
 */
export function startInput(
  document: TextractS3Document,
  options: StartJobOptions,
): StartDocumentTextDetectionCommandInput {
  const { clientRequestToken, jobTag, notificationChannel, outputConfig, kmsKeyId } = options;
  if (clientRequestToken !== undefined) assertId(clientRequestToken, 'options.clientRequestToken');
  if (jobTag !== undefined) assertId(jobTag, 'options.jobTag', 'tag');
  if (kmsKeyId !== undefined) assertText(kmsKeyId, 'options.kmsKeyId', 2048);
  if (notificationChannel !== undefined) {
    assertText(notificationChannel?.snsTopicArn, 'options.notificationChannel.snsTopicArn', 1024);
    assertText(notificationChannel?.roleArn, 'options.notificationChannel.roleArn', 2048);
  }
  if (outputConfig !== undefined) {
    assertS3Document({ bucket: outputConfig?.s3Bucket, name: 'x' }, 'options.outputConfig');
    if (outputConfig.s3Prefix !== undefined) assertText(outputConfig.s3Prefix, 'options.outputConfig.s3Prefix', 1024);
  }
  return {
    DocumentLocation: {
      S3Object: {
        Bucket: document.bucket,
        Name: document.name,
        ...(document.version !== undefined ? { Version: document.version } : {}),
      },
    },
    ...(clientRequestToken !== undefined ? { ClientRequestToken: clientRequestToken } : {}),
    ...(jobTag !== undefined ? { JobTag: jobTag } : {}),
    ...(kmsKeyId !== undefined ? { KMSKeyId: kmsKeyId } : {}),
    ...(notificationChannel !== undefined
      ? { NotificationChannel: { SNSTopicArn: notificationChannel.snsTopicArn, RoleArn: notificationChannel.roleArn } }
      : {}),
    ...(outputConfig !== undefined
      ? {
          OutputConfig: {
            S3Bucket: outputConfig.s3Bucket,
            ...(outputConfig.s3Prefix !== undefined ? { S3Prefix: outputConfig.s3Prefix } : {}),
          },
        }
      : {}),
  };
}
