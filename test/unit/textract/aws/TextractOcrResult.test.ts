import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  mergeResultPages,
  type TextractOutputLike,
  toResultPage,
  toTextractResponse,
} from '../../../../src/textract/aws/TextractOcrResult.js';
import { toTextractDocument } from '../../../../src/textract/aws/toTextractDocument.js';

const saved = JSON.parse(
  readFileSync(
    new URL('../../../fixtures/textract/19-multipage-3p-json-only/gib_multi_page_table_merge.json', import.meta.url),
    'utf8',
  ),
) as TextractOutputLike & { Blocks: { BlockType: string }[] };

/** Splits a saved response into `size`-block pages, as GetDocumentAnalysis would return them. */
function paginate(size: number): TextractOutputLike[] {
  const pages: TextractOutputLike[] = [];
  for (let i = 0; i < saved.Blocks.length; i += size) {
    pages.push({ ...saved, Blocks: saved.Blocks.slice(i, i + size), $metadata: { requestId: `r${i}` } });
  }
  return pages;
}

describe('Function: mergeResultPages', () => {
  it('concatenates pages in order and keeps each request id', () => {
    const result = mergeResultPages(
      paginate(300).map((p) => toResultPage(p, 'GetDocumentAnalysis')),
      'job-1',
    );
    expect(result.blocks).toEqual(saved.Blocks);
    expect(result.requestIds).toEqual(['r0', 'r300', 'r600', 'r900']);
    expect(result).toMatchObject({ jobId: 'job-1', status: 'SUCCEEDED', documentMetadata: { pages: 3 } });
  });

  it('refuses a response whose Blocks is not an array', () => {
    expect(() => toResultPage({ Blocks: 'x' as never }, 'DetectDocumentText')).toThrow(/Blocks is not an array/);
  });
});

describe('Function: toTextractDocument', () => {
  it('loads a collected job result into the same model as the saved response', () => {
    const result = mergeResultPages(paginate(250).map((p) => toResultPage(p, 'GetDocumentAnalysis')));
    const fromResult = toTextractDocument(result);
    expect(fromResult.pageCount).toBe(3);
    expect(fromResult.lineCount).toBe(saved.Blocks.filter((b) => b.BlockType === 'LINE').length);
    expect(toTextractResponse(result)).toMatchObject({ DocumentMetadata: { Pages: 3 }, JobStatus: 'SUCCEEDED' });
  });
});
