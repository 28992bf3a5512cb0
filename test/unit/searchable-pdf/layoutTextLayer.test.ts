import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  layoutTextLayer,
  type NormalisedPoint,
  type OcrLineText,
  type OcrPageText,
  type OcrWordText,
  visualOrder,
} from '../../../src/searchable-pdf/index.js';

const PAGE = { widthPt: 600, heightPt: 800 };

function rect(left: number, top: number, width: number, height: number): NormalisedPoint[] {
  return [
    { x: left, y: top },
    { x: left + width, y: top },
    { x: left + width, y: top + height },
    { x: left, y: top + height },
  ];
}

function word(text: string, left: number, top: number, width: number, height: number): OcrWordText {
  return { text, box: { left, top, width, height }, polygon: rect(left, top, width, height) };
}

function line(all: OcrWordText[]): OcrLineText {
  const words = all.filter((w) => Number.isFinite(w.box.left) && w.box.left <= 1);
  const left = Math.min(...words.map((w) => w.box.left));
  const top = Math.min(...words.map((w) => w.box.top));
  const right = Math.max(...words.map((w) => w.box.left + w.box.width));
  const bottom = Math.max(...words.map((w) => w.box.top + w.box.height));
  return {
    words: all,
    box: { left, top, width: right - left, height: bottom - top },
    polygon: rect(left, top, right - left, bottom - top),
  };
}

const page = (...lines: OcrLineText[]): OcrPageText => ({ page: 1, lines });

/** Rotates normalised points about the page centre by `deg` (clockwise on screen), in points. */
function rotated(points: readonly NormalisedPoint[], deg: number): NormalisedPoint[] {
  const rad = (deg * Math.PI) / 180;
  return points.map((p) => {
    const x = (p.x - 0.5) * PAGE.widthPt;
    const y = (p.y - 0.5) * PAGE.heightPt;
    return {
      x: (x * Math.cos(rad) - y * Math.sin(rad)) / PAGE.widthPt + 0.5,
      y: (x * Math.sin(rad) + y * Math.cos(rad)) / PAGE.heightPt + 0.5,
    };
  });
}

describe('layoutTextLayer', () => {
  it('sizes the font from the line height and puts the baseline at the declared descent', () => {
    const layout = layoutTextLayer(
      page(line([word('Hello', 0.1, 0.1, 0.1, 0.025), word('world', 0.25, 0.1, 0.1, 0.025)])),
      PAGE,
    );
    const [l] = layout.lines;
    expect(l).toBeDefined();
    const lineHeightPt = 0.025 * 800;
    // the declared box (ascent − descent) · size is exactly the line height
    expect(l!.fontSizePt * l!.profile.emHeight).toBeCloseTo(lineHeightPt, 9);
    // a 30 pt gap on a 20 pt line: the largest font (em height 1) keeps the gap nearest 0.22 em
    expect(l!.profile.emHeight).toBe(1);
    const bottomPt = (1 - 0.125) * 800;
    expect(l!.originYPt + (l!.profile.descentUnits / 1000) * l!.fontSizePt).toBeCloseTo(bottomPt, 9);
    expect(l!.originXPt).toBeCloseTo(60, 9);
    expect(l!.cos).toBe(1);
    expect(l!.sin).toBe(0);
    expect(l!.words.map((w) => [w.offsetPt, w.widthPt])).toEqual([
      [0, expect.closeTo(60, 9)],
      [expect.closeTo(90, 9), expect.closeTo(60, 9)],
    ]);
    expect(layout.wordCount).toBe(2);
  });

  it('narrows a word to keep the minimum gap and stretches the space over the gap', () => {
    // a 1 pt gap on a 20 pt line: the smallest font (8 pt) is chosen, and 0.25 em = 2 pt is enforced
    const layout = layoutTextLayer(
      page(line([word('ab', 0.1, 0.1, 0.1, 0.025), word('cd', 0.1 + 61 / 600, 0.1, 0.1, 0.025)])),
      PAGE,
      { minWordGapEm: 0.25 },
    );
    const l = layout.lines[0]!;
    const minGapPt = 0.25 * l.fontSizePt;
    expect(minGapPt).toBeCloseTo(2, 9);
    const [first, second] = l.words;
    expect(first!.widthPt).toBeCloseTo(61 - minGapPt, 9);
    expect(first!.ocrWidthPt).toBeCloseTo(60, 9);
    expect(first!.spaceWidthPt).toBeCloseTo(minGapPt, 9);
    expect(second!.spaceWidthPt).toBeCloseTo(minGapPt, 9); // trailing space after the line's last word
  });

  it('writes no space between CJK words', () => {
    const layout = layoutTextLayer(
      page(line([word('中文', 0.1, 0.1, 0.1, 0.025), word('字', 0.25, 0.1, 0.05, 0.025)])),
      PAGE,
    );
    expect(layout.lines[0]!.words.map((w) => w.spaceWidthPt)).toEqual([0, 0]);
  });

  it('drops and counts empty, zero-size, non-finite and off-page words and implausible lines', () => {
    const layout = layoutTextLayer(
      page(
        line([word('ok', 0.1, 0.1, 0.1, 0.025), word('  ', 0.3, 0.1, 0.1, 0.025), word('z', 0.5, 0.1, 0, 0.025)]),
        line([
          word('far', 3, 0.2, 0.1, 0.025),
          word('nan', Number.NaN, 0.2, 0.1, 0.025),
          word('ok2', 0.2, 0.2, 0.1, 0.025),
        ]),
        line([word('a very long text squeezed into a tiny box', 0.1, 0.5, 0.001, 0.05)]),
      ),
      PAGE,
    );
    expect(layout.droppedWords).toEqual({
      'empty-text': 1,
      'zero-size': 1,
      'off-page': 1,
      'non-finite': 1,
      'implausible-aspect': 1,
    });
    expect(layout.lines.flatMap((l) => l.words.map((w) => w.clusters.join('')))).toEqual(['ok', 'ok2']);
  });

  it('normalises text (NFC by default, NFKC on request)', () => {
    const input = page(line([word('e\u0301ﬁ', 0.1, 0.1, 0.1, 0.025)]));
    expect(layoutTextLayer(input, PAGE).lines[0]!.words[0]!.clusters).toEqual(['é', 'ﬁ']);
    expect(layoutTextLayer(input, PAGE, { normalization: 'NFKC' }).lines[0]!.words[0]!.clusters).toEqual([
      'é',
      'f',
      'i',
    ]);
  });

  it.each([90, 180, 270])('rotates %d° lines through the text matrix', (deg) => {
    const base = line([word('rotated', 0.4, 0.45, 0.2, 0.03)]);
    const poly = rotated(base.polygon!, deg);
    const xs = poly.map((p) => p.x);
    const ys = poly.map((p) => p.y);
    const box = {
      left: Math.min(...xs),
      top: Math.min(...ys),
      width: Math.max(...xs) - Math.min(...xs),
      height: Math.max(...ys) - Math.min(...ys),
    };
    const turned: OcrLineText = { box, polygon: poly, words: [{ text: 'rotated', box, polygon: poly }] };
    const [l] = layoutTextLayer(page(turned), PAGE).lines;
    // Clockwise on screen (y down) is clockwise in PDF space (y up) too, i.e. a negative angle.
    const angle = (Math.atan2(l!.sin, l!.cos) * 180) / Math.PI;
    expect(((angle + deg + 360) % 360) % 360).toBeCloseTo(0, 6);
    expect(l!.fontSizePt * l!.profile.emHeight).toBeCloseTo(0.03 * 800, 6);
    expect(l!.words[0]!.widthPt).toBeCloseTo(0.2 * 600, 6);
  });

  it('sets skewed lines as upright words on a stepped baseline (staircase), or rotates them on request', () => {
    const base = line([word('skewed', 0.3, 0.5, 0.15, 0.02), word('words', 0.5, 0.5, 0.15, 0.02)]);
    const skew = (points: readonly NormalisedPoint[]) => rotated(points, -10);
    const bbox = (points: readonly NormalisedPoint[]) => {
      const xs = points.map((p) => p.x);
      const ys = points.map((p) => p.y);
      return {
        left: Math.min(...xs),
        top: Math.min(...ys),
        width: Math.max(...xs) - Math.min(...xs),
        height: Math.max(...ys) - Math.min(...ys),
      };
    };
    const turned: OcrLineText = {
      box: bbox(skew(base.polygon!)),
      polygon: skew(base.polygon!),
      words: base.words.map((w) => ({ text: w.text, box: bbox(skew(w.polygon!)), polygon: skew(w.polygon!) })),
    };
    const stair = layoutTextLayer(page(turned), PAGE).lines[0]!;
    expect([stair.cos, stair.sin]).toEqual([1, 0]);
    expect(stair.words[1]!.risePt).toBeGreaterThan(10); // the second word sits higher on a rising line
    const rotatedLine = layoutTextLayer(page(turned), PAGE, { skewMode: 'rotate' }).lines[0]!;
    expect((Math.atan2(rotatedLine.sin, rotatedLine.cos) * 180) / Math.PI).toBeCloseTo(10, 6);
    expect(rotatedLine.words.every((w) => w.risePt === 0)).toBe(true);
  });

  test.prop([
    fc.array(
      fc.record({
        left: fc.double({ min: 0, max: 0.9, noNaN: true }),
        top: fc.double({ min: 0, max: 0.95, noNaN: true }),
        width: fc.double({ min: 0.001, max: 0.1, noNaN: true }),
        text: fc.string({ minLength: 1, maxLength: 6 }).filter((t) => t.trim().length > 0),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  ])('keeps every written word inside its line, in order, with positive widths', (specs) => {
    const words = specs.map((s) => word(s.text, s.left, 0.4, s.width, 0.02));
    const layout = layoutTextLayer(page(line(words)), PAGE, { minAspectRatio: 0 });
    const total = layout.wordCount + Object.values(layout.droppedWords).reduce((a, b) => a + b, 0);
    expect(total).toBe(words.length);
    for (const l of layout.lines) {
      let previous = -Infinity;
      for (const w of l.words) {
        expect(w.widthPt).toBeGreaterThan(0);
        expect(w.offsetPt).toBeGreaterThanOrEqual(previous);
        expect(w.offsetPt + w.widthPt).toBeLessThanOrEqual(l.lengthPt + 1e-9);
        previous = w.offsetPt;
      }
    }
  });
});

describe('visualOrder (right-to-left words are drawn as RTL PDFs draw them)', () => {
  it('reverses RTL words, keeps digit and LTR runs in order, and reverses a letter with its marks', () => {
    expect(visualOrder(['ש', 'ל', 'ו', 'ם'])).toEqual(['ם', 'ו', 'ל', 'ש']);
    expect(visualOrder(['ع', 'ا', 'م', '2', '0', '2', '4'])).toEqual(['2', '0', '2', '4', 'م', 'ا', 'ع']);
    expect(visualOrder(['ر', '1', ',', '0', '0', '0'])).toEqual(['1', ',', '0', '0', '0', 'ر']);
    expect(visualOrder(['(', 'ש', ')'])).toEqual([')', 'ש', '(']);
    expect(visualOrder(['مَ', 'ر'])).toEqual(['ر', 'َم']);
    const latin = ['h', 'é', 'l', 'l', 'o'];
    expect(visualOrder(latin)).toBe(latin);
  });

  it('is its own inverse on pure RTL words (property)', () => {
    const hebrew = fc.constantFrom(...'אבגדהוזחטיכלמנסעפצקרשת');
    fc.assert(
      fc.property(fc.array(hebrew, { maxLength: 12 }), (clusters) => {
        expect(visualOrder(visualOrder(clusters))).toEqual(clusters);
      }),
    );
  });
});
