/**
 * `TextractOcr`: the thin adapter over Amazon Textract. Synchronous text detection and analysis for bytes,
 * asynchronous jobs on S3 objects with polling and full `NextToken` pagination, and the `OcrEngine` contract
 * (`recognize`), which picks the synchronous or the asynchronous API (via a temporary S3 object) by page count.
 *
 * The SDK clients are loaded lazily (`import type` here, a dynamic `import()` on first use).
 *
 * @module
 */

import type { PutObjectCommandInput, S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type {
  AnalyzeDocumentCommandInput,
  DetectDocumentTextCommandInput,
  GetDocumentAnalysisCommandOutput,
  GetDocumentTextDetectionCommandOutput,
  StartDocumentAnalysisCommandInput,
  StartDocumentTextDetectionCommandInput,
  TextractClient,
  TextractClientConfig,
} from '@aws-sdk/client-textract';
import { raceAbort, sleep, throwIfAborted, withDeadline } from '../../kit/abort.js';
import { LazyClient } from '../../kit/clients.js';
import { isServiceError, JobFailedError, ResponseShapeError, ValidationError } from '../../kit/errors.js';
import { createSafeLogger, type Logger } from '../../kit/log.js';
import { backoffDelayMs, pollUntil } from '../../kit/retry.js';
import { callService } from '../../kit/service-call.js';
import type { OcrEngine, OcrInput, OcrMediaType, OcrOptions, OcrResult } from '../../ocr/OcrEngine.js';
import { countDocumentPages } from './documentPages.js';
import {
  loadS3Sdk,
  loadTextractSdk,
  S3_PACKAGE,
  type S3Sdk,
  TEXTRACT_PACKAGE,
  type TextractSdk,
} from './loadTextractSdk.js';
import { type ProgressReporter, progressReporter } from './pageProgress.js';
import {
  type AnalyzeDocumentOptions,
  DEFAULT_CLEANUP_TIMEOUT_MS,
  DEFAULT_TEXTRACT_WAIT,
  type DetectDocumentTextOptions,
  PAGE_THROTTLE_RETRIES,
  POLL_FACTOR,
  POLL_JITTER,
  type StartDocumentAnalysisOptions,
  type StartDocumentTextDetectionOptions,
  type StartJobOptions,
  type TextractCallOptions,
  type TextractFeatures,
  type TextractJob,
  type TextractJobApi,
  type TextractOcrOptions,
  type WaitForJobOptions,
} from './TextractOcrOptions.js';
import {
  mergeResultPages,
  type TextractOcrResult,
  type TextractOutputLike,
  type TextractResultPage,
  toResultPage,
} from './TextractOcrResult.js';
import { definedOnly, queriesConfig, startInput, toJob, validateWait } from './textractCommandInput.js';
import { TEXTRACT_LIMITS } from './textractLimits.js';
import {
  assertBucket,
  assertDocumentBytes,
  assertDurationMs,
  assertS3Document,
  checkFeatures,
  type TextractS3Document,
} from './validateTextractInput.js';

const SERVICE = 'Textract';

const MEDIA_TYPES: readonly OcrMediaType[] = ['image/jpeg', 'image/png', 'image/tiff', 'application/pdf'];
const EXTENSIONS: Record<OcrMediaType, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/tiff': '.tiff',
  'application/pdf': '.pdf',
};

type GetOutput = GetDocumentTextDetectionCommandOutput | GetDocumentAnalysisCommandOutput;

/** How long `recognize` still waits for the staged object's delete once the caller has aborted. */
const CLEANUP_GRACE_AFTER_ABORT_MS = 2_000;

/** A signal that fires `ms` after `signal` does (never without one); `dispose` detaches it. */
function graceAfterAbort(
  signal: AbortSignal | undefined,
  ms: number,
): { signal: AbortSignal | undefined; dispose: () => void } {
  if (!signal) return { signal: undefined, dispose: () => undefined };
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const start = (): void => {
    timer = setTimeout(() => controller.abort(signal.reason), ms);
  };
  if (signal.aborted) start();
  else signal.addEventListener('abort', start, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      signal.removeEventListener('abort', start);
      clearTimeout(timer);
    },
  };
}

/**
 * Amazon Textract, with validation before every request, typed errors, cancellation, polling and pagination.
 *
 * @example
 * ```ts
 * import { TextractOcr } from 'aws-ml-kit/textract';
 *
 * const ocr = new TextractOcr({ clientConfig: { region: 'eu-west-1' } });
 * const { blocks } = await ocr.analyzeDocument(bytes, { featureTypes: ['LAYOUT', 'TABLES'] });
 * ocr.destroy();
 * ```
 */
export class TextractOcr implements OcrEngine {
  /** The engine name reported in `OcrResult.engine`. */
  readonly name = 'textract';
  readonly #textract: LazyClient<TextractClient, TextractClientConfig>;
  readonly #s3: LazyClient<S3Client, S3ClientConfig> | undefined;
  readonly #staging: { bucket: string; prefix: string; putObjectOptions: Partial<PutObjectCommandInput> } | undefined;
  readonly #features: TextractFeatures | undefined;
  readonly #wait: Omit<WaitForJobOptions, 'signal'>;
  readonly #logger: Logger;

  /**
   * @example
   * ```ts
   * const ocr = new TextractOcr({ client: new TextractClient({}) }); // yours; never destroyed by us
   * ```
   */
  constructor(options: TextractOcrOptions = {}) {
    this.#textract = new LazyClient<TextractClient, TextractClientConfig>(options, {
      packageName: TEXTRACT_PACKAGE,
      feature: 'TextractOcr',
      create: async (config) => new (await loadTextractSdk()).TextractClient(config),
    });
    this.#logger = createSafeLogger(options.logger);
    if (options.features !== undefined) {
      const { featureTypes, queries } = options.features;
      checkFeatures(featureTypes, queries, TEXTRACT_LIMITS.syncMaxQueries, 'options.features');
      this.#features = options.features;
    }
    validateWait(options.wait ?? {}, 'options.wait');
    this.#wait = { ...options.wait };
    if (options.s3 !== undefined) {
      const { bucket, prefix = '', client, clientConfig, putObjectOptions = {} } = options.s3;
      assertBucket(bucket, 'options.s3.bucket');
      if (typeof prefix !== 'string' || prefix.length > 900) {
        throw new ValidationError('options.s3.prefix', 'must be a string of at most 900 characters');
      }
      this.#staging = { bucket, prefix, putObjectOptions };
      // Textract reads only buckets in its own region (and account), so a created S3 client follows the Textract
      // client's region and credentials; never its endpoint, which may be a Textract-only override.
      const { region, credentials } = options.clientConfig ?? {};
      const s3Options =
        client !== undefined || clientConfig !== undefined
          ? options.s3
          : {
              clientConfig: {
                ...(region !== undefined ? { region } : {}),
                ...(credentials !== undefined ? { credentials } : {}),
              } as S3ClientConfig,
            };
      this.#s3 = new LazyClient<S3Client, S3ClientConfig>(s3Options, {
        packageName: S3_PACKAGE,
        feature: 'TextractOcr (option s3)',
        create: async (config) => new (await loadS3Sdk()).S3Client(config),
      });
    }
  }

  /**
   * Detects lines and words in a JPEG, PNG, or single-page PDF or TIFF (`DetectDocumentText`).
   *
   * @example
   * ```ts
   * const result = await ocr.detectDocumentText(await readFile('scan.png'));
   * const lines = result.blocks.filter((b) => b.BlockType === 'LINE');
   * ```
   */
  async detectDocumentText(bytes: Uint8Array, options: DetectDocumentTextOptions = {}): Promise<TextractOcrResult> {
    assertDocumentBytes(bytes, 'bytes', TEXTRACT_LIMITS.syncMaxBytes);
    assertDurationMs(options.timeoutMs, 'options.timeoutMs');
    const input: DetectDocumentTextCommandInput = { Document: { Bytes: bytes }, ...options.sdkOptions };
    const page = await this.#sync('DetectDocumentText', (sdk) => new sdk.DetectDocumentTextCommand(input), options, {
      bytes: bytes.byteLength,
    });
    return mergeResultPages([page]);
  }

  /**
   * Analyses a JPEG, PNG, or single-page PDF or TIFF for layout, tables, forms, signatures or queries
   * (`AnalyzeDocument`).
   *
   * @example
   * ```ts
   * const result = await ocr.analyzeDocument(bytes, {
   *   featureTypes: ['LAYOUT', 'TABLES'],
   *   queries: [{ text: 'What is the invoice total?', alias: 'TOTAL' }],
   * });
   * ```
   */
  async analyzeDocument(bytes: Uint8Array, options: AnalyzeDocumentOptions): Promise<TextractOcrResult> {
    assertDocumentBytes(bytes, 'bytes', TEXTRACT_LIMITS.syncMaxBytes);
    const featureTypes = checkFeatures(options?.featureTypes, options?.queries, TEXTRACT_LIMITS.syncMaxQueries);
    assertDurationMs(options.timeoutMs, 'options.timeoutMs');
    const input: AnalyzeDocumentCommandInput = {
      Document: { Bytes: bytes },
      FeatureTypes: featureTypes,
      ...queriesConfig(options.queries),
      ...options.sdkOptions,
    };
    const page = await this.#sync('AnalyzeDocument', (sdk) => new sdk.AnalyzeDocumentCommand(input), options, {
      bytes: bytes.byteLength,
    });
    return mergeResultPages([page]);
  }

  /**
   * Starts asynchronous text detection of a PDF, TIFF, JPEG or PNG in S3 (`StartDocumentTextDetection`).
   *
   * @example
   * ```ts
   * const job = await ocr.startDocumentTextDetection({ bucket: 'my-bucket', name: 'scans/report.pdf' });
   * const result = await ocr.waitForJob(job, { timeoutMs: 10 * 60_000 });
   * ```
   */
  async startDocumentTextDetection(
    document: TextractS3Document,
    options: StartDocumentTextDetectionOptions = {},
  ): Promise<TextractJob> {
    assertS3Document(document, 'document');
    const common = startInput(document, options);
    const input: StartDocumentTextDetectionCommandInput = { ...common, ...options.sdkOptions };
    return this.#start(
      'textDetection',
      'StartDocumentTextDetection',
      (sdk) => new sdk.StartDocumentTextDetectionCommand(input),
      options,
    );
  }

  /**
   * Starts asynchronous analysis of a document in S3 (`StartDocumentAnalysis`).
   *
   * @example
   * ```ts
   * const job = await ocr.startDocumentAnalysis({ bucket: 'my-bucket', name: 'forms/application.pdf' }, {
   *   featureTypes: ['FORMS', 'TABLES'],
   * });
   * const result = await ocr.waitForJob(job);
   * ```
   */
  async startDocumentAnalysis(
    document: TextractS3Document,
    options: StartDocumentAnalysisOptions,
  ): Promise<TextractJob> {
    assertS3Document(document, 'document');
    const featureTypes = checkFeatures(options?.featureTypes, options?.queries, TEXTRACT_LIMITS.asyncMaxQueries);
    const common = startInput(document, options);
    const input: StartDocumentAnalysisCommandInput = {
      ...common,
      FeatureTypes: featureTypes,
      ...queriesConfig(options.queries),
      ...options.sdkOptions,
    };
    return this.#start(
      'analysis',
      'StartDocumentAnalysis',
      (sdk) => new sdk.StartDocumentAnalysisCommand(input),
      options,
    );
  }

  /**
   * Waits for a job to finish and collects every page of its results. `FAILED` rejects with a `JobFailedError`;
   * `PARTIAL_SUCCESS` resolves with the pages Textract could read and its warnings. Pass a bare job id (e.g. from
   * an SNS notification) together with the `api` that started it.
   *
   * @example
   * ```ts
   * const result = await ocr.waitForJob(job, { signal, timeoutMs: 15 * 60_000 });
   * const fromSns = await ocr.waitForJob(message.JobId, { api: 'analysis' });
   * ```
   */
  async waitForJob(job: TextractJob, options?: WaitForJobOptions): Promise<TextractOcrResult>;
  /**
   * Same, for a bare job id (e.g. from the SNS notification) and the `api` that started it.
   *
   * @example
   * ```ts
   * const result = await ocr.waitForJob(message.JobId, { api: 'textDetection' });
   * ```
   */
  async waitForJob(jobId: string, options: WaitForJobOptions & { api: TextractJobApi }): Promise<TextractOcrResult>;
  async waitForJob(
    job: TextractJob | string,
    options: WaitForJobOptions & { api?: TextractJobApi } = {},
  ): Promise<TextractOcrResult> {
    const handle = toJob(job, options.api);
    const pages: TextractResultPage[] = [];
    for await (const page of this.#resultPages(handle, options)) pages.push(page);
    const result = mergeResultPages(pages, handle.jobId);
    this.#logger.info('job collected', {
      jobId: handle.jobId,
      status: result.status,
      pages: result.documentMetadata.pages,
      blocks: result.blocks.length,
      count: pages.length,
    });
    return result;
  }

  /**
   * Waits for a job to finish, then yields its results one `NextToken` page at a time, so a large job never has
   * to be held in memory at once.
   *
   * @example
   * ```ts
   * for await (const page of ocr.jobResultPages(job, { maxResults: 500 })) {
   *   await store(page.blocks);
   * }
   * ```
   */
  jobResultPages(job: TextractJob, options?: WaitForJobOptions): AsyncIterable<TextractResultPage>;
  /**
   * Same, for a bare job id (e.g. from the SNS notification) and the `api` that started it.
   *
   * @example
   * ```ts
   * for await (const page of ocr.jobResultPages(message.JobId, { api: 'analysis' })) await store(page.blocks);
   * ```
   */
  jobResultPages(
    jobId: string,
    options: WaitForJobOptions & { api: TextractJobApi },
  ): AsyncIterable<TextractResultPage>;
  jobResultPages(
    job: TextractJob | string,
    options: WaitForJobOptions & { api?: TextractJobApi } = {},
  ): AsyncIterable<TextractResultPage> {
    const handle = toJob(job, options.api);
    validateWait(options, 'options');
    return this.#resultPages(handle, options);
  }

  /**
   * Recognises every page of an image or PDF (the `OcrEngine` contract). JPEG, PNG and single-page PDF/TIFF go
   * through the synchronous API; multi-page PDF/TIFF through a temporary S3 object (option `s3`), which is
   * deleted afterwards whatever happens. Uses analysis instead of text detection when option `features` is set.
   *
   * @example
   * ```ts
   * const ocr = new TextractOcr({ clientConfig: { region }, s3: { bucket: 'my-staging-bucket', prefix: 'tmp/' } });
   * const { blocks, pageCount } = await ocr.recognize({ bytes, mediaType: 'application/pdf' }, {
   *   onProgress: ({ page, pageCount }) => console.log(`${page}/${pageCount}`),
   * });
   * ```
   */
  async recognize(input: OcrInput, options: OcrOptions = {}): Promise<OcrResult> {
    const { bytes, mediaType } = (input ?? {}) as Partial<OcrInput>;
    if (!MEDIA_TYPES.includes(mediaType as OcrMediaType)) {
      throw new ValidationError('input.mediaType', `must be one of ${MEDIA_TYPES.join(', ')}`);
    }
    const type = mediaType as OcrMediaType;
    const multiPageFormat = type === 'application/pdf' || type === 'image/tiff';
    assertDocumentBytes(
      bytes,
      'input.bytes',
      multiPageFormat && this.#staging ? TEXTRACT_LIMITS.asyncMaxBytesPdfTiff : TEXTRACT_LIMITS.syncMaxBytes,
    );
    const { signal, onProgress } = options;
    throwIfAborted(signal);
    const counted = countDocumentPages(bytes, type);
    const tooBigForSync = bytes.byteLength > TEXTRACT_LIMITS.syncMaxBytes;
    const progress = progressReporter(onProgress);
    let result: TextractOcrResult;
    if ((counted !== undefined && counted > 1) || tooBigForSync) {
      if (counted !== undefined && counted > TEXTRACT_LIMITS.asyncMaxPages) {
        throw new ValidationError(
          'input.bytes',
          `must have at most ${TEXTRACT_LIMITS.asyncMaxPages} pages, got ${counted}`,
        );
      }
      if (!this.#staging) {
        throw new ValidationError(
          'options.s3',
          `is required to recognise a ${counted ?? 'multi'}-page document: Textract reads multi-page PDF and TIFF only from S3; pass s3: { bucket } to the TextractOcr constructor`,
        );
      }
      result = await this.#recognizeViaS3(bytes, type, signal, progress);
    } else {
      try {
        result = await this.#recognizeSync(bytes, signal);
      } catch (error) {
        // Page objects hidden in compressed object streams cannot be counted cheaply; Textract then tells us.
        const multiPage =
          isServiceError(error) && error.errorName === 'UnsupportedDocumentException' && multiPageFormat;
        if (!multiPage || counted !== undefined) throw error;
        if (!this.#staging) {
          throw new ValidationError(
            'options.s3',
            'is required: Textract refused the document for its synchronous API (probably a multi-page PDF or TIFF); pass s3: { bucket } to the TextractOcr constructor',
            { cause: error, requestId: error.requestId },
          );
        }
        this.#logger.info('falling back to the asynchronous API', {
          operation: 'recognize',
          errorName: error.errorName,
        });
        result = await this.#recognizeViaS3(bytes, type, signal, progress);
      }
    }
    progress.finish(result.documentMetadata.pages);
    return {
      // Synchronous responses carry no `Block.Page`; the OcrEngine contract numbers every block's page.
      blocks:
        result.jobId === undefined
          ? result.blocks.map((b) => (b.Page === undefined ? { ...b, Page: 1 } : b))
          : result.blocks,
      pageCount: result.documentMetadata.pages,
      engine: this.name,
      warnings: result.warnings.map((w) => `Textract ${w.errorCode} on page(s) ${w.pages.join(', ') || 'unknown'}`),
      requestIds: result.requestIds,
    };
  }

  /**
   * Destroys the Textract (and S3) client if this object created it; injected clients are left alone.
   *
   * @example
   * ```ts
   * const ocr = new TextractOcr({ clientConfig: { region } });
   * try { await ocr.detectDocumentText(bytes); } finally { ocr.destroy(); }
   * ```
   */
  destroy(): void {
    this.#textract.destroy();
    this.#s3?.destroy();
  }

  /**
   * Same as {@link TextractOcr.destroy}, for `using`.
   *
   * @example
   * ```ts
   * using ocr = new TextractOcr({ clientConfig: { region } });
   * ```
   */
  [Symbol.dispose](): void {
    this.destroy();
  }

  async #recognizeSync(bytes: Uint8Array, signal: AbortSignal | undefined): Promise<TextractOcrResult> {
    const features = this.#features;
    return features ? this.analyzeDocument(bytes, { ...features, signal }) : this.detectDocumentText(bytes, { signal });
  }

  async #recognizeViaS3(
    bytes: Uint8Array,
    mediaType: OcrMediaType,
    signal: AbortSignal | undefined,
    progress: ProgressReporter,
  ): Promise<TextractOcrResult> {
    const staging = this.#staging!;
    const [sdk, client] = await Promise.all([loadS3Sdk(), this.#s3!.get()]);
    const key = `${staging.prefix}${globalThis.crypto.randomUUID()}${EXTENSIONS[mediaType]}`;
    // The upload is inside `try`: an abort can land after S3 stored the object, and deleting a missing key is a no-op.
    try {
      await callService(
        client,
        new sdk.PutObjectCommand({
          ...staging.putObjectOptions,
          Bucket: staging.bucket,
          Key: key,
          Body: bytes,
          ContentType: mediaType,
        }),
        { service: 'S3', operation: 'PutObject', signal, logger: this.#logger, meta: { bytes: bytes.byteLength } },
      );
      const document = { bucket: staging.bucket, name: key };
      const features = this.#features;
      const job = features
        ? await this.startDocumentAnalysis(document, { ...features, signal })
        : await this.startDocumentTextDetection(document, { signal });
      const pages: TextractResultPage[] = [];
      for await (const page of this.#resultPages(job, { ...this.#wait, signal })) {
        pages.push(page);
        progress.seen(page.blocks, page.pageCount);
      }
      return mergeResultPages(pages, job.jobId);
    } finally {
      // The delete never rejects and is bounded by its own timeout. After an abort the caller waits for it only a
      // short grace; a client that does not answer then finishes it in the background.
      const cleanup = this.#deleteQuietly(client, sdk, staging.bucket, key);
      const grace = graceAfterAbort(signal, CLEANUP_GRACE_AFTER_ABORT_MS);
      try {
        await raceAbort(cleanup, grace.signal).catch(() => undefined);
      } finally {
        grace.dispose();
      }
    }
  }

  async #deleteQuietly(client: S3Client, sdk: S3Sdk, bucket: string, key: string): Promise<void> {
    try {
      await callService(client, new sdk.DeleteObjectCommand({ Bucket: bucket, Key: key }), {
        service: 'S3',
        operation: 'DeleteObject',
        signal: AbortSignal.timeout(DEFAULT_CLEANUP_TIMEOUT_MS),
        logger: this.#logger,
      });
    } catch (error) {
      // The recognition result (or its error) matters more; a lifecycle rule on the prefix catches leftovers.
      this.#logger.warn('temporary object not deleted', {
        operation: 'DeleteObject',
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
  }

  async #sync(
    operation: 'DetectDocumentText' | 'AnalyzeDocument',
    command: (sdk: TextractSdk) => unknown,
    options: TextractCallOptions,
    meta: Record<string, unknown>,
  ): Promise<TextractResultPage> {
    throwIfAborted(options.signal);
    const [sdk, client] = await Promise.all([loadTextractSdk(), this.#textract.get()]);
    const signal = withDeadline(options.signal, options.timeoutMs);
    const output = await callService<TextractOutputLike>(client, command(sdk), {
      service: SERVICE,
      operation,
      signal,
      logger: this.#logger,
      meta,
    });
    return toResultPage(output, operation);
  }

  async #start(
    api: TextractJobApi,
    operation: string,
    command: (sdk: TextractSdk) => unknown,
    options: StartJobOptions,
  ): Promise<TextractJob> {
    assertDurationMs(options.timeoutMs, 'options.timeoutMs');
    throwIfAborted(options.signal);
    const [sdk, client] = await Promise.all([loadTextractSdk(), this.#textract.get()]);
    const output = await callService<{ JobId?: string; $metadata?: { requestId?: string } }>(client, command(sdk), {
      service: SERVICE,
      operation,
      signal: withDeadline(options.signal, options.timeoutMs),
      logger: this.#logger,
    });
    if (typeof output.JobId !== 'string' || output.JobId.length === 0) {
      throw new ResponseShapeError(operation, 'JobId', 'is missing', { requestId: output.$metadata?.requestId });
    }
    this.#logger.info('job started', { operation, jobId: output.JobId, requestId: output.$metadata?.requestId });
    return { jobId: output.JobId, api, requestId: output.$metadata?.requestId };
  }

  async *#resultPages(job: TextractJob, options: WaitForJobOptions): AsyncGenerator<TextractResultPage> {
    validateWait(options, 'options');
    const settings = {
      ...DEFAULT_TEXTRACT_WAIT,
      ...definedOnly(this.#wait),
      ...definedOnly(options),
    } as typeof DEFAULT_TEXTRACT_WAIT;
    const { signal } = options;
    const operation = job.api === 'analysis' ? 'GetDocumentAnalysis' : 'GetDocumentTextDetection';
    throwIfAborted(signal);
    const [sdk, client] = await Promise.all([loadTextractSdk(), this.#textract.get()]);
    const get = (nextToken: string | undefined, callSignal: AbortSignal | undefined): Promise<GetOutput> => {
      const input = {
        JobId: job.jobId,
        MaxResults: settings.maxResults,
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
      const command =
        job.api === 'analysis'
          ? new sdk.GetDocumentAnalysisCommand(input)
          : new sdk.GetDocumentTextDetectionCommand(input);
      return callService<GetOutput>(client, command, {
        service: SERVICE,
        operation,
        signal: callSignal,
        logger: this.#logger,
        meta: { jobId: job.jobId },
      });
    };
    const backoff = {
      initialDelayMs: settings.pollIntervalMs,
      maxDelayMs: settings.maxPollIntervalMs,
      factor: POLL_FACTOR,
      jitter: POLL_JITTER,
    };
    // Result pages of a finished job stay available, so a throttled page is worth waiting for.
    const getPage = async (token: string): Promise<GetOutput> => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await get(token, signal);
        } catch (error) {
          if (!(isServiceError(error) && error.code === 'THROTTLED') || attempt >= PAGE_THROTTLE_RETRIES) throw error;
          const delayMs = backoffDelayMs(attempt, backoff);
          this.#logger.warn('page throttled', { jobId: job.jobId, attempt, delayMs, errorName: error.errorName });
          await sleep(delayMs, signal);
        }
      }
    };
    const first = await pollUntil<GetOutput | undefined>(
      // The poll's signal also fires at the wait's deadline, so a request that hangs cannot outlast timeoutMs.
      async (attempt, pollSignal) => {
        try {
          const output = await get(undefined, pollSignal);
          return { done: output.JobStatus !== 'IN_PROGRESS', value: output };
        } catch (error) {
          // Polling is patient: a throttled poll (after the SDK's own retries) only delays the next one.
          if (isServiceError(error) && error.code === 'THROTTLED') {
            this.#logger.warn('poll throttled', { jobId: job.jobId, attempt, errorName: error.errorName });
            return { done: false, value: undefined };
          }
          throw error;
        }
      },
      {
        ...backoff,
        signal,
        timeoutMs: settings.timeoutMs,
        what: `Textract job ${job.jobId}`,
      },
    );
    const output = first!;
    const requestId = output.$metadata?.requestId;
    if (output.JobStatus === 'FAILED') {
      this.#logger.warn('job failed', { jobId: job.jobId, status: 'FAILED', requestId });
      throw new JobFailedError(job.jobId, 'FAILED', output.StatusMessage, { requestId });
    }
    if (output.JobStatus !== 'SUCCEEDED' && output.JobStatus !== 'PARTIAL_SUCCESS') {
      throw new ResponseShapeError(operation, 'JobStatus', 'is missing or not a known status', { requestId });
    }
    let page = toResultPage(output, operation);
    const tokens = new Set<string>();
    for (;;) {
      yield page;
      const token = page.nextToken;
      if (token === undefined) return;
      if (tokens.has(token)) {
        throw new ResponseShapeError(operation, 'NextToken', 'repeats an earlier token', { requestId: page.requestId });
      }
      tokens.add(token);
      throwIfAborted(signal);
      const next = toResultPage(await getPage(token), operation);
      // Later pages may omit the job status; keep the final status of the first page.
      page = { ...next, ...(page.status ? { status: page.status } : {}) };
    }
  }
}
