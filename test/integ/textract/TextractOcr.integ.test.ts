import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isJobFailedError, isResponseShapeError, isWaitTimeoutError } from '../../../src/kit/errors.js';
import { awsError, S3StandIn, TextractStandIn } from '../../../src/testing/index.js';
import { TextractOcr } from '../../../src/textract/aws/TextractOcr.js';
import { minimalPdf, pngBytes } from '../../unit/textract/aws/documents.js';

type Saved = { Blocks: { Id: string; Page?: number }[]; DocumentMetadata: { Pages: number } };
const fixture = (path: string): Saved =>
  JSON.parse(readFileSync(new URL(`../../fixtures/textract/${path}`, import.meta.url), 'utf8')) as Saved;

const SINGLE = fixture('09-single-page-detect-and-layout/test_detect_document_text.json');
const ANALYZED = fixture('13-multipage-async/test_textractor_analyze_document_multipage_pdf.json');
const MULTI_TEXT = fixture('13-multipage-async/test_textractor_start_document_text_detection_multipage_pdf_s3.json');
const THREE_PAGES = fixture('19-multipage-3p-json-only/gib_multi_page_table_merge.json');
const FAST = { pollIntervalMs: 5, maxPollIntervalMs: 20 } as const;
const BUCKET = 'staging-bucket';

describe('TextractOcr with a real TextractClient against TextractStandIn', () => {
  let s3: S3StandIn;
  let textract: TextractStandIn;

  beforeEach(async () => {
    s3 = await S3StandIn.start({ buckets: [BUCKET] });
    textract = await TextractStandIn.start({
      server: s3.server,
      s3,
      detectDocumentText: SINGLE,
      analyzeDocument: ANALYZED,
      textDetectionJob: MULTI_TEXT,
      analysisJob: THREE_PAGES,
      pollsBeforeDone: 2,
    });
  });
  afterEach(() => s3.close());

  const ocr = (maxAttempts = 3) =>
    new TextractOcr({
      clientConfig: textract.clientConfig({ maxAttempts }),
      s3: { bucket: BUCKET, prefix: 'tmp/', clientConfig: s3.clientConfig({ maxAttempts }) },
      wait: FAST,
    });

  it('detects text synchronously, returning the saved blocks with the request id', async () => {
    const result = await ocr().detectDocumentText(pngBytes());
    expect(result.blocks.map((b) => b.Id)).toEqual(SINGLE.Blocks.map((b) => b.Id));
    expect(result.documentMetadata.pages).toBe(1);
    expect(result.requestIds).toEqual([expect.stringMatching(/^stand-in-/)]);
    expect(textract.server.callsOf('DetectDocumentText')).toHaveLength(1);
  });

  it('analyses synchronously with feature types', async () => {
    const result = await ocr().analyzeDocument(pngBytes(), { featureTypes: ['LAYOUT', 'TABLES'] });
    expect(result.blocks).toHaveLength(ANALYZED.Blocks.length);
    expect(result.documentMetadata.pages).toBe(2);
  });

  it.each(['ProvisionedThroughputExceededException', 'ThrottlingException'])(
    'retries a %s sequence through the SDK and then succeeds',
    async (errorName) => {
      textract.server.script('DetectDocumentText', [awsError(errorName), awsError(errorName)]);
      const result = await ocr(3).detectDocumentText(pngBytes());
      expect(result.blocks).toHaveLength(SINGLE.Blocks.length);
      expect(textract.server.callsOf('DetectDocumentText').map((c) => c.status)).toEqual([400, 400, 200]);
    },
  );

  it('gives a throttled, retryable ServiceError when throttling outlasts the retries', async () => {
    textract.server.script('DetectDocumentText', [awsError('ThrottlingException'), awsError('ThrottlingException')]);
    const error = await ocr(2)
      .detectDocumentText(pngBytes())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ServiceError',
      code: 'THROTTLED',
      retryable: true,
      errorName: 'ThrottlingException',
    });
  });

  it('retries a 5xx, and reports one that persists as a retryable ServiceError', async () => {
    textract.server.script('DetectDocumentText', [awsError('InternalServerError', 500)]);
    await expect(ocr(2).detectDocumentText(pngBytes())).resolves.toMatchObject({ documentMetadata: { pages: 1 } });
    textract.server.script('DetectDocumentText', [awsError('InternalServerError', 500)]);
    const error = await ocr(1)
      .detectDocumentText(pngBytes())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServiceError', httpStatusCode: 500, retryable: true });
  });

  it('reports a malformed body as a ResponseShapeError, not a raw SyntaxError', async () => {
    textract.server.script('DetectDocumentText', [
      { body: '{"Blocks": [', headers: { 'content-type': 'application/x-amz-json-1.1' } },
    ]);
    const error = await ocr(1)
      .detectDocumentText(pngBytes())
      .catch((e: unknown) => e);
    expect(isResponseShapeError(error)).toBe(true);
    expect(error).toMatchObject({ path: 'body', retryable: true, requestId: expect.stringMatching(/^stand-in-/) });
  });

  it('ends a slow synchronous call at its timeoutMs with a TimeoutError', async () => {
    textract.server.script('DetectDocumentText', [{ json: SINGLE, delayMs: 2_000 }]);
    const error = await ocr(1)
      .detectDocumentText(pngBytes(), { timeoutMs: 50 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TimeoutError' });
  });

  it('refuses a multi-page PDF on the synchronous API with UnsupportedDocumentException', async () => {
    const error = await ocr()
      .detectDocumentText(minimalPdf(2))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServiceError', errorName: 'UnsupportedDocumentException' });
  });

  it('runs a text-detection job: polls while IN_PROGRESS, then collects the result', async () => {
    s3.put(BUCKET, 'in/doc.pdf', minimalPdf(2));
    const client = ocr();
    const job = await client.startDocumentTextDetection({ bucket: BUCKET, name: 'in/doc.pdf' });
    const result = await client.waitForJob(job);
    expect(result).toMatchObject({ jobId: job.jobId, status: 'SUCCEEDED', documentMetadata: { pages: 2 } });
    expect(result.blocks.map((b) => b.Id)).toEqual(MULTI_TEXT.Blocks.map((b) => b.Id));
    expect(textract.jobs[0]).toMatchObject({ status: 'SUCCEEDED', polls: 3 });
  });

  it('collects a job whose results come in 5 pages via NextToken', async () => {
    s3.put(BUCKET, 'in/three.pdf', minimalPdf(3));
    const client = ocr();
    const job = await client.startDocumentAnalysis(
      { bucket: BUCKET, name: 'in/three.pdf' },
      { featureTypes: ['TABLES'] },
    );
    const result = await client.waitForJob(job, { maxResults: 200 });
    expect(THREE_PAGES.Blocks.length).toBeGreaterThan(800); // 988 blocks → 5 pages of ≤ 200
    expect(result.blocks.map((b) => b.Id)).toEqual(THREE_PAGES.Blocks.map((b) => b.Id));
    expect(result.requestIds).toHaveLength(5);
    expect(result.documentMetadata.pages).toBe(3);
    // 2 polls IN_PROGRESS, then the first page, then 4 NextToken pages.
    expect(textract.server.callsOf('GetDocumentAnalysis')).toHaveLength(2 + 5);
  });

  it('streams the same pages through jobResultPages', async () => {
    s3.put(BUCKET, 'in/three.pdf', minimalPdf(3));
    const client = ocr();
    const job = await client.startDocumentAnalysis(
      { bucket: BUCKET, name: 'in/three.pdf' },
      { featureTypes: ['TABLES'] },
    );
    const sizes: number[] = [];
    for await (const page of client.jobResultPages(job, { maxResults: 250, ...FAST })) sizes.push(page.blocks.length);
    expect(sizes).toEqual([250, 250, 250, THREE_PAGES.Blocks.length - 750]);
  });

  it('rejects a FAILED job with JobFailedError', async () => {
    s3.put(BUCKET, 'in/doc.pdf', minimalPdf(2));
    textract.failNextJob('simulated failure');
    const client = ocr();
    const job = await client.startDocumentTextDetection({ bucket: BUCKET, name: 'in/doc.pdf' });
    const error = await client.waitForJob(job).catch((e: unknown) => e);
    expect(isJobFailedError(error)).toBe(true);
    expect(error).toMatchObject({ jobId: job.jobId, statusMessage: 'simulated failure' });
  });

  it('returns PARTIAL_SUCCESS with warnings', async () => {
    s3.put(BUCKET, 'in/doc.pdf', minimalPdf(2));
    textract.scriptNextJob({
      status: 'PARTIAL_SUCCESS',
      warnings: [{ ErrorCode: 'UNSUPPORTED_DOCUMENT', Pages: [2] }],
    });
    const client = ocr();
    const result = await client.waitForJob(
      await client.startDocumentTextDetection({ bucket: BUCKET, name: 'in/doc.pdf' }),
    );
    expect(result).toMatchObject({
      status: 'PARTIAL_SUCCESS',
      warnings: [{ errorCode: 'UNSUPPORTED_DOCUMENT', pages: [2] }],
    });
  });

  it('maps a missing S3 object to InvalidS3ObjectException', async () => {
    const error = await ocr()
      .startDocumentTextDetection({ bucket: BUCKET, name: 'missing.pdf' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ServiceError',
      errorName: 'InvalidS3ObjectException',
      operation: 'StartDocumentTextDetection',
    });
  });

  it('rejects with the signal reason when aborted mid-poll', async () => {
    s3.put(BUCKET, 'in/doc.pdf', minimalPdf(2));
    textract.scriptNextJob({ pollsBeforeDone: 1_000 });
    const client = ocr();
    const job = await client.startDocumentTextDetection({ bucket: BUCKET, name: 'in/doc.pdf' });
    const controller = new AbortController();
    const reason = new Error('caller cancelled');
    const waiting = client.waitForJob(job, { signal: controller.signal, ...FAST });
    while (textract.jobs[0]!.polls < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });

  it('rejects with WaitTimeoutError when the job outlasts timeoutMs', async () => {
    s3.put(BUCKET, 'in/doc.pdf', minimalPdf(2));
    textract.scriptNextJob({ pollsBeforeDone: 1_000 });
    const client = ocr();
    const job = await client.startDocumentTextDetection({ bucket: BUCKET, name: 'in/doc.pdf' });
    const error = await client.waitForJob(job, { timeoutMs: 100, ...FAST }).catch((e: unknown) => e);
    expect(isWaitTimeoutError(error)).toBe(true);
    expect(textract.jobs[0]!.polls).toBeGreaterThan(1);
  });

  it('recognizes a multi-page PDF through S3 and deletes the temporary object', async () => {
    const progress: number[] = [];
    const result = await ocr().recognize(
      { bytes: minimalPdf(2), mediaType: 'application/pdf' },
      { onProgress: ({ page }) => progress.push(page) },
    );
    expect(result).toMatchObject({ engine: 'textract', pageCount: 2 });
    expect(result.blocks).toHaveLength(MULTI_TEXT.Blocks.length);
    expect(progress).toEqual([1, 2]);
    const operations = textract.server.calls.map((c) => c.operation).filter((op) => op !== 'GetDocumentTextDetection');
    expect(operations).toEqual(['PutObject', 'StartDocumentTextDetection', 'DeleteObject']);
    expect(s3.keys(BUCKET)).toEqual([]);
  });

  it('deletes the temporary object even when the caller aborts', async () => {
    textract.scriptNextJob({ pollsBeforeDone: 1_000 });
    const controller = new AbortController();
    const reason = new Error('stop');
    const outcome = ocr()
      .recognize({ bytes: minimalPdf(3), mediaType: 'application/pdf' }, { signal: controller.signal })
      .catch((e: unknown) => e);
    while (textract.jobs.length === 0 || textract.jobs[0]!.polls < 1)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(s3.keys(BUCKET)).toHaveLength(1);
    controller.abort(reason);
    expect(await outcome).toBe(reason);
    expect(s3.keys(BUCKET)).toEqual([]);
  });

  it('falls back to S3 when page objects are compressed and Textract refuses the sync call', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.addPage();
    const bytes = await doc.save({ useObjectStreams: true });
    textract.server.script('DetectDocumentText', [awsError('UnsupportedDocumentException')]);
    const result = await ocr().recognize({ bytes, mediaType: 'application/pdf' });
    expect(result.pageCount).toBe(2);
    expect(textract.server.callsOf('StartDocumentTextDetection')).toHaveLength(1);
    expect(s3.keys(BUCKET)).toEqual([]);
  });

  it('recognizes an image synchronously without touching S3', async () => {
    const result = await ocr().recognize({ bytes: pngBytes(), mediaType: 'image/png' });
    expect(result.pageCount).toBe(1);
    expect(result.blocks.every((b) => b.Page === 1)).toBe(true); // the saved sync response has no Block.Page
    expect(textract.server.callsOf('PutObject')).toHaveLength(0);
  });
});
