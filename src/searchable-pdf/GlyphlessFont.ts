/**
 * A hand-written TrueType font with one blank glyph, used as the descendant of the invisible text layer's Type0
 * font. Every CID maps to that glyph, so the file stays tiny whatever text it carries; the text itself reaches
 * extractors through the ToUnicode CMap. Its declared ascent and descent are a parameter: extractors size a
 * word's box as `(ascent − descent) · fontSize`, so the declared em height decides the font size that makes
 * the box match an OCR line, and with it how large word gaps look relative to the font (see lineBoxProfiles).
 *
 * @module
 */

/** Font units per em. */
export const GLYPHLESS_UNITS_PER_EM = 1000;
/** Default declared ascent in font units (above the baseline); variants are built per line-box profile. */
export const GLYPHLESS_ASCENT = 1500;
/** Default declared descent in font units (below the baseline, negative). */
export const GLYPHLESS_DESCENT = -500;
/** Advance width of every glyph in font units (the PDF `DW`). */
export const GLYPHLESS_ADVANCE = 500;
/** The PostScript name of the font. */
export const GLYPHLESS_FONT_NAME = 'AwsMlKitGlyphless';
/** The glyph every CID maps to. GID 0 (`.notdef`) is avoided because some viewers reject text drawn with it. */
export const GLYPHLESS_GID = 1;

class Writer {
  private readonly bytes: number[] = [];
  u8(v: number): this {
    this.bytes.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.u8(v >>> 8).u8(v);
  }
  i16(v: number): this {
    return this.u16(v < 0 ? v + 0x10000 : v);
  }
  u32(v: number): this {
    return this.u16(Math.floor(v / 0x10000) & 0xffff).u16(v & 0xffff);
  }
  tag(t: string): this {
    for (let i = 0; i < 4; i++) this.u8(t.charCodeAt(i));
    return this;
  }
  raw(data: readonly number[] | Uint8Array): this {
    for (const b of data) this.u8(b);
    return this;
  }
  get length(): number {
    return this.bytes.length;
  }
  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    const word = ((data[i] ?? 0) << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0);
    sum = (sum + (word >>> 0)) % 0x100000000;
  }
  return sum;
}

function headTable(ascent: number, descent: number): Uint8Array {
  return new Writer()
    .u32(0x00010000) // version
    .u32(0x00010000) // fontRevision
    .u32(0) // checkSumAdjustment, patched later
    .u32(0x5f0f3cf5) // magic
    .u16(0b1011) // flags: baseline at y=0, lsb at x=0, integer ppem
    .u16(GLYPHLESS_UNITS_PER_EM)
    .u32(0)
    .u32(0) // created (fixed for determinism)
    .u32(0)
    .u32(0) // modified
    .i16(0)
    .i16(descent)
    .i16(GLYPHLESS_ADVANCE)
    .i16(ascent) // bbox
    .u16(0) // macStyle
    .u16(8) // lowestRecPPEM
    .i16(2) // fontDirectionHint
    .i16(0) // indexToLocFormat: short
    .i16(0) // glyphDataFormat
    .toBytes();
}

function hheaTable(ascent: number, descent: number): Uint8Array {
  const w = new Writer()
    .u32(0x00010000)
    .i16(ascent)
    .i16(descent)
    .i16(0) // lineGap
    .u16(GLYPHLESS_ADVANCE) // advanceWidthMax
    .i16(0)
    .i16(0)
    .i16(GLYPHLESS_ADVANCE) // minLsb, minRsb, xMaxExtent
    .i16(1)
    .i16(0)
    .i16(0); // caret slope rise/run/offset
  for (let i = 0; i < 4; i++) w.i16(0);
  return w.i16(0).u16(2).toBytes(); // metricDataFormat, numberOfHMetrics
}

function maxpTable(): Uint8Array {
  const w = new Writer().u32(0x00010000).u16(2);
  // maxPoints, maxContours, maxCompositePoints, maxCompositeContours, maxZones, maxTwilightPoints, maxStorage,
  // maxFunctionDefs, maxInstructionDefs, maxStackElements, maxSizeOfInstructions, maxComponentElements,
  // maxComponentDepth
  for (const v of [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]) w.u16(v);
  return w.toBytes();
}

function os2Table(ascent: number, descent: number): Uint8Array {
  const w = new Writer()
    .u16(4) // version
    .i16(GLYPHLESS_ADVANCE) // xAvgCharWidth
    .u16(400) // weight
    .u16(5) // width class
    .u16(0); // fsType: installable embedding
  for (let i = 0; i < 10; i++) w.i16(0); // subscript/superscript/strikeout metrics
  w.i16(0); // family class
  for (let i = 0; i < 10; i++) w.u8(0); // panose
  for (let i = 0; i < 4; i++) w.u32(0); // unicode ranges
  w.tag('AMK ')
    .u16(0x40) // fsSelection: regular
    .u16(0x20)
    .u16(0xffff) // first/last char index
    .i16(ascent)
    .i16(descent)
    .i16(0) // typo metrics
    .u16(ascent)
    .u16(-descent) // win metrics
    .u32(1)
    .u32(0) // code page ranges
    .i16(0)
    .i16(0) // xHeight, capHeight
    .u16(0)
    .u16(0x20)
    .u16(0); // default char, break char, max context
  return w.toBytes();
}

function hmtxTable(): Uint8Array {
  return new Writer().u16(GLYPHLESS_ADVANCE).i16(0).u16(GLYPHLESS_ADVANCE).i16(0).toBytes();
}

/** GID 0 is empty; GID 1 is a header with zero contours: a valid glyph that paints nothing. */
function glyfTable(): Uint8Array {
  return new Writer().i16(0).i16(0).i16(0).i16(0).i16(0).u16(0).toBytes();
}

function locaTable(): Uint8Array {
  return new Writer().u16(0).u16(0).u16(6).toBytes(); // short offsets are halved: 0, 0, 12
}

/** A format 4 cmap that maps nothing but satisfies readers that insist on one. */
function cmapTable(): Uint8Array {
  return new Writer()
    .u16(0)
    .u16(1) // version, numTables
    .u16(3)
    .u16(1)
    .u32(12) // Windows Unicode BMP subtable at offset 12
    .u16(4)
    .u16(24)
    .u16(0) // format, length, language
    .u16(2)
    .u16(2)
    .u16(0)
    .u16(0) // segCountX2, searchRange, entrySelector, rangeShift
    .u16(0xffff) // endCode
    .u16(0) // reservedPad
    .u16(0xffff) // startCode
    .i16(1) // idDelta
    .u16(0) // idRangeOffset
    .toBytes();
}

function postTable(): Uint8Array {
  const w = new Writer().u32(0x00030000).u32(0).i16(-100).i16(50).u32(0);
  for (let i = 0; i < 4; i++) w.u32(0);
  return w.toBytes();
}

function nameTable(): Uint8Array {
  const records: [number, string][] = [
    [1, GLYPHLESS_FONT_NAME],
    [2, 'Regular'],
    [4, GLYPHLESS_FONT_NAME],
    [6, GLYPHLESS_FONT_NAME],
  ];
  const w = new Writer()
    .u16(0)
    .u16(records.length)
    .u16(6 + 12 * records.length);
  let offset = 0;
  for (const [id, text] of records) {
    w.u16(3)
      .u16(1)
      .u16(0x409)
      .u16(id)
      .u16(text.length * 2)
      .u16(offset);
    offset += text.length * 2;
  }
  for (const [, text] of records) for (const ch of text) w.u16(ch.charCodeAt(0));
  return w.toBytes();
}

/**
 * Returns the bytes of the glyphless TrueType font with the given declared metrics (font units).
 *
 * @example
 * ```ts
 * const ttf = glyphlessTrueType(); // about 600 bytes
 * const short = glyphlessTrueType(750, -250);
 * ```
 */
export function glyphlessTrueType(ascent = GLYPHLESS_ASCENT, descent = GLYPHLESS_DESCENT): Uint8Array {
  const tables: [string, Uint8Array][] = [
    ['OS/2', os2Table(ascent, descent)],
    ['cmap', cmapTable()],
    ['glyf', glyfTable()],
    ['head', headTable(ascent, descent)],
    ['hhea', hheaTable(ascent, descent)],
    ['hmtx', hmtxTable()],
    ['loca', locaTable()],
    ['maxp', maxpTable()],
    ['name', nameTable()],
    ['post', postTable()],
  ]; // sorted by tag, as the format requires
  const numTables = tables.length;
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const out = new Writer()
    .u32(0x00010000)
    .u16(numTables)
    .u16(searchRange)
    .u16(entrySelector)
    .u16(numTables * 16 - searchRange);
  let offset = 12 + numTables * 16;
  const padded = tables.map(([, data]) => (data.length + 3) & ~3);
  tables.forEach(([tag, data], i) => {
    out.tag(tag).u32(checksum(data)).u32(offset).u32(data.length);
    offset += padded[i] ?? 0;
  });
  tables.forEach(([, data], i) => {
    out.raw(data);
    for (let p = data.length; p < (padded[i] ?? 0); p++) out.u8(0);
  });
  const font = out.toBytes();
  // head.checkSumAdjustment = 0xB1B0AFBA − checksum(whole font)
  const adjustment = (0xb1b0afba - checksum(font) + 0x100000000) % 0x100000000;
  const headOffset = 12 + numTables * 16 + tables.slice(0, 3).reduce((n, _t, i) => n + (padded[i] ?? 0), 0);
  new DataView(font.buffer).setUint32(headOffset + 8, adjustment);
  return font;
}
