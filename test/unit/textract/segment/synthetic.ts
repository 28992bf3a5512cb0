import type { TextractBlockLike, TextractResponseLike } from '../../../../src/textract/model/TextractBlockLike.js';
import { geometry } from '../model/synthetic.js';

/** A line of a synthetic page, in normalised coordinates. */
export interface SyntheticLine {
  text: string;
  left: number;
  top: number;
  /** Defaults to 0.012 per character. */
  width?: number;
  /** Defaults to 0.02. */
  height?: number;
  page?: number;
}

/**
 * Builds a Textract-shaped response (PAGE, LINE and WORD blocks with boxes and polygons) from line boxes.
 * Words are spread over the line width in proportion to their length.
 */
export function syntheticResponse(lines: readonly SyntheticLine[], pages = 1): TextractResponseLike {
  const blocks: TextractBlockLike[] = [];
  const pageChildren = new Map<number, string[]>();
  lines.forEach((line, i) => {
    const page = line.page ?? 1;
    const width = line.width ?? 0.012 * line.text.length;
    const height = line.height ?? 0.02;
    const id = `line-${i}`;
    const wordIds: string[] = [];
    let x = line.left;
    const unit = width / Math.max(line.text.length, 1);
    for (const [j, word] of line.text.split(' ').entries()) {
      const w = word.length * unit;
      const wordId = `${id}-w${j}`;
      wordIds.push(wordId);
      blocks.push({
        BlockType: 'WORD',
        Id: wordId,
        Text: word,
        Page: page,
        Confidence: 99,
        Geometry: geometry(x, line.top, w, height),
      });
      x += w + unit;
    }
    blocks.push({
      BlockType: 'LINE',
      Id: id,
      Text: line.text,
      Page: page,
      Confidence: 98,
      Geometry: geometry(line.left, line.top, width, height),
      Relationships: [{ Type: 'CHILD', Ids: wordIds }],
    });
    const children = pageChildren.get(page) ?? [];
    children.push(id);
    pageChildren.set(page, children);
  });
  for (let page = 1; page <= pages; page++) {
    blocks.push({
      BlockType: 'PAGE',
      Id: `page-${page}`,
      Page: page,
      Geometry: geometry(0, 0, 1, 1),
      Relationships: [{ Type: 'CHILD', Ids: pageChildren.get(page) ?? [] }],
    });
  }
  return { Blocks: blocks, DocumentMetadata: { Pages: pages } };
}

/** A deterministic Fisher–Yates shuffle driven by a seed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1664525 + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
