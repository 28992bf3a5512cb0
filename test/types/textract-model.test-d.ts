import type {
  AnalyzeDocumentCommandOutput,
  Block,
  DetectDocumentTextCommandOutput,
  GetDocumentAnalysisCommandOutput,
  GetDocumentTextDetectionCommandOutput,
} from '@aws-sdk/client-textract';
import { describe, expectTypeOf, it } from 'vitest';
import type { OcrResult } from '../../src/ocr/OcrEngine.js';
import {
  loadTextractDocument,
  type TextractBlockLike,
  type TextractDocument,
  type TextractDocumentInput,
  type TextractResponseLike,
} from '../../src/textract/index.js';

describe('Textract SDK output types are accepted without a cast', () => {
  it('single responses', () => {
    expectTypeOf<AnalyzeDocumentCommandOutput>().toExtend<TextractResponseLike>();
    expectTypeOf<DetectDocumentTextCommandOutput>().toExtend<TextractResponseLike>();
    expectTypeOf<AnalyzeDocumentCommandOutput>().toExtend<TextractDocumentInput>();
    expectTypeOf<DetectDocumentTextCommandOutput>().toExtend<TextractDocumentInput>();
  });

  it('paginated asynchronous responses and bare blocks', () => {
    expectTypeOf<GetDocumentAnalysisCommandOutput>().toExtend<TextractResponseLike>();
    expectTypeOf<GetDocumentAnalysisCommandOutput[]>().toExtend<TextractDocumentInput>();
    expectTypeOf<GetDocumentTextDetectionCommandOutput[]>().toExtend<TextractDocumentInput>();
    expectTypeOf<Block>().toExtend<TextractBlockLike>();
    expectTypeOf<Block[]>().toExtend<TextractDocumentInput>();
  });

  it('an OcrEngine result is accepted too', () => {
    expectTypeOf<OcrResult>().toExtend<TextractDocumentInput>();
  });

  it('loadTextractDocument takes them directly', () => {
    const load = (output: AnalyzeDocumentCommandOutput, pages: GetDocumentAnalysisCommandOutput[]) => [
      loadTextractDocument(output),
      loadTextractDocument(pages, { onInvalid: 'skip' }),
      loadTextractDocument(output.Blocks ?? []),
    ];
    expectTypeOf(load).returns.toEqualTypeOf<TextractDocument[]>();
  });

  it('rejects what is not Textract output', () => {
    // @ts-expect-error a number is not Textract output
    loadTextractDocument(42);
    // @ts-expect-error onInvalid has two values
    loadTextractDocument('{}', { onInvalid: 'ignore' });
  });
});
