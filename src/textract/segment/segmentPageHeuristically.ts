import { bandsFirstXyCutOrder } from './bandsFirstXyCutOrder.js';
import { findKeyValueRegions } from './findKeyValueRegions.js';
import type { FurnitureRole } from './furniture.js';
import { isHeadingCandidate, promoteTitle } from './headings.js';
import { type Unit, unionBox } from './joinBaselineFragments.js';
import { type BreakContext, candidateLinks, judgeBreak, typicalGapRatio } from './line-links.js';
import type { SegmenterOptions } from './options.js';
import type { PageDraft } from './PageDraft.js';
import { findTables, tableReadingOrder } from './tables.js';
import { startsWithListMarker } from './text-cues.js';
import type { PageFrame } from './toReadingFrame.js';
import type { InputPage } from './toSegmentInput.js';
import type { BreakExplanation, SegmenterMode, SegmentRole } from './types.js';

/** Everything the heuristic needs about one page. */
export interface HeuristicPageInput {
  page: InputPage;
  frame: PageFrame;
  units: readonly Unit[];
  furniture: ReadonlyMap<Unit, FurnitureRole>;
  bodyHeight: number;
}

/**
 * Segments one page without LAYOUT: tables first (never merged into prose), then page furniture, then
 * paragraphs as chains of mutually nearest vertical neighbours that no break cue separates, ordered by XY-cut.
 *
 * @example
 * ```ts
 * const { drafts, explanations } = segmentPageHeuristically(pageInput, 'auto', options);
 * ```
 */
export function segmentPageHeuristically(
  input: HeuristicPageInput,
  mode: Exclude<SegmenterMode, 'layout'>,
  options: SegmenterOptions,
  explain = false,
): { drafts: PageDraft[]; explanations: BreakExplanation[] } {
  const { page, units, furniture, bodyHeight } = input;
  const found = findTables(units, page.tables, bodyHeight, options);
  const furnitureUnits = mode === 'auto' ? found.rest.filter((u) => furniture.has(u)) : [];
  const furnitureSet = new Set(furnitureUnits);
  const candidates = found.rest.filter((u) => !furnitureSet.has(u));

  const headings = new Set<Unit>();
  if (mode === 'auto' || mode === 'fontSize') {
    for (const unit of candidates) {
      if (isHeadingCandidate(unit, bodyHeight, page.keyValueLineIds, options)) headings.add(unit);
    }
  }
  const { regions, tables } =
    mode === 'auto'
      ? findKeyValueRegions(
          candidates.filter((u) => !headings.has(u)),
          found.tables,
          page.keyValueLineIds,
          bodyHeight,
          options.keyValueGapLines,
        )
      : { regions: [], tables: found.tables };
  // Headings were kept out of the regions; they and every unit outside a region are the body.
  const inRegion = new Set(regions.flatMap((r) => r.units));
  const body = candidates.filter((u) => !inRegion.has(u));

  const links = candidateLinks(body, options.minColumnOverlap);
  const typicalGap = typicalGapRatio(
    links.filter((l) => !headings.has(l.above) && !headings.has(l.below)),
    options.lineHeightTolerance,
  );
  const explanations: BreakExplanation[] | undefined = explain ? [] : undefined;
  const next = new Map<Unit, Unit>();
  const hasPrevious = new Set<Unit>();
  const listStarts = new Set<Unit>();
  const context: BreakContext = { mode, options, typicalGap, headings, pageNumber: page.page };
  for (const link of links) {
    const reason = judgeBreak(link, context, explanations);
    if (reason === 'listMarker') listStarts.add(link.below);
    if (reason === 'none') {
      next.set(link.above, link.below);
      hasPrevious.add(link.below);
    }
  }

  const drafts: PageDraft[] = [];
  for (const start of body) {
    if (hasPrevious.has(start)) continue;
    const chain: Unit[] = [start];
    for (let u = next.get(start); u !== undefined; u = next.get(u)) chain.push(u);
    drafts.push(draftOf(chain, roleOfChain(chain, headings, listStarts)));
  }
  if (page.page === 1) promoteTitle(drafts, input.frame);
  // Each furniture unit is a segment of its own: a running header and the page number beside it stay apart.
  for (const unit of furnitureUnits) drafts.push(draftOf([unit], furniture.get(unit)!));
  for (const region of regions) {
    drafts.push({
      role: 'keyValue',
      lines: region.units.flatMap((u) => u.lines),
      box: region.box,
      source: 'heuristic',
    });
  }
  for (const table of tables) {
    drafts.push({
      role: 'table',
      lines: tableReadingOrder(table.units).flatMap((u) => u.lines),
      box: table.box,
      source: 'heuristic',
      table: table.grid,
    });
  }
  const order = bandsFirstXyCutOrder(drafts.map((d) => d.box));
  return { drafts: order.map((i) => drafts[i]!), explanations: explanations ?? [] };
}

function draftOf(chain: readonly Unit[], role: SegmentRole): PageDraft {
  return { role, lines: chain.flatMap((u) => u.lines), box: unionBox(chain), source: 'heuristic' };
}

/** A chain is a heading, a list item (it starts with a marker, or broke from the line above at one), or a paragraph. */
function roleOfChain(chain: readonly Unit[], headings: ReadonlySet<Unit>, listStarts: ReadonlySet<Unit>): SegmentRole {
  const first = chain[0]!;
  if (headings.has(first)) return 'sectionHeader';
  return startsWithListMarker(first.text) || listStarts.has(first) ? 'listItem' : 'paragraph';
}
