/**
 * Grafts a text layer onto an existing page without touching its content: the original content streams are
 * wrapped in `q … Q` (so an unbalanced graphics state cannot leak into the layer), and the layer is drawn as a
 * Form XObject with its own resources, named so it can be found and stripped later.
 *
 * @module
 */
import { PDFArray, type PDFContext, PDFDict, PDFName, type PDFPageLeaf, PDFRef, PDFStream } from 'pdf-lib';
import type { PageFrame } from './pageFrame.js';

/** The XObject resource name of the text layer (a number is appended if the page already has one). */
export const TEXT_LAYER_XOBJECT_NAME = 'AwsMlKitOcrLayer';

/**
 * Adds `content` (drawn in the page's display frame) to the page as a Form XObject.
 *
 * @example
 * ```ts
 * graftTextLayer(doc.context, page.node, frame, ops, { AwsMlKitGlyphless125: fontRef });
 * ```
 */
export function graftTextLayer(
  context: PDFContext,
  page: PDFPageLeaf,
  frame: PageFrame,
  content: string,
  fonts: Readonly<Record<string, PDFRef>>,
): void {
  const form = context.flateStream(content, {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, frame.widthPt, frame.heightPt],
    Matrix: [...frame.displayToUser],
    Resources: { Font: { ...fonts } },
  });
  const formRef = context.register(form);

  const inherited = page.Resources();
  const resources = inherited ? inherited.clone(context) : context.obj({});
  const existingXObjects = resources.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const xobjects = existingXObjects ? existingXObjects.clone(context) : context.obj({});
  let name = TEXT_LAYER_XOBJECT_NAME;
  for (let i = 2; xobjects.has(PDFName.of(name)); i++) name = `${TEXT_LAYER_XOBJECT_NAME}${i}`;
  xobjects.set(PDFName.of(name), formRef);
  resources.set(PDFName.of('XObject'), xobjects);
  page.set(PDFName.of('Resources'), resources);

  const existing = contentRefs(context, page);
  const draw = `q /${name} Do Q\n`;
  const streams =
    existing.length > 0
      ? [context.register(context.stream('q\n')), ...existing, context.register(context.stream(`Q\n${draw}`))]
      : [context.register(context.stream(draw))];
  page.set(PDFName.of('Contents'), context.obj(streams));
}

/** The page's content streams as a flat list of references (or direct streams). */
function contentRefs(context: PDFContext, page: PDFPageLeaf): (PDFRef | PDFStream)[] {
  const raw = page.get(PDFName.of('Contents'));
  if (raw === undefined) return [];
  const resolved = raw instanceof PDFRef ? context.lookup(raw) : raw;
  if (resolved instanceof PDFArray) {
    // Only streams: anything else in a content array (e.g. a nested, possibly cyclic, array) is not content.
    const refs: (PDFRef | PDFStream)[] = [];
    for (const item of resolved.asArray()) {
      const target = item instanceof PDFRef ? context.lookup(item) : item;
      if (target instanceof PDFStream) refs.push(item as PDFRef | PDFStream);
    }
    return refs;
  }
  return raw instanceof PDFRef ? [raw] : [];
}
