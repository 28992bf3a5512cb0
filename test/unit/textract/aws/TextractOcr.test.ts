import { readFileSync } from 'node:fs';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  AccessDeniedException,
  AnalyzeDocumentCommand,
  BadDocumentException,
  DetectDocumentTextCommand,
  DocumentTooLargeException,
  GetDocumentAnalysisCommand,
  GetDocumentTextDetectionCommand,
  IdempotentParameterMismatchException,
  InternalServerError,
  InvalidJobIdException,
  InvalidKMSKeyException,
  InvalidParameterException,
  InvalidS3ObjectException,
  LimitExceededException,
  ProvisionedThroughputExceededException,
  StartDocumentAnalysisCommand,
  StartDocumentTextDetectionCommand,
  TextractClient,
  ThrottlingException,
  UnsupportedDocumentException,
} from '@aws-sdk/client-textract';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isJobFailedError, isWaitTimeoutError } from '../../../../src/kit/errors.js';
import { TextractOcr } from '../../../../src/textract/aws/TextractOcr.js';
import { TEXTRACT_LIMITS } from '../../../../src/textract/aws/textractLimits.js';
import { minimalPdf, pngBytes, tiffHeader } from './documents.js';

const textract = mockClient(TextractClient);
const s3 = mockClient(S3Client);

const FIXTURE = JSON.parse(
  readFileSync(
    new URL(
      '../../../fixtures/textract/09-single-page-detect-and-layout/test_detect_document_text.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as { Blocks: { Id: string }[] };

const meta = (requestId: string) => ({ $metadata: { requestId, httpStatusCode: 200 } });
const block = (id: string, page = 1) => ({ BlockType: 'LINE', Id: id, Page: page, Text: 'x' });
const FAST = { pollIntervalMs: 1, maxPollIntervalMs: 2 } as const;

function client(): TextractClient {
  return new TextractClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
}

beforeEach(() => {
  textract.reset();
  s3.reset();
});

describe('Class: TextractOcr — synchronous APIs', () => {
  it('sends DetectDocumentText with the bytes and maps the output to our result type', async () => {
    textract.on(DetectDocumentTextCommand).resolves({
      ...FIXTURE,
      DocumentMetadata: { Pages: 1 },
      DetectDocumentTextModelVersion: '1.0',
      ...meta('req-1'),
    } as never);
    const bytes = pngBytes();
    const result = await new TextractOcr({ client: client() }).detectDocumentText(bytes);
    expect(textract).toHaveReceivedCommandWith(DetectDocumentTextCommand, { Document: { Bytes: bytes } });
    expect(result.blocks).toHaveLength(FIXTURE.Blocks.length);
    expect(result.blocks[0]?.Id).toBe(FIXTURE.Blocks[0]?.Id);
    expect(result).toMatchObject({
      documentMetadata: { pages: 1 },
      requestIds: ['req-1'],
      warnings: [],
      modelVersion: '1.0',
    });
    expect(result).not.toHaveProperty('jobId');
  });

  it('sends AnalyzeDocument with feature types, queries (adding QUERIES) and sdkOptions merged last', async () => {
    textract.on(AnalyzeDocumentCommand).resolves({ Blocks: [block('l1')], ...meta('req-2') } as never);
    const result = await new TextractOcr({ client: client() }).analyzeDocument(pngBytes(), {
      featureTypes: ['LAYOUT', 'TABLES'],
      queries: [{ text: 'What is the total?', alias: 'TOTAL', pages: ['1', '2-*'] }],
      sdkOptions: { AdaptersConfig: { Adapters: [{ AdapterId: 'a1', Version: '1' }] } },
    });
    expect(textract).toHaveReceivedCommandWith(AnalyzeDocumentCommand, {
      FeatureTypes: ['LAYOUT', 'TABLES', 'QUERIES'],
      QueriesConfig: { Queries: [{ Text: 'What is the total?', Alias: 'TOTAL', Pages: ['1', '2-*'] }] },
      AdaptersConfig: { Adapters: [{ AdapterId: 'a1', Version: '1' }] },
    });
    expect(result.documentMetadata.pages).toBe(1); // derived from Block.Page when DocumentMetadata is missing
  });

  it.each([
    [AccessDeniedException, 'SERVICE', false],
    [BadDocumentException, 'SERVICE', false],
    [DocumentTooLargeException, 'SERVICE', false],
    [InvalidParameterException, 'SERVICE', false],
    [InvalidS3ObjectException, 'SERVICE', false],
    [UnsupportedDocumentException, 'SERVICE', false],
    [InvalidKMSKeyException, 'SERVICE', false],
    [IdempotentParameterMismatchException, 'SERVICE', false],
    [ProvisionedThroughputExceededException, 'THROTTLED', true],
    [ThrottlingException, 'THROTTLED', true],
    [LimitExceededException, 'THROTTLED', true],
    [InternalServerError, 'SERVICE', true],
  ] as const)('wraps %o in a ServiceError (code %s, retryable %s)', async (Exception, code, retryable) => {
    const status = Exception === InternalServerError ? 500 : 400;
    textract
      .on(DetectDocumentTextCommand)
      .rejects(new Exception({ message: 'm', $metadata: { requestId: 'req-e', httpStatusCode: status } }));
    const error = await new TextractOcr({ client: client() }).detectDocumentText(pngBytes()).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ServiceError',
      service: 'Textract',
      operation: 'DetectDocumentText',
      errorName: new Exception({ message: 'm', $metadata: {} }).name,
      requestId: 'req-e',
      code,
      retryable,
    });
  });

  it('rejects with the reason of an already aborted signal without sending', async () => {
    const reason = new Error('cancelled');
    const call = new TextractOcr({ client: client() }).detectDocumentText(pngBytes(), {
      signal: AbortSignal.abort(reason),
    });
    await expect(call).rejects.toBe(reason);
    expect(textract).not.toHaveReceivedAnyCommand();
  });
});

describe('Class: TextractOcr — validation before any request', () => {
  const ocr = () => new TextractOcr({ client: client() });
  const doc = { bucket: 'my-bucket', name: 'a.pdf' };
  it.each([
    ['empty bytes', () => ocr().detectDocumentText(new Uint8Array(0)), 'bytes'],
    ['not bytes', () => ocr().detectDocumentText('abc' as never), 'bytes'],
    [
      'bytes over the sync limit',
      () => ocr().detectDocumentText(new Uint8Array(TEXTRACT_LIMITS.syncMaxBytes + 1)),
      'bytes',
    ],
    ['no feature types', () => ocr().analyzeDocument(pngBytes(), { featureTypes: [] }), 'options.featureTypes'],
    [
      'unknown feature type',
      () => ocr().analyzeDocument(pngBytes(), { featureTypes: ['OCR' as never] }),
      'options.featureTypes[0]',
    ],
    [
      'repeated feature type',
      () => ocr().analyzeDocument(pngBytes(), { featureTypes: ['LAYOUT', 'LAYOUT'] }),
      'options.featureTypes[1]',
    ],
    [
      'QUERIES without queries',
      () => ocr().analyzeDocument(pngBytes(), { featureTypes: ['QUERIES'] }),
      'options.queries',
    ],
    [
      'too many sync queries',
      () =>
        ocr().analyzeDocument(pngBytes(), {
          featureTypes: ['TABLES'],
          queries: Array.from({ length: 16 }, () => ({ text: 'q' })),
        }),
      'options.queries',
    ],
    [
      'overlong query text',
      () => ocr().analyzeDocument(pngBytes(), { featureTypes: ['QUERIES'], queries: [{ text: 'q'.repeat(201) }] }),
      'options.queries[0].text',
    ],
    [
      'bad query pages',
      () => ocr().analyzeDocument(pngBytes(), { featureTypes: ['QUERIES'], queries: [{ text: 'q', pages: ['0'] }] }),
      'options.queries[0].pages[0]',
    ],
    [
      'query not an object',
      () => ocr().analyzeDocument(pngBytes(), { featureTypes: ['QUERIES'], queries: ['q' as never] }),
      'options.queries[0]',
    ],
    [
      'empty query pages',
      () => ocr().analyzeDocument(pngBytes(), { featureTypes: ['QUERIES'], queries: [{ text: 'q', pages: [] }] }),
      'options.queries[0].pages',
    ],
    ['zero timeoutMs', () => ocr().detectDocumentText(pngBytes(), { timeoutMs: 0 }), 'options.timeoutMs'],
    ['NaN timeoutMs', () => ocr().detectDocumentText(pngBytes(), { timeoutMs: Number.NaN }), 'options.timeoutMs'],
    ['short bucket', () => ocr().startDocumentTextDetection({ bucket: 'ab', name: 'k' }), 'document.bucket'],
    ['missing object name', () => ocr().startDocumentTextDetection({ bucket: 'my-bucket' } as never), 'document.name'],
    ['document not an object', () => ocr().startDocumentTextDetection(null as never), 'document'],
    [
      'bad client request token',
      () => ocr().startDocumentTextDetection(doc, { clientRequestToken: 'a b' }),
      'options.clientRequestToken',
    ],
    ['bad job tag', () => ocr().startDocumentTextDetection(doc, { jobTag: 'tag/1' }), 'options.jobTag'],
    [
      'too many async queries',
      () =>
        ocr().startDocumentAnalysis(doc, {
          featureTypes: ['QUERIES'],
          queries: Array.from({ length: 31 }, () => ({ text: 'q' })),
        }),
      'options.queries',
    ],
    ['bad job id', () => ocr().waitForJob('not a job id', { api: 'textDetection' }), 'jobId'],
    ['bare job id without api', () => ocr().waitForJob('job1', {} as never), 'options.api'],
    ['job not an object', () => ocr().waitForJob(null as never), 'job'],
    [
      'job with an unknown api',
      () => ocr().waitForJob({ jobId: 'job1', api: 'ocr' as never, requestId: undefined }),
      'job.api',
    ],
    ['maxResults 0', () => ocr().waitForJob('job1', { api: 'analysis', maxResults: 0 }), 'options.maxResults'],
    ['maxResults 1001', () => ocr().waitForJob('job1', { api: 'analysis', maxResults: 1001 }), 'options.maxResults'],
    ['negative timeoutMs', () => ocr().waitForJob('job1', { api: 'analysis', timeoutMs: -1 }), 'options.timeoutMs'],
    [
      'zero pollIntervalMs',
      () => ocr().waitForJob('job1', { api: 'analysis', pollIntervalMs: 0 }),
      'options.pollIntervalMs',
    ],
    [
      'unknown media type',
      () => ocr().recognize({ bytes: pngBytes(), mediaType: 'image/gif' as never }),
      'input.mediaType',
    ],
    [
      'multi-page PDF without s3',
      () => ocr().recognize({ bytes: minimalPdf(3), mediaType: 'application/pdf' }),
      'options.s3',
    ],
    [
      'multi-page TIFF without s3',
      () => ocr().recognize({ bytes: tiffHeader(2), mediaType: 'image/tiff' }),
      'options.s3',
    ],
    [
      'PDF of more pages than the asynchronous API accepts',
      () =>
        new TextractOcr({ client: client(), s3: { bucket: 'my-bucket', client: new S3Client({}) } }).recognize({
          bytes: minimalPdf(TEXTRACT_LIMITS.asyncMaxPages + 1),
          mediaType: 'application/pdf',
        }),
      'input.bytes',
    ],
    [
      'PDF over the sync limit without s3',
      () => ocr().recognize({ bytes: new Uint8Array(TEXTRACT_LIMITS.syncMaxBytes + 1), mediaType: 'application/pdf' }),
      'input.bytes',
    ],
  ])('%s → ValidationError(%s)', async (_name, act, field) => {
    await expect(act()).rejects.toMatchObject({ name: 'ValidationError', code: 'VALIDATION', field });
    expect(textract).not.toHaveReceivedAnyCommand();
  });

  it('refuses both client and clientConfig, and bad constructor options', () => {
    expect(() => new TextractOcr({ client: client(), clientConfig: {} } as never)).toThrow(
      /either client or clientConfig/,
    );
    expect(() => new TextractOcr({ features: { featureTypes: ['NOPE' as never] } })).toThrow(/featureTypes\[0\]/);
    expect(() => new TextractOcr({ s3: { bucket: 'x' } })).toThrow(/options\.s3\.bucket/);
    expect(() => new TextractOcr({ wait: { maxResults: 5000 } })).toThrow(/options\.wait\.maxResults/);
    expect(() => new TextractOcr({ s3: { bucket: 'my-bucket', prefix: 'p'.repeat(901) } })).toThrow(
      /options\.s3\.prefix/,
    );
  });
});

describe('Class: TextractOcr — asynchronous jobs', () => {
  it('starts text detection with every option mapped, and returns a job handle', async () => {
    textract.on(StartDocumentTextDetectionCommand).resolves({ JobId: 'job-1', ...meta('req-s') } as never);
    const job = await new TextractOcr({ client: client() }).startDocumentTextDetection(
      { bucket: 'my-bucket', name: 'in/a.pdf', version: 'v1' },
      {
        clientRequestToken: 'tok-1',
        jobTag: 'tag:1',
        notificationChannel: { snsTopicArn: 'arn:sns', roleArn: 'arn:role' },
        outputConfig: { s3Bucket: 'out-bucket', s3Prefix: 'out/' },
        kmsKeyId: 'key-1',
      },
    );
    expect(job).toEqual({ jobId: 'job-1', api: 'textDetection', requestId: 'req-s' });
    expect(textract).toHaveReceivedCommandWith(StartDocumentTextDetectionCommand, {
      DocumentLocation: { S3Object: { Bucket: 'my-bucket', Name: 'in/a.pdf', Version: 'v1' } },
      ClientRequestToken: 'tok-1',
      JobTag: 'tag:1',
      NotificationChannel: { SNSTopicArn: 'arn:sns', RoleArn: 'arn:role' },
      OutputConfig: { S3Bucket: 'out-bucket', S3Prefix: 'out/' },
      KMSKeyId: 'key-1',
    });
  });

  it('starts analysis with features and rejects a response without JobId as ResponseShapeError', async () => {
    textract
      .on(StartDocumentAnalysisCommand)
      .resolvesOnce({ JobId: 'job-2' } as never)
      .resolves({} as never);
    const ocr = new TextractOcr({ client: client() });
    const doc = { bucket: 'my-bucket', name: 'a.pdf' };
    expect(await ocr.startDocumentAnalysis(doc, { featureTypes: ['FORMS'] })).toMatchObject({
      jobId: 'job-2',
      api: 'analysis',
    });
    expect(textract).toHaveReceivedCommandWith(StartDocumentAnalysisCommand, { FeatureTypes: ['FORMS'] });
    await expect(ocr.startDocumentAnalysis(doc, { featureTypes: ['FORMS'] })).rejects.toMatchObject({
      name: 'ResponseShapeError',
      path: 'JobId',
    });
  });

  it('polls while IN_PROGRESS, then follows NextToken through every page', async () => {
    textract
      .on(GetDocumentTextDetectionCommand)
      .resolvesOnce({ JobStatus: 'IN_PROGRESS', ...meta('p1') } as never)
      .resolvesOnce({ JobStatus: 'IN_PROGRESS', ...meta('p2') } as never)
      .resolvesOnce({
        JobStatus: 'SUCCEEDED',
        DocumentMetadata: { Pages: 2 },
        Blocks: [block('a'), block('b')],
        NextToken: 't1',
        DetectDocumentTextModelVersion: '1.0',
        ...meta('r1'),
      } as never)
      .resolvesOnce({ JobStatus: 'SUCCEEDED', Blocks: [block('c', 2)], NextToken: 't2', ...meta('r2') } as never)
      .resolvesOnce({ JobStatus: 'SUCCEEDED', Blocks: [block('d', 2)], ...meta('r3') } as never);
    const result = await new TextractOcr({ client: client() }).waitForJob(
      { jobId: 'job-1', api: 'textDetection', requestId: undefined },
      { ...FAST, maxResults: 2 },
    );
    expect(result.blocks.map((b) => b.Id)).toEqual(['a', 'b', 'c', 'd']);
    expect(result).toMatchObject({
      jobId: 'job-1',
      status: 'SUCCEEDED',
      documentMetadata: { pages: 2 },
      requestIds: ['r1', 'r2', 'r3'],
      modelVersion: '1.0',
    });
    expect(textract).toHaveReceivedCommandTimes(GetDocumentTextDetectionCommand, 5);
    expect(textract).toHaveReceivedNthCommandWith(GetDocumentTextDetectionCommand, 1, {
      JobId: 'job-1',
      MaxResults: 2,
    });
    expect(textract).toHaveReceivedNthCommandWith(GetDocumentTextDetectionCommand, 4, {
      JobId: 'job-1',
      NextToken: 't1',
    });
    expect(textract).toHaveReceivedNthCommandWith(GetDocumentTextDetectionCommand, 5, {
      JobId: 'job-1',
      NextToken: 't2',
    });
  });

  it('uses GetDocumentAnalysis for a bare job id with api analysis', async () => {
    textract.on(GetDocumentAnalysisCommand).resolves({ JobStatus: 'SUCCEEDED', Blocks: [block('a')] } as never);
    const result = await new TextractOcr({ client: client() }).waitForJob('job-9', { api: 'analysis', ...FAST });
    expect(result.blocks).toHaveLength(1);
    expect(textract).toHaveReceivedCommandWith(GetDocumentAnalysisCommand, { JobId: 'job-9' });
    expect(textract).not.toHaveReceivedCommand(GetDocumentTextDetectionCommand);
  });

  it('turns FAILED into a JobFailedError with the job id and status message', async () => {
    textract
      .on(GetDocumentTextDetectionCommand)
      .resolves({ JobStatus: 'FAILED', StatusMessage: 'Unsupported document format', ...meta('rf') } as never);
    const error = await new TextractOcr({ client: client() })
      .waitForJob('job-f', { api: 'textDetection', ...FAST })
      .catch((e: unknown) => e);
    expect(isJobFailedError(error)).toBe(true);
    expect(error).toMatchObject({
      jobId: 'job-f',
      status: 'FAILED',
      statusMessage: 'Unsupported document format',
      requestId: 'rf',
    });
  });

  it('returns PARTIAL_SUCCESS results with their warnings, deduplicated across pages', async () => {
    const warning = { ErrorCode: 'UNSUPPORTED_DOCUMENT', Pages: [2] };
    textract
      .on(GetDocumentTextDetectionCommand)
      .resolvesOnce({
        JobStatus: 'PARTIAL_SUCCESS',
        StatusMessage: 'some pages failed',
        Blocks: [block('a')],
        Warnings: [warning],
        NextToken: 't',
      } as never)
      .resolvesOnce({ JobStatus: 'PARTIAL_SUCCESS', Blocks: [block('b')], Warnings: [warning] } as never);
    const result = await new TextractOcr({ client: client() }).waitForJob('job-p', { api: 'textDetection', ...FAST });
    expect(result).toMatchObject({ status: 'PARTIAL_SUCCESS', statusMessage: 'some pages failed' });
    expect(result.warnings).toEqual([{ errorCode: 'UNSUPPORTED_DOCUMENT', pages: [2] }]);
    expect(result.blocks).toHaveLength(2);
  });

  it('keeps polling after a throttled poll', async () => {
    textract
      .on(GetDocumentTextDetectionCommand)
      .rejectsOnce(new ProvisionedThroughputExceededException({ message: 'slow', $metadata: {} }))
      .resolves({ JobStatus: 'SUCCEEDED', Blocks: [block('a')] } as never);
    const result = await new TextractOcr({ client: client() }).waitForJob('job-t', { api: 'textDetection', ...FAST });
    expect(result.blocks).toHaveLength(1);
    expect(textract).toHaveReceivedCommandTimes(GetDocumentTextDetectionCommand, 2);
  });

  it('waits and retries a throttled result page', async () => {
    textract
      .on(GetDocumentTextDetectionCommand)
      .resolvesOnce({ JobStatus: 'SUCCEEDED', Blocks: [block('a')], NextToken: 't' } as never)
      .rejectsOnce(new ThrottlingException({ message: 'slow', $metadata: {} }))
      .resolves({ JobStatus: 'SUCCEEDED', Blocks: [block('b')] } as never);
    const result = await new TextractOcr({ client: client() }).waitForJob('job-pt', { api: 'textDetection', ...FAST });
    expect(result.blocks.map((b) => b.Id)).toEqual(['a', 'b']);
    expect(textract).toHaveReceivedCommandTimes(GetDocumentTextDetectionCommand, 3);
  });

  it('does not retry a non-throttling error while polling', async () => {
    textract.on(GetDocumentTextDetectionCommand).rejects(new InvalidJobIdException({ message: 'm', $metadata: {} }));
    const call = new TextractOcr({ client: client() }).waitForJob('job-x', { api: 'textDetection', ...FAST });
    await expect(call).rejects.toMatchObject({ name: 'ServiceError', errorName: 'InvalidJobIdException' });
    expect(textract).toHaveReceivedCommandTimes(GetDocumentTextDetectionCommand, 1);
  });

  it('rejects with a WaitTimeoutError when the job outlasts timeoutMs', async () => {
    textract.on(GetDocumentTextDetectionCommand).resolves({ JobStatus: 'IN_PROGRESS' } as never);
    const error = await new TextractOcr({ client: client() })
      .waitForJob('job-slow', { api: 'textDetection', timeoutMs: 30, ...FAST })
      .catch((e: unknown) => e);
    expect(isWaitTimeoutError(error)).toBe(true);
    expect(String(error)).toContain('job-slow');
  });

  it('rejects with the signal reason when aborted between polls', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    textract.on(GetDocumentTextDetectionCommand).callsFake(() => {
      controller.abort(reason);
      return { JobStatus: 'IN_PROGRESS' };
    });
    const call = new TextractOcr({ client: client() }).waitForJob('job-a', {
      api: 'textDetection',
      signal: controller.signal,
      pollIntervalMs: 10_000,
    });
    await expect(call).rejects.toBe(reason);
    expect(textract).toHaveReceivedCommandTimes(GetDocumentTextDetectionCommand, 1);
  });

  it('refuses a NextToken that repeats (no endless loop) and an unknown JobStatus', async () => {
    textract
      .on(GetDocumentTextDetectionCommand)
      .resolvesOnce({ JobStatus: 'SUCCEEDED', Blocks: [], NextToken: 'same' } as never)
      .resolvesOnce({ Blocks: [], NextToken: 'same' } as never)
      .resolvesOnce({ JobStatus: 'EXPLODED' } as never);
    const ocr = new TextractOcr({ client: client() });
    await expect(ocr.waitForJob('job-r', { api: 'textDetection', ...FAST })).rejects.toMatchObject({
      name: 'ResponseShapeError',
      path: 'NextToken',
    });
    await expect(ocr.waitForJob('job-u', { api: 'textDetection', ...FAST })).rejects.toMatchObject({
      name: 'ResponseShapeError',
      path: 'JobStatus',
    });
  });

  it('yields result pages lazily through jobResultPages', async () => {
    textract
      .on(GetDocumentTextDetectionCommand)
      .resolvesOnce({ JobStatus: 'SUCCEEDED', Blocks: [block('a')], NextToken: 't' } as never)
      .resolvesOnce({ Blocks: [block('b')] } as never);
    const pages = new TextractOcr({ client: client() }).jobResultPages('job-i', { api: 'textDetection', ...FAST });
    const iterator = pages[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toMatchObject({ nextToken: 't', status: 'SUCCEEDED' });
    expect(textract).toHaveReceivedCommandTimes(GetDocumentTextDetectionCommand, 1);
    const second = await iterator.next();
    expect(second.value).toMatchObject({ status: 'SUCCEEDED', blocks: [{ Id: 'b' }] });
    expect((await iterator.next()).done).toBe(true);
  });
});

describe('Class: TextractOcr — recognize (OcrEngine)', () => {
  it('uses DetectDocumentText for an image and reports progress', async () => {
    textract
      .on(DetectDocumentTextCommand)
      .resolves({ DocumentMetadata: { Pages: 1 }, Blocks: [block('a')], ...meta('r') } as never);
    const onProgress = vi.fn();
    const result = await new TextractOcr({ client: client() }).recognize(
      { bytes: pngBytes(), mediaType: 'image/png' },
      { onProgress },
    );
    expect(result).toMatchObject({ engine: 'textract', pageCount: 1, requestIds: ['r'], warnings: [] });
    expect(result.blocks).toEqual([block('a')]);
    expect(onProgress.mock.calls).toEqual([[{ page: 1, pageCount: 1 }]]);
  });

  it('uses AnalyzeDocument when features are configured, numbering pages of sync blocks', async () => {
    textract.on(AnalyzeDocumentCommand).resolves({ Blocks: [{ BlockType: 'PAGE', Id: 'p' }] } as never);
    const result = await new TextractOcr({ client: client(), features: { featureTypes: ['LAYOUT'] } }).recognize({
      bytes: minimalPdf(1),
      mediaType: 'application/pdf',
    });
    expect(textract).toHaveReceivedCommandWith(AnalyzeDocumentCommand, { FeatureTypes: ['LAYOUT'] });
    expect(textract).not.toHaveReceivedCommand(DetectDocumentTextCommand);
    expect(result.blocks).toEqual([{ BlockType: 'PAGE', Id: 'p', Page: 1 }]);
  });

  function stagedOcr(features?: { featureTypes: ['TABLES'] }) {
    const s3Client = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    return new TextractOcr({
      client: client(),
      s3: {
        bucket: 'staging-bucket',
        prefix: 'tmp/',
        client: s3Client,
        putObjectOptions: { ServerSideEncryption: 'aws:kms', Key: 'ignored' },
      },
      wait: FAST,
      ...(features ? { features } : {}),
    });
  }

  it('sends a multi-page PDF through S3: put, start, wait, collect, delete', async () => {
    s3.on(PutObjectCommand).resolves({});
    s3.on(DeleteObjectCommand).resolves({});
    textract.on(StartDocumentTextDetectionCommand).resolves({ JobId: 'job-s3' } as never);
    textract
      .on(GetDocumentTextDetectionCommand)
      .resolvesOnce({ JobStatus: 'IN_PROGRESS' } as never)
      .resolvesOnce({
        JobStatus: 'SUCCEEDED',
        DocumentMetadata: { Pages: 3 },
        Blocks: [block('a', 1), block('b', 2)],
        NextToken: 't',
      } as never)
      .resolvesOnce({ JobStatus: 'SUCCEEDED', Blocks: [block('c', 3)] } as never);
    const onProgress = vi.fn();
    const bytes = minimalPdf(3);
    const result = await stagedOcr().recognize({ bytes, mediaType: 'application/pdf' }, { onProgress });
    expect(result).toMatchObject({ pageCount: 3, engine: 'textract' });
    expect(result.blocks).toHaveLength(3);
    const put = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(put).toMatchObject({
      Bucket: 'staging-bucket',
      Body: bytes,
      ContentType: 'application/pdf',
      ServerSideEncryption: 'aws:kms',
    });
    expect(put.Key).toMatch(/^tmp\/[0-9a-f-]{36}\.pdf$/);
    expect(textract).toHaveReceivedCommandWith(StartDocumentTextDetectionCommand, {
      DocumentLocation: { S3Object: { Bucket: 'staging-bucket', Name: put.Key } },
    });
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: 'staging-bucket', Key: put.Key });
    expect(onProgress.mock.calls.map(([p]) => p.page)).toEqual([1, 2, 3]);
  });

  it('deletes the temporary object when the job fails, and uses analysis when features are set', async () => {
    s3.on(PutObjectCommand).resolves({});
    s3.on(DeleteObjectCommand).resolves({});
    textract.on(StartDocumentAnalysisCommand).resolves({ JobId: 'job-f' } as never);
    textract.on(GetDocumentAnalysisCommand).resolves({ JobStatus: 'FAILED', StatusMessage: 'bad' } as never);
    const call = stagedOcr({ featureTypes: ['TABLES'] }).recognize({
      bytes: minimalPdf(2),
      mediaType: 'application/pdf',
    });
    await expect(call).rejects.toMatchObject({ name: 'JobFailedError', jobId: 'job-f' });
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectCommand, 1);
  });

  it('sends a large single-page PDF and a multi-page TIFF through S3', async () => {
    s3.on(PutObjectCommand).resolves({});
    s3.on(DeleteObjectCommand).resolves({});
    textract.on(StartDocumentTextDetectionCommand).resolves({ JobId: 'job-big' } as never);
    textract.on(GetDocumentTextDetectionCommand).resolves({ JobStatus: 'SUCCEEDED', Blocks: [block('a')] } as never);
    const big = new Uint8Array(TEXTRACT_LIMITS.syncMaxBytes + 1);
    big.set(minimalPdf(1));
    await stagedOcr().recognize({ bytes: big, mediaType: 'application/pdf' });
    await stagedOcr().recognize({ bytes: tiffHeader(3), mediaType: 'image/tiff' });
    expect(textract).not.toHaveReceivedCommand(DetectDocumentTextCommand);
    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key)).toEqual([
      expect.stringMatching(/\.pdf$/),
      expect.stringMatching(/\.tiff$/),
    ]);
  });

  it('creates the staging S3 client in the Textract region with the Textract credentials', async () => {
    s3.on(PutObjectCommand).resolves({});
    s3.on(DeleteObjectCommand).resolves({});
    textract.on(StartDocumentTextDetectionCommand).resolves({ JobId: 'job-r' } as never);
    textract.on(GetDocumentTextDetectionCommand).resolves({ JobStatus: 'SUCCEEDED', Blocks: [] } as never);
    const credentials = { accessKeyId: 'AKIDREGION', secretAccessKey: 's' };
    const ocr = new TextractOcr({
      clientConfig: { region: 'eu-west-2', credentials },
      s3: { bucket: 'staging-bucket' },
      wait: FAST,
    });
    await ocr.recognize({ bytes: minimalPdf(2), mediaType: 'application/pdf' });
    const s3Client = s3.commandCalls(PutObjectCommand)[0]!.thisValue as S3Client;
    expect(await s3Client.config.region()).toBe('eu-west-2');
    expect((await s3Client.config.credentials()).accessKeyId).toBe('AKIDREGION');
    ocr.destroy();
  });

  it('reports a failed upload as the error, still attempting the cleanup, and never starts a job', async () => {
    s3.on(PutObjectCommand).rejects(
      Object.assign(new Error('AccessDenied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }),
    );
    s3.on(DeleteObjectCommand).resolves({});
    const call = stagedOcr().recognize({ bytes: minimalPdf(2), mediaType: 'application/pdf' });
    await expect(call).rejects.toMatchObject({
      name: 'ServiceError',
      service: 'S3',
      operation: 'PutObject',
      errorName: 'AccessDenied',
    });
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectCommand, 1);
    expect(textract).not.toHaveReceivedAnyCommand();
  });

  it('falls back to S3 when Textract refuses a PDF whose pages it could not count', async () => {
    s3.on(PutObjectCommand).resolves({});
    s3.on(DeleteObjectCommand).rejects(new Error('cleanup failed')); // a failed cleanup never hides the result
    textract.on(DetectDocumentTextCommand).rejects(new UnsupportedDocumentException({ message: 'm', $metadata: {} }));
    textract.on(StartDocumentTextDetectionCommand).resolves({ JobId: 'job-fb' } as never);
    textract.on(GetDocumentTextDetectionCommand).resolves({ JobStatus: 'SUCCEEDED', Blocks: [block('a')] } as never);
    const opaquePdf = new TextEncoder().encode('%PDF-1.7\n% pages in object streams\n%%EOF\n');
    const result = await stagedOcr().recognize({ bytes: opaquePdf, mediaType: 'application/pdf' });
    expect(result.blocks).toHaveLength(1);
    expect(textract).toHaveReceivedCommandTimes(DetectDocumentTextCommand, 1);
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectCommand, 1);
  });

  it('explains that s3 is needed when Textract refuses an uncountable PDF and no s3 is configured', async () => {
    textract.on(DetectDocumentTextCommand).rejects(new UnsupportedDocumentException({ message: 'm', $metadata: {} }));
    const opaquePdf = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
    const call = new TextractOcr({ client: client() }).recognize({ bytes: opaquePdf, mediaType: 'application/pdf' });
    await expect(call).rejects.toMatchObject({ name: 'ValidationError', field: 'options.s3' });
  });
});

describe('Class: TextractOcr — client ownership', () => {
  it('never destroys an injected client, and destroys one it created', async () => {
    const injected = client();
    const destroyInjected = vi.spyOn(injected, 'destroy');
    new TextractOcr({ client: injected }).destroy();
    expect(destroyInjected).not.toHaveBeenCalled();

    textract.on(DetectDocumentTextCommand).resolves({ Blocks: [] } as never);
    const destroyCreated = vi.spyOn(TextractClient.prototype, 'destroy');
    const ocr = new TextractOcr({
      clientConfig: { region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } },
    });
    await ocr.detectDocumentText(pngBytes());
    ocr[Symbol.dispose]();
    expect(destroyCreated).toHaveBeenCalledTimes(1);
  });
});
