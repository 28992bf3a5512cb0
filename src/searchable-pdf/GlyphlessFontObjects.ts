/**
 * Writes the glyphless Type0 fonts into a pdf-lib document: per line-box profile a Type0 (Identity-H) →
 * CIDFontType2 → FontDescriptor with its embedded TrueType; all profiles share one CIDToGIDMap (every used CID
 * to the blank glyph) and one ToUnicode CMap. The CMap and the map depend on every page's text, so their
 * objects are reserved first and filled by {@link GlyphlessFontObjects.finish}.
 *
 * @module
 */
import { type PDFContext, type PDFRef, PDFString } from 'pdf-lib';
import type { CidAllocator } from './CidAllocator.js';
import { GLYPHLESS_ADVANCE, GLYPHLESS_FONT_NAME, GLYPHLESS_GID, glyphlessTrueType } from './GlyphlessFont.js';
import type { LineBoxProfile } from './lineBoxProfiles.js';

/**
 * The fonts' PDF objects in one document, created on first use.
 *
 * @example
 * ```ts
 * const fonts = new GlyphlessFontObjects(doc.context);
 * const ref = fonts.refFor(line.profile); // put in the text layer's /Font resources
 * fonts.finish(cids);
 * ```
 */
export class GlyphlessFontObjects {
  private readonly toUnicodeRef: PDFRef;
  private readonly cidToGidRef: PDFRef;
  private readonly context: PDFContext;
  private readonly refs = new Map<string, PDFRef>();

  constructor(context: PDFContext) {
    this.context = context;
    this.toUnicodeRef = context.nextRef();
    this.cidToGidRef = context.nextRef();
  }

  /**
   * The Type0 font of a profile, written on first use.
   *
   * @example
   * ```ts
   * fonts.refFor(DEFAULT_LINE_BOX_PROFILE);
   * ```
   */
  refFor(profile: LineBoxProfile): PDFRef {
    const known = this.refs.get(profile.resourceName);
    if (known) return known;
    const context = this.context;
    const name = `${GLYPHLESS_FONT_NAME}-${Math.round(profile.emHeight * 100)}`;
    const ttf = glyphlessTrueType(profile.ascentUnits, profile.descentUnits);
    const fontFile = context.register(context.flateStream(ttf, { Length1: ttf.length }));
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: name,
        Flags: 4,
        FontBBox: [0, profile.descentUnits, GLYPHLESS_ADVANCE, profile.ascentUnits],
        ItalicAngle: 0,
        Ascent: profile.ascentUnits,
        Descent: profile.descentUnits,
        CapHeight: profile.ascentUnits,
        StemV: 80,
        FontFile2: fontFile,
      }),
    );
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: name,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        DW: GLYPHLESS_ADVANCE,
        CIDToGIDMap: this.cidToGidRef,
      }),
    );
    const ref = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: name,
        Encoding: 'Identity-H',
        DescendantFonts: [cidFont],
        ToUnicode: this.toUnicodeRef,
      }),
    );
    this.refs.set(profile.resourceName, ref);
    return ref;
  }

  /**
   * Writes the ToUnicode CMap and the CIDToGIDMap for every CID allocated.
   *
   * @example
   * ```ts
   * fonts.finish(cids);
   * ```
   */
  finish(cids: CidAllocator): void {
    const map = new Uint8Array((cids.maxCid + 1) * 2);
    for (let cid = 1; cid <= cids.maxCid; cid++) map[cid * 2 + 1] = GLYPHLESS_GID;
    this.context.assign(this.cidToGidRef, this.context.flateStream(map));
    this.context.assign(this.toUnicodeRef, this.context.flateStream(cids.toUnicodeCMap()));
  }
}
