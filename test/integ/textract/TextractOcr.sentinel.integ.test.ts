import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awsError, S3StandIn, TextractStandIn } from '../../../src/testing/index.js';
import { TextractOcr } from '../../../src/textract/aws/TextractOcr.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';
import { minimalPdf, pngBytes } from '../../unit/textract/aws/documents.js';

const BUCKET = 'staging-bucket';
/** A saved response whose only text is the sentinel, as if the document said it. */
const SENTINEL_RESPONSE = {
  DocumentMetadata: { Pages: 1 },
  Blocks: [
    { BlockType: 'PAGE', Id: 'p1', Page: 1 },
    { BlockType: 'LINE', Id: 'l1', Page: 1, Text: SENTINEL },
    { BlockType: 'WORD', Id: 'w1', Page: 1, Text: SENTINEL },
  ],
};

describe('TextractOcr never leaks document content into logs or errors', () => {
  let s3: S3StandIn;
  let textract: TextractStandIn;
  let logger: ReturnType<typeof recordingLogger>;
  const errors: unknown[] = [];

  beforeEach(async () => {
    s3 = await S3StandIn.start({ buckets: [BUCKET] });
    textract = await TextractStandIn.start({
      server: s3.server,
      s3,
      detectDocumentText: SENTINEL_RESPONSE,
      textDetectionJob: SENTINEL_RESPONSE,
      pollsBeforeDone: 1,
    });
    logger = recordingLogger();
    errors.length = 0;
  });
  afterEach(async () => {
    expect(logger.lines.length).toBeGreaterThan(0); // the logger was really exercised
    expectNoSentinel(logger.lines, ...errors);
    await s3.close();
  });

  const ocr = (maxAttempts = 1) =>
    new TextractOcr({
      clientConfig: textract.clientConfig({ maxAttempts }),
      logger,
      s3: { bucket: BUCKET, prefix: `${SENTINEL}/`, clientConfig: s3.clientConfig({ maxAttempts }) },
      wait: { pollIntervalMs: 5, maxPollIntervalMs: 10 },
    });
  const capture = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    errors.push(error);
    return error;
  };

  it('on success: sentinel in the bytes and in the returned text', async () => {
    const result = await ocr().recognize({ bytes: pngBytes(SENTINEL), mediaType: 'image/png' });
    expect(result.blocks.some((b) => b.Text === SENTINEL)).toBe(true);
  });

  it('on a service error whose message echoes the input', async () => {
    textract.server.script('DetectDocumentText', [awsError('InvalidParameterException', 400, `bad input ${SENTINEL}`)]);
    await capture(ocr().detectDocumentText(pngBytes(SENTINEL)));
  });

  it('on malformed and 5xx bodies that contain the sentinel', async () => {
    textract.server.script('DetectDocumentText', [
      { body: `{"Blocks": ["${SENTINEL}"`, headers: { 'content-type': 'application/x-amz-json-1.1' } },
      { status: 502, body: `<html>${SENTINEL}</html>`, headers: { 'content-type': 'text/html' } },
    ]);
    await capture(ocr().detectDocumentText(pngBytes(SENTINEL)));
    await capture(ocr().detectDocumentText(pngBytes(SENTINEL)));
  });

  it('on abort', async () => {
    textract.server.script('DetectDocumentText', [{ json: SENTINEL_RESPONSE, delayMs: 2_000 }]);
    const controller = new AbortController();
    const call = ocr().detectDocumentText(pngBytes(SENTINEL), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled')), 20);
    await capture(call);
    logger.info('marker', {}); // aborts log nothing themselves; keep the afterEach check meaningful
  });

  it('on the S3 path, with the sentinel in the key prefix, the PDF and the text', async () => {
    const result = await ocr().recognize({ bytes: minimalPdf(2, SENTINEL), mediaType: 'application/pdf' });
    expect(result.blocks.some((b) => b.Text === SENTINEL)).toBe(true);
    expect(s3.keys(BUCKET)).toEqual([]);
  });

  it('on S3 and job failures', async () => {
    s3.server.script('PutObject', [
      {
        status: 403,
        headers: { 'content-type': 'application/xml' },
        body: `<Error><Code>AccessDenied</Code><Message>${SENTINEL}</Message><Key>${SENTINEL}/x.pdf</Key></Error>`,
      },
    ]);
    await capture(ocr().recognize({ bytes: minimalPdf(2, SENTINEL), mediaType: 'application/pdf' }));
    textract.failNextJob('simulated failure');
    await capture(ocr().recognize({ bytes: minimalPdf(2, SENTINEL), mediaType: 'application/pdf' }));
  });

  it('when the client itself throws: an HTTP handler quoting the request, or throwing a string', async () => {
    const quoting = {
      handle: async (request: { path: string }) => {
        throw new Error(`cannot send ${request.path}: ${SENTINEL}`);
      },
    };
    const stringly = {
      handle: async () => {
        throw `socket closed while sending ${SENTINEL}`;
      },
    };
    for (const requestHandler of [quoting, stringly]) {
      const broken = new TextractOcr({
        clientConfig: { ...textract.clientConfig({ maxAttempts: 1 }), requestHandler: requestHandler as never },
        logger,
        s3: {
          bucket: BUCKET,
          prefix: `${SENTINEL}/`,
          clientConfig: { ...s3.clientConfig({ maxAttempts: 1 }), requestHandler: requestHandler as never },
        },
      });
      expect(await capture(broken.detectDocumentText(pngBytes(SENTINEL)))).toMatchObject({ name: 'ServiceError' });
      expect(
        await capture(broken.recognize({ bytes: minimalPdf(2, SENTINEL), mediaType: 'application/pdf' })),
      ).toMatchObject({ name: 'ServiceError', service: 'S3' });
    }
  });

  it('on validation errors about values that contain the sentinel', async () => {
    const client = ocr();
    await capture(
      client.analyzeDocument(pngBytes(), { featureTypes: ['QUERIES'], queries: [{ text: SENTINEL.repeat(20) }] }),
    );
    await capture(client.startDocumentTextDetection({ bucket: `${SENTINEL}!`, name: 'k' }));
    await capture(client.startDocumentTextDetection({ bucket: BUCKET, name: SENTINEL }, { jobTag: `${SENTINEL}/` }));
    logger.info('marker', {});
  });
});
