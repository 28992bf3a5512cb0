import { PDFDocument, PDFName, type PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pageHasText } from '../../../src/searchable-pdf/pageHasText.js';

async function pageWithContent(content: string): Promise<{ doc: PDFDocument; ref: PDFRef }> {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  const ref = doc.context.register(doc.context.flateStream(content));
  page.node.set(PDFName.of('Contents'), ref);
  return { doc, ref };
}

describe('pageHasText', () => {
  it('finds text operators in the page content and in the forms it draws', async () => {
    const { doc } = await pageWithContent('BT /F1 12 Tf (x) Tj ET');
    expect(pageHasText(doc.context, doc.getPage(0).node)).toBe(true);
    const image = await pageWithContent('q 10 0 0 10 0 0 cm /Im0 Do Q');
    expect(pageHasText(image.doc.context, image.doc.getPage(0).node)).toBe(false);
    const form = image.doc.context.register(
      image.doc.context.flateStream('BT [(a) 10 (b)] TJ ET', { Type: 'XObject', Subtype: 'Form' }),
    );
    image.doc.getPage(0).node.set(PDFName.of('Resources'), image.doc.context.obj({ XObject: { Fm0: form } }));
    expect(pageHasText(image.doc.context, image.doc.getPage(0).node)).toBe(true);
  });

  it('ends on a Contents array that contains itself', async () => {
    const { doc } = await pageWithContent('q Q');
    const page = doc.getPage(0).node;
    const arrayRef = doc.context.nextRef();
    doc.context.assign(arrayRef, doc.context.obj([arrayRef]));
    page.set(PDFName.of('Contents'), arrayRef);
    expect(pageHasText(doc.context, page)).toBe(false);
  });
});
