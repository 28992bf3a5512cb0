/**
 * Pages built of grids without a Textract TABLE (month calendars side by side, a timetable, price lists side by
 * side, an aligned form), typeset with real font metrics: each grid is one table segment with its cell grid and
 * its caption, grids are read one after the other, and every LINE comes out exactly once.
 */
import { describe, expect, it } from 'vitest';
import type { TextractResponseLike } from '../../../../src/textract/model/TextractBlockLike.js';
import { ParagraphSegmenter, type Segment } from '../../../../src/textract/segment/index.js';
import { lineBlocks, scoreSegmentation } from '../../../helpers/paragraph-scorer.js';
import { GRID_PAGES, type GridPage } from './gridPages.js';

const segmenter = new ParagraphSegmenter({ useLayout: 'ignore' });

function predicted(segments: readonly Segment[]) {
  return segments.map((s) => ({ lineIds: s.lines.map((l) => l.id), role: s.role, readingOrder: s.readingOrder }));
}

/** The page without its grid captions (the LINE blocks and their words), to see grids split by gutters alone. */
function withoutCaptions(page: GridPage): TextractResponseLike {
  const captions = new Set(page.grids.flatMap((g) => (g.caption ? [g.caption] : [])));
  const blocks = page.response.Blocks ?? [];
  const dropped = new Set(
    blocks
      .filter((b) => b.BlockType === 'LINE' && captions.has(b.Text ?? ''))
      .flatMap((b) => [b.Id!, ...(b.Relationships?.[0]?.Ids ?? [])]),
  );
  return {
    ...page.response,
    Blocks: blocks
      .filter((b) => !dropped.has(b.Id!))
      .map((b) =>
        b.BlockType === 'PAGE'
          ? {
              ...b,
              Relationships: [{ Type: 'CHILD', Ids: b.Relationships![0]!.Ids!.filter((id) => !dropped.has(id)) }],
            }
          : b,
      ),
  };
}

describe('ParagraphSegmenter on grid pages without TABLE blocks', () => {
  it.each(GRID_PAGES.map((p) => [p.name, p] as const))('%s: one table segment per grid, in order', (_, page) => {
    const segments = segmenter.segment(page.response);
    const tables = segments.filter((s) => s.role === 'table');
    expect(tables.map((t) => t.table?.rows)).toEqual(page.grids.map((g) => g.rows));
    expect(tables.every((t) => t.table?.source === 'geometry')).toBe(true);
    // The caption is the table segment's first line, outside the cell grid.
    expect(tables.map((t, k) => (page.grids[k]?.caption ? t.lines[0]?.text : undefined))).toEqual(
      page.grids.map((g) => g.caption),
    );
    // Without a caption the first line is a cell.
    expect(tables.every((t, k) => page.grids[k]?.caption || t.table?.rows[0]?.includes(t.lines[0]!.text))).toBe(true);
    const score = scoreSegmentation(page.reference, predicted(segments));
    expect(score.missingLines + score.duplicatedLines).toBe(0);
    expect(score.f1).toBe(1);
    expect(score.tau).toBe(1);
  });

  it('keeps every LINE exactly once on every grid page', () => {
    for (const page of GRID_PAGES) {
      const ids = segmenter.segment(page.response).flatMap((s) => s.lines.map((l) => l.id));
      expect(ids.sort()).toEqual(
        lineBlocks(page.response)
          .map((b) => b.Id!)
          .sort(),
      );
    }
  });

  it('splits calendars side by side at their gutters even without captions', () => {
    const page = GRID_PAGES.find((p) => p.name === 'calendars')!;
    const tables = segmenter.segment(withoutCaptions(page)).filter((s) => s.role === 'table');
    expect(tables.map((t) => t.table?.rows)).toEqual(page.grids.map((g) => g.rows));
  });

  it('reads a side-by-side grid pair one grid after the other in Markdown', () => {
    const page = GRID_PAGES.find((p) => p.name === 'schedule and price lists')!;
    const markdown = segmenter.toMarkdown(segmenter.segment(page.response));
    expect(markdown.indexOf('| Espresso | 2.10 | 2.60 |')).toBeGreaterThan(-1);
    expect(markdown.indexOf('| Cookie | 1.20 | 1.60 |')).toBeGreaterThan(
      markdown.indexOf('| Espresso | 2.10 | 2.60 |'),
    );
    expect(markdown.indexOf('| Croissant |')).toBeGreaterThan(markdown.indexOf('| Hot chocolate |'));
  });
});
