import { decodePDFRawStream, type PDFArray, PDFDocument, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import { isValidationError } from '../../../src/kit/errors.js';
import type { OcrEngine } from '../../../src/ocr/OcrEngine.js';
import { DEFAULT_IMAGE_DPI, SearchablePdfBuilder, TEXT_LAYER_XOBJECT_NAME } from '../../../src/searchable-pdf/index.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';
import {
  fixtureBytes,
  greyPng,
  greyTiff,
  JPEG_05,
  JSON_05,
  JSON_13,
  JSON_16,
  PDF_13,
  PDF_16,
  PNG_01,
  syntheticTextract,
  textractFixture,
  wordsOf,
} from './helpers.js';

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function expectValidation(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await rejection(promise);
  expect(isValidationError(error), String(error)).toBe(true);
  expect((error as Error).message).toMatch(pattern);
}

describe('SearchablePdfBuilder.build', () => {
  const builder = new SearchablePdfBuilder();

  it('grafts a text layer onto every page of a PDF and keeps the page count and sizes', async () => {
    const input = fixtureBytes(PDF_13);
    const result = await builder.build(input, { ocr: textractFixture(JSON_13) });
    expect(result.pageCount).toBe(2);
    expect(result.wordCount).toBe(106);
    // The fixture is born-digital: its pages already show text, which the builder reports.
    expect(result.warnings).toEqual(['2 page(s) already show text, given a layer anyway: 1, 2']);
    const skipped = await builder.build(input, { ocr: textractFixture(JSON_13), existingText: 'skip' });
    expect(skipped.wordCount).toBe(0);
    const scanned = await builder.build(fixtureBytes(PDF_16), { ocr: textractFixture(JSON_16), existingText: 'skip' });
    expect(scanned.wordCount).toBe(69);
    expect(scanned.warnings).toEqual([]);
    const out = await PDFDocument.load(result.pdf);
    const original = await PDFDocument.load(input);
    expect(out.getPageCount()).toBe(2);
    out.getPages().forEach((page, i) => {
      expect(page.getSize()).toEqual(original.getPage(i).getSize());
    });
    expect(latin1(result.pdf)).toContain(`/${TEXT_LAYER_XOBJECT_NAME}`);
  });

  it('keeps a content array in order, wrapped in q … Q before the layer is drawn', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 100]);
    const first = doc.context.register(doc.context.stream('0 0 1 rg'));
    const second = doc.context.register(doc.context.stream('0 0 10 10 re f'));
    page.node.set(PDFName.of('Contents'), doc.context.obj([first, second]));
    const result = await builder.build(await doc.save(), { ocr: syntheticTextract([[wordsOf('boxed')]]) });
    const out = await PDFDocument.load(result.pdf);
    const contents = out.getPage(0).node.Contents() as PDFArray;
    const texts = contents.asArray().map((ref) => {
      const stream = out.context.lookup(ref) as PDFRawStream;
      return latin1(decodePDFRawStream(stream).decode()).trim();
    });
    expect(texts).toEqual(['q', '0 0 1 rg', '0 0 10 10 re f', `Q\nq /${TEXT_LAYER_XOBJECT_NAME} Do Q`]);
  });

  it('drops what is not a stream from a content array (here the array itself) instead of copying it', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 100]);
    const stream = doc.context.register(doc.context.stream('0 0 10 10 re f'));
    const arrayRef = doc.context.nextRef();
    doc.context.assign(arrayRef, doc.context.obj([stream, arrayRef]));
    page.node.set(PDFName.of('Contents'), arrayRef);
    const result = await builder.build(await doc.save(), { ocr: syntheticTextract([[wordsOf('boxed')]]) });
    const out = await PDFDocument.load(result.pdf);
    const contents = (out.getPage(0).node.Contents() as PDFArray).asArray();
    expect(contents).toHaveLength(3);
    expect(contents.every((ref) => out.context.lookup(ref) instanceof PDFRawStream)).toBe(true);
  });

  it('writes only Identity-H text with render mode 3, and no WinAnsi anywhere', async () => {
    const result = await builder.build(fixtureBytes(PDF_16), { ocr: textractFixture(JSON_16) });
    const doc = await PDFDocument.load(result.pdf);
    const objects = doc.context.enumerateIndirectObjects().map(([, object]) => object);
    const dicts = objects
      .map((object) => (object instanceof PDFRawStream ? object.dict : object).toString())
      .join('\n');
    expect(dicts).not.toContain('WinAnsi');
    expect(dicts).toContain('/Encoding /Identity-H');
    expect(dicts).toContain('/Subtype /CIDFontType2');
    const layer = objects
      .filter((object): object is PDFRawStream => object instanceof PDFRawStream)
      .filter((stream) => stream.dict.toString().includes('/Subtype /Form'))
      .map((stream) => new TextDecoder().decode(decodePDFRawStream(stream).decode()));
    expect(layer).toHaveLength(1);
    const renderModes = [...(layer[0] ?? '').matchAll(/(\d+) Tr/g)].map((m) => m[1]);
    expect(renderModes.length).toBe(22); // one BT per LINE
    expect(new Set(renderModes)).toEqual(new Set(['3']));
    // Every font object (Type0, CIDFont, descriptor, TrueType, CIDToGIDMap, ToUnicode) together stays small.
    const fontRefs = new Set<string>();
    for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
      const dict = object instanceof PDFRawStream ? object.dict : object;
      const text = dict.toString();
      if (/\/Type \/Font(Descriptor)?\b/.test(text)) {
        fontRefs.add(ref.toString());
        for (const m of text.matchAll(/\/(?:FontFile2|ToUnicode|CIDToGIDMap|DescendantFonts \[) ?(\d+ \d+ R)/g)) {
          fontRefs.add(m[1] ?? '');
        }
      }
    }
    let fontBytes = 0;
    for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
      if (fontRefs.has(ref.toString())) fontBytes += object.sizeInBytes();
    }
    expect(fontRefs.size).toBeGreaterThanOrEqual(6);
    expect(fontBytes).toBeLessThanOrEqual(15 * 1024);
  });

  it('is deterministic, with settable dates and ids', async () => {
    const input = fixtureBytes(JPEG_05);
    const ocr = textractFixture(JSON_05);
    const a = await builder.build(input, { ocr });
    const b = await builder.build(input, { ocr });
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
    const dated = await builder.build(input, {
      ocr,
      creationDate: new Date('2024-01-02T03:04:05Z'),
      modificationDate: new Date('2024-01-02T03:04:05Z'),
      documentId: '0123456789abcdef0123456789abcdef',
    });
    const doc = await PDFDocument.load(dated.pdf);
    expect(doc.getCreationDate()?.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(Buffer.from(dated.pdf).equals(Buffer.from(a.pdf))).toBe(false);
  });

  it('never modifies the input bytes', async () => {
    for (const [path, json] of [
      [PDF_16, JSON_16],
      [JPEG_05, JSON_05],
    ] as const) {
      const input = fixtureBytes(path);
      const copy = input.slice();
      await builder.build(input, { ocr: textractFixture(json) });
      expect(Buffer.from(input).equals(Buffer.from(copy))).toBe(true);
    }
  });

  it('sizes image pages from their DPI metadata (default 300) and from the dpi option', async () => {
    const jpeg = await builder.build(fixtureBytes(JPEG_05), { ocr: textractFixture(JSON_05) });
    const jpegPage = (await PDFDocument.load(jpeg.pdf)).getPage(0).getSize();
    // paystub.jpg declares 120 dpi in its JFIF header: 706 × 914 px → 423.6 × 548.4 pt.
    expect(jpegPage.width).toBeCloseTo(423.6, 3);
    expect(jpegPage.height).toBeCloseTo(548.4, 3);
    const png = await builder.build(fixtureBytes(PNG_01), {
      ocr: textractFixture('01-multicol/test-multicol-response.json'),
    });
    const pngPage = (await PDFDocument.load(png.pdf)).getPage(0).getSize();
    expect(pngPage.width).toBeCloseTo((421 * 72) / 300, 3);
    const override = await builder.build(fixtureBytes(PNG_01), {
      ocr: textractFixture('01-multicol/test-multicol-response.json'),
      dpi: 72,
    });
    expect((await PDFDocument.load(override.pdf)).getPage(0).getSize()).toEqual({ width: 421, height: 356 });
  });

  it('sizes a page by one resolution rule whichever engine read it, and names one Producer (issue 12)', async () => {
    const ocr = syntheticTextract([[wordsOf('same page')]]);
    const engine = (name: string): OcrEngine => ({
      name,
      recognize: async () => ({ blocks: ocr.Blocks, pageCount: 1, engine: name, warnings: [] }),
    });
    for (const [dpi, widthPt] of [
      [150, 288],
      [undefined, (600 * 72) / DEFAULT_IMAGE_DPI],
    ] as const) {
      const png = greyPng(600, 300, dpi);
      const sizes: { width: number; height: number }[] = [];
      const producers = new Set<string | undefined>();
      for (const run of [
        () => builder.build(png, { ocr }),
        () => new SearchablePdfBuilder({ ocrEngine: engine('textract') }).build(png),
        () => new SearchablePdfBuilder({ ocrEngine: engine('tesseract') }).build(png),
      ]) {
        const doc = await PDFDocument.load((await run()).pdf, { updateMetadata: false });
        sizes.push(doc.getPage(0).getSize());
        producers.add(doc.getProducer());
      }
      for (const size of sizes) {
        // pHYs stores whole pixels per metre: 150 dpi is 5906 px/m, 150.01 dpi.
        expect(size.width).toBeCloseTo(widthPt, 1);
        expect(size.height).toBeCloseTo(widthPt / 2, 1);
      }
      expect([...producers]).toEqual(['aws-ml-kit']);
    }
    // PDF input keeps its pages as they are but names the same Producer.
    const fromPdf = await builder.build(fixtureBytes(PDF_16), { ocr: textractFixture(JSON_16) });
    expect((await PDFDocument.load(fromPdf.pdf, { updateMetadata: false })).getProducer()).toBe('aws-ml-kit');
  });

  it('names the image size, not options.dpi, when an image without a dpi option makes an absurd page', async () => {
    const ocr = syntheticTextract([[wordsOf('x')]]);
    await expectValidation(
      builder.build(greyPng(1, 1), { ocr }),
      /^input is a 1×1 px image; at the default 300 dpi that is a page of 0×0 pt/,
    );
    await expectValidation(
      builder.build(greyPng(1, 1, 72), { ocr }),
      /^input is a 1×1 px image; at its declared 72 dpi/,
    );
    await expectValidation(builder.build(greyPng(1, 1), { ocr, dpi: 100 }), /^options\.dpi gives a page of 1×1 pt/);
  });

  it('accepts multi-page TIFF input, one page per frame', async () => {
    const tiff = greyTiff([
      { width: 40, height: 30, grey: 200, dpi: 100 },
      { width: 20, height: 50, grey: 0 },
    ]);
    const ocr = syntheticTextract([[wordsOf('first page')], [wordsOf('second page')]]);
    const result = await builder.build(tiff, { ocr });
    const doc = await PDFDocument.load(result.pdf);
    expect(doc.getPageCount()).toBe(2);
    expect(doc.getPage(0).getSize().width).toBeCloseTo(40 * 0.72, 5);
    expect(doc.getPage(0).getSize().height).toBeCloseTo(30 * 0.72, 5);
    expect(doc.getPage(1).getSize().width).toBeCloseTo((20 * 72) / 300, 5);
    expect(result.wordCount).toBe(4);
  });

  it('reports progress once per page and stops on abort', async () => {
    const onProgress = vi.fn();
    await builder.build(fixtureBytes(PDF_13), { ocr: textractFixture(JSON_13), onProgress });
    expect(onProgress.mock.calls.map(([p]) => [p.stage, p.page, p.pageCount])).toEqual([
      ['text-layer', 1, 2],
      ['text-layer', 2, 2],
    ]);
    const controller = new AbortController();
    const reason = new Error('stop');
    const aborted = builder.build(fixtureBytes(PDF_13), {
      ocr: textractFixture(JSON_13),
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    });
    expect(await rejection(aborted)).toBe(reason);
    const pre = AbortSignal.abort(new Error('before'));
    expect(((await rejection(builder.build(fixtureBytes(PDF_16), { signal: pre }))) as Error).message).toBe('before');
  });

  it('asks its OCR engine when given no OCR, passing bytes, media type and signal', async () => {
    const recognize = vi.fn(async () => ({
      blocks: syntheticTextract([[wordsOf('engine words here')]]).Blocks as never,
      pageCount: 1,
      engine: 'fake',
      warnings: ['1 page had low confidence'],
    }));
    const engine: OcrEngine = { name: 'fake', recognize };
    const input = fixtureBytes(PDF_16);
    const result = await new SearchablePdfBuilder({ ocrEngine: engine }).build(input);
    expect(recognize).toHaveBeenCalledWith(
      { bytes: input, mediaType: 'application/pdf' },
      expect.objectContaining({ signal: undefined }),
    );
    expect(result.ocrEngine).toBe('fake');
    expect(result.wordCount).toBe(3);
    expect(result.warnings).toContain('1 page had low confidence');
  });

  it('matches OCR pages by Block.Page, whatever the block order or pagination', async () => {
    const json = textractFixture(JSON_13);
    const reversed = { Blocks: [...json.Blocks].reverse() };
    const half = Math.floor(json.Blocks.length / 2);
    const paginated = [{ Blocks: json.Blocks.slice(half) }, { Blocks: json.Blocks.slice(0, half) }];
    const a = await builder.build(fixtureBytes(PDF_13), { ocr: json });
    const b = await builder.build(fixtureBytes(PDF_13), { ocr: reversed });
    const c = await builder.build(fixtureBytes(PDF_13), { ocr: paginated });
    expect(b.wordCount).toBe(a.wordCount);
    expect(c.wordCount).toBe(a.wordCount);
    // Lines follow the PAGE block's CHILD order, not block order: the same OCR gives the same bytes.
    expect(b.pdf).toEqual(a.pdf);
    expect(c.pdf).toEqual(a.pdf);
  });

  describe('bad input', () => {
    it('rejects empty, unsupported and truncated files', async () => {
      await expectValidation(builder.build(new Uint8Array(), { ocr: { Blocks: [] } }), /non-empty/);
      await expectValidation(
        builder.build(new TextEncoder().encode('GIF89a....'), { ocr: { Blocks: [] } }),
        /not a PDF, JPEG, PNG or TIFF/,
      );
      const pdf = fixtureBytes(PDF_16);
      await expectValidation(
        builder.build(pdf.slice(0, pdf.length / 2), { ocr: textractFixture(JSON_16) }),
        /truncated PDF/,
      );
      const jpeg = fixtureBytes(JPEG_05);
      await expectValidation(builder.build(jpeg.slice(0, 100), { ocr: textractFixture(JSON_05) }), /JPEG/);
      const png = fixtureBytes(PNG_01);
      await expectValidation(builder.build(png.slice(0, 2000), { ocr: { Blocks: [] } }), /truncated PNG/);
      await expectValidation(builder.build(greyTiff([]).slice(0, 8), { ocr: { Blocks: [] } }), /TIFF/);
    });

    it('rejects corrupt PDFs and encrypted PDFs', async () => {
      const garbage = new TextEncoder().encode('%PDF-1.7\nthis is not a pdf at all\n%%EOF\n');
      await expectValidation(builder.build(garbage, { ocr: { Blocks: [] } }), /PDF/);
      const doc = await PDFDocument.create();
      doc.addPage();
      doc.context.trailerInfo.Encrypt = doc.context.obj({
        Filter: 'Standard',
        V: 1,
        R: 2,
        O: PDFString.of('x'),
        U: PDFString.of('y'),
        P: -4,
      });
      await expectValidation(builder.build(await doc.save(), { ocr: { Blocks: [] } }), /encrypted/);
    });

    it('rejects absurd DPI', async () => {
      for (const dpi of [0, 5, 1e6, Number.NaN]) {
        await expectValidation(
          builder.build(fixtureBytes(JPEG_05), { ocr: textractFixture(JSON_05), dpi }),
          /options\.dpi/,
        );
      }
      expect(() => new SearchablePdfBuilder({ defaultDpi: -1 })).toThrow(/defaultDpi/);
    });

    it('rejects OCR for the wrong number of pages, or warns when asked to', async () => {
      await expectValidation(
        builder.build(fixtureBytes(PDF_13), { ocr: textractFixture(JSON_16) }),
        /covers 1 page\(s\) but the input has 2/,
      );
      const warned = await builder.build(fixtureBytes(PDF_13), {
        ocr: textractFixture(JSON_16),
        pageCountMismatch: 'warn',
      });
      expect(warned.warnings.join('\n')).toMatch(/covers 1 page/);
      expect(warned.pageCount).toBe(2);
    });

    it('rejects words with empty text or zero-size boxes, or drops and reports them', async () => {
      const empty = syntheticTextract([
        [[...wordsOf('fine words'), { text: ' ', left: 0.6, top: 0.1, width: 0.05, height: 0.03 }]],
      ]);
      await expectValidation(builder.build(fixtureBytes(PDF_16), { ocr: empty }), /empty-text/);
      const zero = syntheticTextract([
        [[...wordsOf('fine words'), { text: 'x', left: 0.6, top: 0.1, width: 0, height: 0.03 }]],
      ]);
      await expectValidation(builder.build(fixtureBytes(PDF_16), { ocr: zero }), /zero-size|invalid geometry/);
      const lineless = {
        Blocks: syntheticTextract([[wordsOf('fine words')]]).Blocks.map((b) =>
          b.BlockType === 'LINE' ? { ...b, Geometry: {} } : b,
        ),
      };
      await expectValidation(builder.build(fixtureBytes(PDF_16), { ocr: lineless }), /1 line\(s\) without geometry/);
      const withoutLine = await builder.build(fixtureBytes(PDF_16), { ocr: lineless, invalidWords: 'drop' });
      expect(withoutLine.warnings).toContain('1 OCR blocks skipped (line-without-geometry)');
      const dropped = await builder.build(fixtureBytes(PDF_16), { ocr: empty, invalidWords: 'drop' });
      expect(dropped.droppedWords).toEqual({ 'empty-text': 1 });
      expect(dropped.wordCount).toBe(2);
    });

    it('rejects a TIFF whose page chain loops instead of hanging', async () => {
      const tiff = greyTiff([{ width: 4, height: 4, grey: 128 }]);
      const view = new DataView(tiff.buffer);
      view.setUint32(tiff.length - 4, view.getUint32(4, true), true); // the last page points back to the first
      await expectValidation(builder.build(tiff, { ocr: syntheticTextract([[wordsOf('a')]]) }), /^input .*loops/);
    });

    it('rejects OCR that is not Textract-shaped with a ValidationError naming options.ocr', async () => {
      for (const ocr of [{ Blocks: 'not blocks' }, { Blocks: {} }, 42, null]) {
        await expectValidation(builder.build(fixtureBytes(PDF_16), { ocr: ocr as never }), /^options\.ocr /);
      }
      // An object without blocks is there, just not OCR: say what it lacks (it used to say "is missing").
      await expectValidation(
        builder.build(fixtureBytes(PDF_16), { ocr: { foo: 1 } as never }),
        /^options\.ocr has no Blocks or blocks array/,
      );
    });

    it('skips and reports malformed blocks and relationships instead of crashing', async () => {
      const good = syntheticTextract([[wordsOf('fine words')]]).Blocks;
      const lineWith = (patch: Record<string, unknown>) =>
        good.map((block) => (block.BlockType === 'LINE' ? { ...block, ...patch } : block));
      const malformed: unknown[][] = [
        [null, 7, 'block', ...good],
        lineWith({ Relationships: { Type: 'CHILD', Ids: ['p1l0w0'] } }),
        lineWith({ Relationships: [null, { Type: 'CHILD', Ids: 7 }] }),
        lineWith({ Geometry: { Polygon: [null, 1, {}, { X: 0 }] } }),
        [...good, { BlockType: 'LINE', Id: 'x', Page: 'one' }, { BlockType: 'LINE', Id: 'y', Page: -1 }],
      ];
      for (const blocks of malformed) {
        const result = await builder.build(fixtureBytes(PDF_16), {
          ocr: { Blocks: blocks } as never,
          invalidWords: 'drop',
        });
        expect(result.warnings.join('\n')).toMatch(/OCR blocks skipped/);
      }
    });

    it('requires OCR or an engine, and a well-formed document id', async () => {
      await expectValidation(builder.build(fixtureBytes(PDF_16)), /options\.ocr is required/);
      await expectValidation(
        builder.build(fixtureBytes(PDF_16), { ocr: textractFixture(JSON_16), documentId: 'nope' }),
        /documentId/,
      );
    });
  });

  it('never puts document text into errors or logs', async () => {
    const logger = recordingLogger();
    const ocr = syntheticTextract([[wordsOf(`${SENTINEL} secret words`)], [wordsOf(SENTINEL)]]);
    const sentinelBuilder = new SearchablePdfBuilder({ logger });
    const mismatch = await rejection(sentinelBuilder.build(fixtureBytes(PDF_16), { ocr }));
    const ok = await sentinelBuilder.build(fixtureBytes(PDF_13), { ocr });
    const badWord = syntheticTextract([[[{ text: SENTINEL, left: 0.1, top: 0.1, width: 0, height: 0.03 }]]]);
    const invalid = await rejection(sentinelBuilder.build(fixtureBytes(PDF_16), { ocr: badWord }));
    expect(logger.lines.length).toBeGreaterThan(0);
    expectNoSentinel([...logger.lines, ...ok.warnings], mismatch, invalid);
  });
});
