/**
 * Detects pages that already draw text (born-digital pages, or an earlier OCR layer), by looking for
 * text-showing operators in the page's content streams and in the Form XObjects it draws.
 *
 * @module
 */
import {
  decodePDFRawStream,
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFName,
  type PDFPageLeaf,
  PDFRawStream,
  PDFRef,
} from 'pdf-lib';

const TEXT_OPERATOR = /(?:^|[\s)\]>])(?:Tj|TJ)(?=\s|$)/;
/** Form XObjects are followed this deep (forms inside forms inside the page). */
const MAX_FORM_DEPTH = 3;

function decoded(stream: PDFRawStream): string | undefined {
  try {
    const bytes = decodePDFRawStream(stream).decode();
    let text = '';
    for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
    return text;
  } catch {
    return undefined; // a filter pdf-lib cannot decode (e.g. JBIG2 images never hold text operators anyway)
  }
}

/** A page's content streams: one stream or an array of streams (an array inside is ignored: it may be a cycle). */
function streamsOf(context: PDFContext, value: unknown): PDFRawStream[] {
  const resolve = (item: unknown) => (item instanceof PDFRef ? context.lookup(item) : item);
  const resolved = resolve(value);
  if (resolved instanceof PDFRawStream) return [resolved];
  if (!(resolved instanceof PDFArray)) return [];
  return resolved.asArray().flatMap((item) => {
    const stream = resolve(item);
    return stream instanceof PDFRawStream ? [stream] : [];
  });
}

function formsOf(context: PDFContext, resources: unknown): PDFRawStream[] {
  const dict = resources instanceof PDFRef ? context.lookup(resources) : resources;
  if (!(dict instanceof PDFDict)) return [];
  const xobjects = dict.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xobjects) return [];
  const forms: PDFRawStream[] = [];
  for (const [, value] of xobjects.entries()) {
    const stream = value instanceof PDFRef ? context.lookup(value) : value;
    if (stream instanceof PDFRawStream && stream.dict.get(PDFName.of('Subtype')) === PDFName.of('Form'))
      forms.push(stream);
  }
  return forms;
}

function drawsText(context: PDFContext, streams: readonly PDFRawStream[], resources: unknown, depth: number): boolean {
  for (const stream of streams) {
    const text = decoded(stream);
    if (text !== undefined && TEXT_OPERATOR.test(text)) return true;
  }
  if (depth >= MAX_FORM_DEPTH) return false;
  for (const form of formsOf(context, resources)) {
    if (drawsText(context, [form], form.dict.get(PDFName.of('Resources')), depth + 1)) return true;
  }
  return false;
}

/**
 * Whether a page already shows text (any render mode).
 *
 * @example
 * ```ts
 * pageHasText(doc.context, doc.getPage(0).node); // true for a born-digital page
 * ```
 */
export function pageHasText(context: PDFContext, page: PDFPageLeaf): boolean {
  return drawsText(context, streamsOf(context, page.get(PDFName.of('Contents'))), page.Resources(), 0);
}
