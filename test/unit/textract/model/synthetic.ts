import type { TextractBlockLike } from '../../../../src/textract/model/TextractBlockLike.js';

/** A normalised box as Textract geometry (with its polygon). */
export function geometry(left: number, top: number, width = 0.2, height = 0.02): TextractBlockLike['Geometry'] {
  return {
    BoundingBox: { Left: left, Top: top, Width: width, Height: height },
    Polygon: [
      { X: left, Y: top },
      { X: left + width, Y: top },
      { X: left + width, Y: top + height },
      { X: left, Y: top + height },
    ],
  };
}

/**
 * A small, valid document: `pages` pages, each with `linesPerPage` lines of two words. Ids are `p{n}`,
 * `p{n}-l{i}`, `p{n}-l{i}-w{j}`. Text is whatever `text(page, line, word)` returns.
 */
export function syntheticBlocks(
  pages = 1,
  linesPerPage = 3,
  text: (page: number, line: number, word: number) => string = (p, l, w) => `w${p}.${l}.${w}`,
  withPage = true,
): TextractBlockLike[] {
  const blocks: TextractBlockLike[] = [];
  for (let p = 1; p <= pages; p++) {
    const lineIds: string[] = [];
    const pageIndex = blocks.length;
    blocks.push({ BlockType: 'PAGE', Id: `p${p}`, Geometry: geometry(0, 0, 1, 1) });
    for (let l = 0; l < linesPerPage; l++) {
      const lineId = `p${p}-l${l}`;
      lineIds.push(lineId);
      const top = 0.1 + l * 0.05;
      const words = [0, 1].map((w) => ({
        BlockType: 'WORD',
        Id: `${lineId}-w${w}`,
        Text: text(p, l, w),
        TextType: 'PRINTED',
        Confidence: 99,
        Geometry: geometry(0.1 + w * 0.25, top),
        ...(withPage ? { Page: p } : {}),
      }));
      blocks.push({
        BlockType: 'LINE',
        Id: lineId,
        Text: words.map((word) => word.Text).join(' '),
        Confidence: 99,
        Geometry: geometry(0.1, top, 0.45),
        Relationships: [{ Type: 'CHILD', Ids: words.map((word) => word.Id) }],
        ...(withPage ? { Page: p } : {}),
      });
      blocks.push(...words);
    }
    blocks[pageIndex] = {
      ...(blocks[pageIndex] as TextractBlockLike),
      Relationships: [{ Type: 'CHILD', Ids: lineIds }],
      ...(withPage ? { Page: p } : {}),
    };
  }
  return blocks;
}

/** Replaces the block with `id` by `change(block)`. */
export function withBlock(
  blocks: readonly TextractBlockLike[],
  id: string,
  change: (block: TextractBlockLike) => TextractBlockLike,
): TextractBlockLike[] {
  return blocks.map((block) => (block.Id === id ? change(block) : block));
}
