import { boxDistance } from '../../geometry/boxDistance.js';
import { unionBox } from './joinBaselineFragments.js';
import type { PageDraft } from './PageDraft.js';
import { type FrameLine, frameBoxToBox, type PageFrame } from './toReadingFrame.js';
import type { InputLayoutBlock } from './toSegmentInput.js';
import type { SegmentRole } from './types.js';

/** Textract LAYOUT block types and the roles they become. Unknown LAYOUT types read as paragraphs. */
export const LAYOUT_ROLES: Readonly<Record<string, SegmentRole>> = {
  LAYOUT_TITLE: 'title',
  LAYOUT_HEADER: 'pageHeader',
  LAYOUT_FOOTER: 'pageFooter',
  LAYOUT_SECTION_HEADER: 'sectionHeader',
  LAYOUT_PAGE_NUMBER: 'pageNumber',
  LAYOUT_LIST: 'listItem',
  LAYOUT_FIGURE: 'figure',
  LAYOUT_TABLE: 'table',
  LAYOUT_KEY_VALUE: 'keyValue',
  LAYOUT_TEXT: 'paragraph',
};

interface Slot {
  block: InputLayoutBlock;
  role: SegmentRole;
  lines: FrameLine[];
}

/**
 * Reproduces Textract LAYOUT for one page: blocks in PAGE `CHILD` order, each LAYOUT_LIST expanded into its
 * items, figures kept even when empty, every LINE exactly once (the first block claiming it keeps it), and
 * LINEs outside every block attached to the nearest block.
 *
 * @example
 * ```ts
 * const drafts = segmentPageByLayout(page.layout, frame);
 * ```
 */
export function segmentPageByLayout(layout: readonly InputLayoutBlock[], frame: PageFrame): PageDraft[] {
  const project = frame.projectBox;
  // The first line with an id answers for it; a second line under the same id (possible in prepared input)
  // is left unclaimed and placed as an orphan, so it is neither dropped nor doubled.
  const byId = new Map<string, FrameLine>();
  for (const line of frame.lines) if (!byId.has(line.line.id)) byId.set(line.line.id, line);
  const claimed = new Set<FrameLine>();
  const slots: Slot[] = [];
  const take = (block: InputLayoutBlock, role: SegmentRole): void => {
    const lines: FrameLine[] = [];
    for (const id of block.lineIds) {
      const line = byId.get(id);
      if (line === undefined || claimed.has(line)) continue;
      claimed.add(line);
      lines.push(line);
    }
    slots.push({ block, role, lines });
  };
  for (const block of layout) {
    const role = LAYOUT_ROLES[block.type] ?? 'paragraph';
    if (block.type === 'LAYOUT_LIST' && block.items.length > 0) {
      for (const item of block.items) take(item, 'listItem');
      if (block.lineIds.length > 0) take(block, 'listItem');
    } else {
      take(block, role);
    }
  }
  const orphans = frame.lines.filter((l) => !claimed.has(l));
  if (orphans.length > 0 && slots.length > 0) {
    const boxes = slots.map((slot) => (slot.lines.length > 0 ? unionBox(slot.lines) : project(slot.block.bbox)));
    for (const orphan of orphans) {
      let best = 0;
      let bestDistance = Number.POSITIVE_INFINITY;
      boxes.forEach((box, index) => {
        const distance = boxDistance(frameBoxToBox(orphan), frameBoxToBox(box));
        if (distance < bestDistance) {
          bestDistance = distance;
          best = index;
        }
      });
      // Keep the block's own order; the orphan goes before the first line that starts below it.
      const lines = slots[best]!.lines;
      const at = lines.findIndex((l) => l.y0 > orphan.y0);
      lines.splice(at === -1 ? lines.length : at, 0, orphan);
    }
  }
  return slots.map((slot) => ({
    role: slot.role,
    lines: slot.lines,
    box: slot.lines.length > 0 ? unionBox(slot.lines) : project(slot.block.bbox),
    source: 'layout',
    confidence: slot.block.confidence,
    layoutId: slot.block.id,
    normalizedBox: slot.block.bbox,
  }));
}
