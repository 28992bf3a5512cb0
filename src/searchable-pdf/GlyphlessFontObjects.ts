/**
 * Writes the glyphless Type0 font into a pdf-lib document: Type0 (Identity-H) → CIDFontType2 → FontDescriptor
 * with the embedded TrueType, a CIDToGIDMap sending every used CID to the blank glyph, and the ToUnicode CMap.
 * The CMap and the map depend on every page's text, so their objects are reserved first and filled by
 * {@link GlyphlessFontObjects.finish}.
 *
 * @module
 */
import { type PDFContext, type PDFRef, PDFString } from 'pdf-lib';
import type { CidAllocator } from './CidAllocator.js';
import {
  GLYPHLESS_ADVANCE,
  GLYPHLESS_ASCENT,
  GLYPHLESS_DESCENT,
  GLYPHLESS_FONT_NAME,
  GLYPHLESS_GID,
  glyphlessTrueType,
} from './GlyphlessFont.js';

/**
 * The font's PDF objects in one document.
 *
 * @example
 * ```ts
 * const font = new GlyphlessFontObjects(doc.context);
 * // … reference font.ref from text-layer resources …
 * font.finish(cids);
 * ```
 */
export class GlyphlessFontObjects {
  /** The Type0 font dictionary to put in `/Font` resources. */
  readonly ref: PDFRef;
  private readonly toUnicodeRef: PDFRef;
  private readonly cidToGidRef: PDFRef;
  private readonly context: PDFContext;

  constructor(context: PDFContext) {
    this.context = context;
    this.toUnicodeRef = context.nextRef();
    this.cidToGidRef = context.nextRef();
    const ttf = glyphlessTrueType();
    const fontFile = context.register(context.flateStream(ttf, { Length1: ttf.length }));
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: GLYPHLESS_FONT_NAME,
        Flags: 4,
        FontBBox: [0, GLYPHLESS_DESCENT, GLYPHLESS_ADVANCE, GLYPHLESS_ASCENT],
        ItalicAngle: 0,
        Ascent: GLYPHLESS_ASCENT,
        Descent: GLYPHLESS_DESCENT,
        CapHeight: GLYPHLESS_ASCENT,
        StemV: 80,
        FontFile2: fontFile,
      }),
    );
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: GLYPHLESS_FONT_NAME,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        DW: GLYPHLESS_ADVANCE,
        CIDToGIDMap: this.cidToGidRef,
      }),
    );
    this.ref = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: GLYPHLESS_FONT_NAME,
        Encoding: 'Identity-H',
        DescendantFonts: [cidFont],
        ToUnicode: this.toUnicodeRef,
      }),
    );
  }

  /**
   * Writes the ToUnicode CMap and the CIDToGIDMap for every CID allocated.
   *
   * @example
   * ```ts
   * font.finish(cids);
   * ```
   */
  finish(cids: CidAllocator): void {
    const map = new Uint8Array((cids.maxCid + 1) * 2);
    for (let cid = 1; cid <= cids.maxCid; cid++) map[cid * 2 + 1] = GLYPHLESS_GID;
    this.context.assign(this.cidToGidRef, this.context.flateStream(map));
    this.context.assign(this.toUnicodeRef, this.context.flateStream(cids.toUnicodeCMap()));
  }
}
