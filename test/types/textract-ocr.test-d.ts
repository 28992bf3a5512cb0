import type {
  AnalyzeDocumentCommandOutput,
  Block,
  DetectDocumentTextCommandOutput,
  FeatureType,
  GetDocumentAnalysisCommandOutput,
  GetDocumentTextDetectionCommandOutput,
  JobStatus,
  TextractClient,
} from '@aws-sdk/client-textract';
import { describe, expectTypeOf, it } from 'vitest';
import type { OcrEngine } from '../../src/ocr/OcrEngine.js';
import type { SavedTextractResponse } from '../../src/testing/TextractStandIn.js';
import { TextractOcr } from '../../src/textract/aws/TextractOcr.js';
import type {
  TextractJobStatus,
  TextractOcrResult,
  TextractOutputLike,
} from '../../src/textract/aws/TextractOcrResult.js';
import type { TextractFeatureType } from '../../src/textract/aws/textractLimits.js';
import type { TextractBlockLike } from '../../src/textract/model/TextractBlockLike.js';

describe('TextractOcr types line up with the AWS SDK', () => {
  it('accepts every SDK output the adapter reads without a cast', () => {
    expectTypeOf<DetectDocumentTextCommandOutput>().toExtend<TextractOutputLike>();
    expectTypeOf<AnalyzeDocumentCommandOutput>().toExtend<TextractOutputLike>();
    expectTypeOf<GetDocumentTextDetectionCommandOutput>().toExtend<TextractOutputLike>();
    expectTypeOf<GetDocumentAnalysisCommandOutput>().toExtend<TextractOutputLike>();
    expectTypeOf<Block>().toExtend<TextractBlockLike>();
  });

  it('lets SDK outputs and arrays of them seed the stand-in', () => {
    expectTypeOf<DetectDocumentTextCommandOutput>().toExtend<SavedTextractResponse>();
    expectTypeOf<GetDocumentAnalysisCommandOutput[]>().toExtend<SavedTextractResponse>();
  });

  it('uses the SDK enums: feature types equal, job statuses a subset', () => {
    expectTypeOf<TextractFeatureType>().toEqualTypeOf<`${FeatureType}`>();
    expectTypeOf<TextractJobStatus>().toExtend<`${JobStatus}`>();
  });

  it('returns our own result type and implements OcrEngine', () => {
    const ocr = new TextractOcr({ clientConfig: { region: 'eu-west-1' } });
    expectTypeOf(ocr).toExtend<OcrEngine>();
    expectTypeOf(ocr.detectDocumentText).returns.resolves.toEqualTypeOf<TextractOcrResult>();
    expectTypeOf(ocr.waitForJob('job-1', { api: 'analysis' })).resolves.toEqualTypeOf<TextractOcrResult>();
    expectTypeOf(ocr.recognize({ bytes: new Uint8Array(1), mediaType: 'image/png' })).resolves.toHaveProperty('blocks');
  });

  it('refuses invalid input shapes at compile time', () => {
    const client = {} as TextractClient;
    // @ts-expect-error client and clientConfig are mutually exclusive
    new TextractOcr({ client, clientConfig: {} });
    const ocr = new TextractOcr({ client });
    // @ts-expect-error a bare job id needs the api that started it
    void ocr.waitForJob('job-1');
    // @ts-expect-error unknown feature type
    void ocr.analyzeDocument(new Uint8Array(1), { featureTypes: ['OCR'] });
    // @ts-expect-error sdkOptions is typed by the command input
    void ocr.detectDocumentText(new Uint8Array(1), { sdkOptions: { Document: { Bytes: 'text' } } });
    void ocr.analyzeDocument(new Uint8Array(1), {
      featureTypes: ['TABLES'],
      sdkOptions: { AdaptersConfig: { Adapters: [{ AdapterId: 'a', Version: '1' }] } },
    });
  });
});
