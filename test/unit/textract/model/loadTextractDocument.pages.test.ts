import { describe, expect, it } from 'vitest';
import {
  createUprightFrame,
  dominantTextAngle,
  polygonTextAngleDeg,
  toUprightPolygon,
} from '../../../../src/geometry/index.js';
import { loadTextractDocument } from '../../../../src/textract/index.js';
import { paginate, readFixture, shuffle } from './fixtures.js';

const MULTI_PAGE = {
  '13-multipage-async/test_textractor_analyze_document_multipage_pdf.json': [25, 25],
  '14-multipage-rotated-image-mixed-sizes/multi_page_example_file.json': [41, 28],
  '19-multipage-3p-json-only/gib_multi_page_table_merge.json': [55, 123, 33],
} as const;

describe('page assignment by Block.Page', () => {
  describe.each(Object.entries(MULTI_PAGE))('%s', (file, linesPerPage) => {
    const response = readFixture(file);

    it('puts each line on its Block.Page, whatever the block order', () => {
      const document = loadTextractDocument({ ...response, Blocks: shuffle(response.Blocks, 3) });
      expect(document.pages.map((page) => page.lines.length)).toEqual(linesPerPage);
      expect(document.pages.map((page) => page.pageNumber)).toEqual(linesPerPage.map((_, index) => index + 1));
      for (const page of document.pages) {
        for (const line of page.lines) expect(line.page).toBe(page.pageNumber);
        for (const table of page.tables) expect(table.page).toBe(page.pageNumber);
      }
    });

    it('does not use block order: the last page first in the array changes nothing', () => {
      const last = Math.max(...response.Blocks.map((block) => block.Page ?? 1));
      const reordered = [
        ...response.Blocks.filter((block) => block.Page === last),
        ...response.Blocks.filter((block) => block.Page !== last),
      ];
      expect(loadTextractDocument(paginate({ Blocks: reordered }, 100))).toEqual(loadTextractDocument(response));
    });

    it('looks pages up by number', () => {
      const document = loadTextractDocument(response);
      expect(document.page(2)?.pageNumber).toBe(2);
      expect(document.page(99)).toBeUndefined();
      const line = document.page(2)?.lines[0];
      expect(line && document.line(line.id)).toBe(line);
      const word = line?.words[0];
      expect(word && document.word(word.id)).toBe(word);
      expect([...document.words()].length).toBe(document.wordCount);
    });
  });

  it('puts blocks without Page on the page whose PAGE block lists them (multi-page input)', () => {
    const response = readFixture(
      '13-multipage-async/test_textractor_start_document_text_detection_multipage_pdf_s3.json',
    );
    const stripped = response.Blocks.map((block) =>
      block.BlockType === 'PAGE' ? block : { ...block, Page: undefined },
    );
    expect(loadTextractDocument({ Blocks: stripped })).toEqual(loadTextractDocument(response));
  });
});

describe('geometry in points', () => {
  it('scales normalised geometry by each page size (mixed sizes on fixture 14)', () => {
    const response = readFixture('14-multipage-rotated-image-mixed-sizes/multi_page_example_file.json');
    const sizes = [
      { widthPt: 3024, heightPt: 4032 },
      { widthPt: 681.04, heightPt: 519.03 },
    ];
    const document = loadTextractDocument(response, { pageSizes: sizes });
    for (const page of document.pages) {
      const size = sizes[page.pageNumber - 1] as { widthPt: number; heightPt: number };
      expect(page.size).toEqual(size);
      for (const line of page.lines) {
        const { bbox, bboxPt, polygon, polygonPt } = line.geometry;
        expect(bboxPt?.left).toBeCloseTo(bbox.left * size.widthPt, 9);
        expect(bboxPt?.height).toBeCloseTo(bbox.height * size.heightPt, 9);
        expect(polygonPt?.[2]?.y).toBeCloseTo((polygon[2]?.y ?? Number.NaN) * size.heightPt, 9);
        expect(line.orientation.source).toBe('polygonPt');
      }
    }
    const byFunction = loadTextractDocument(response, { pageSizes: (page) => sizes[page - 1] });
    expect(byFunction).toEqual(document);
  });

  it('keeps normalised geometry only when no size is given for a page', () => {
    const response = readFixture('14-multipage-rotated-image-mixed-sizes/multi_page_example_file.json');
    const document = loadTextractDocument(response, { pageSizes: [undefined, { widthPt: 681.04, heightPt: 519.03 }] });
    expect(document.page(1)?.lines[0]?.geometry.bboxPt).toBeUndefined();
    expect(document.page(1)?.size).toBeUndefined();
    expect(document.page(2)?.lines[0]?.geometry.bboxPt).toBeDefined();
  });
});

describe('text orientation (fixture 17)', () => {
  const load = (name: string, pageSizes?: { widthPt: number; heightPt: number }) =>
    loadTextractDocument(readFixture(`17-rotated-json-only/${name}`), pageSizes ? { pageSizes } : {}).pages[0];

  it.each([
    ['gib__90_degrees.json', 90],
    ['gib__180_degrees.json', 180],
    ['gib__270_degrees.json', 270],
    ['180-degree-roation.json', 180],
    ['gib__10_degrees.json', 0],
    ['gib__minus_10_degrees.json', 0],
  ] as const)('%s has dominant orientation %d', (name, orientation) => {
    const page = load(name);
    expect(page?.orientation.orientationDeg).toBe(orientation);
    expect(page?.orientation.source).toBe('lines');
  });

  it('measures the "10°" skew as ≈7° in raw normalised units, ≈10° with the estimated aspect ratio', () => {
    const page = load('gib__10_degrees.json');
    const raw = dominantTextAngle(
      (page?.lines ?? []).map((line) => ({ angleDeg: polygonTextAngleDeg(line.geometry.polygon) ?? 0 })),
    );
    expect(raw.skewDeg).toBeGreaterThan(6);
    expect(raw.skewDeg).toBeLessThan(8);
    // The polygons are rectangles on an A4-shaped page (595 × 842 pt ≈ 0.707).
    expect(page?.aspectRatio).toBeCloseTo(595 / 842, 2);
    expect(page?.orientation.skewDeg).toBeGreaterThan(9.5);
    expect(page?.orientation.skewDeg).toBeLessThan(10.5);
    expect(page?.lines[0]?.orientation.source).toBe('polygonEstimated');
    const minus = load('gib__minus_10_degrees.json')?.orientation;
    expect(minus?.skewDeg).toBeLessThan(-9.5);
    expect(minus?.skewDeg).toBeGreaterThan(-10.5);
  });

  it('uses a given page size over the estimate', () => {
    const page = load('gib__10_degrees.json', { widthPt: 612, heightPt: 792 });
    expect(page?.aspectRatio).toBeCloseTo(612 / 792, 9);
    expect(page?.lines[0]?.orientation.source).toBe('polygonPt');
    // Letter is not the page's true shape, so the angle differs from the A4 estimate.
    expect(page?.orientation.skewDeg).toBeGreaterThan(8.5);
    expect(page?.orientation.skewDeg).toBeLessThan(9.6);
  });

  it('estimates no aspect ratio from upright or right-angle text', () => {
    for (const name of ['gib__90_degrees.json', 'gib__180_degrees.json']) {
      expect(load(name)?.aspectRatio).toBeUndefined();
    }
  });

  it('lets the upright frame turn every rotated page back to horizontal text', () => {
    for (const name of [
      'gib__90_degrees.json',
      'gib__180_degrees.json',
      'gib__270_degrees.json',
      'gib__10_degrees.json',
    ]) {
      const page = load(name, { widthPt: 612, heightPt: 792 });
      if (!page) throw new Error('no page');
      const frame = createUprightFrame(612, 792, page.orientation.angleDeg);
      const angles = page.lines
        .filter((line) => line.words.length > 1)
        .map((line) => polygonTextAngleDeg(toUprightPolygon(frame, line.geometry.polygonPt ?? [])) ?? Number.NaN);
      const near = angles.filter((angle) => Math.abs(angle) < 5).length;
      expect(near / angles.length).toBeGreaterThan(0.9);
    }
  });

  it('reports where each line angle came from', () => {
    const page = load('gib__90_degrees.json');
    expect(page?.lines[0]?.orientation.source).toBe('polygonNormalized');
  });
});
