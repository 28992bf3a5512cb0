/**
 * Live checks against Amazon Textract (opt-in: `AWS_E2E=1`, with credentials and a region in the environment).
 * The S3 path also needs `AWS_ML_KIT_E2E_BUCKET`: a bucket in the same region the test may write to and delete from.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { TextractOcr } from '../../src/textract/aws/TextractOcr.js';

const BUCKET = process.env.AWS_ML_KIT_E2E_BUCKET;
const PHRASE = 'Searchable text from aws-ml-kit';

async function textPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++)
    doc.addPage([612, 792]).drawText(`${PHRASE} page ${i}`, { x: 72, y: 700, size: 24, font });
  return doc.save();
}

const lines = (blocks: readonly { BlockType?: string | undefined; Text?: string | undefined }[]) =>
  blocks.filter((b) => b.BlockType === 'LINE').map((b) => b.Text ?? '');

describe.skipIf(!process.env.AWS_E2E)('TextractOcr against the live service', () => {
  it('detects text in a one-page PDF synchronously', async () => {
    const ocr = new TextractOcr({ clientConfig: {} });
    try {
      const result = await ocr.detectDocumentText(await textPdf(1));
      expect(result.documentMetadata.pages).toBe(1);
      expect(lines(result.blocks).join('\n')).toContain(PHRASE);
      expect(result.requestIds[0]).toMatch(/\S/);
    } finally {
      ocr.destroy();
    }
  });

  it('analyses layout synchronously', async () => {
    const ocr = new TextractOcr({ clientConfig: {} });
    try {
      const result = await ocr.analyzeDocument(await textPdf(1), { featureTypes: ['LAYOUT'] });
      expect(result.blocks.some((b) => b.BlockType?.startsWith('LAYOUT_'))).toBe(true);
    } finally {
      ocr.destroy();
    }
  });

  it('recognises a multi-page PDF through S3 and cleans up', async () => {
    if (!BUCKET) throw new Error('set AWS_ML_KIT_E2E_BUCKET to a bucket in the Textract region for the S3 path');
    const ocr = new TextractOcr({ clientConfig: {}, s3: { bucket: BUCKET, prefix: 'aws-ml-kit-e2e/' } });
    try {
      const pages: number[] = [];
      const result = await ocr.recognize(
        { bytes: await textPdf(3), mediaType: 'application/pdf' },
        { onProgress: ({ page }) => pages.push(page) },
      );
      expect(result.pageCount).toBe(3);
      expect(pages).toEqual([1, 2, 3]);
      expect(lines(result.blocks).filter((l) => l.includes(PHRASE))).toHaveLength(3);
    } finally {
      ocr.destroy();
    }
  });
});
