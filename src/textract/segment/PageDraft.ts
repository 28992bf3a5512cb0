import type { FrameBox, FrameLine } from './toReadingFrame.js';
import type { SegmentBox, SegmentRole, SegmentTable } from './types.js';

/** A segment of one page before numbering: its role, lines in reading order and box in the reading frame. */
export interface PageDraft {
  role: SegmentRole;
  lines: FrameLine[];
  box: FrameBox;
  source: 'layout' | 'heuristic';
  /** 0–100 for layout blocks; undefined means "mean line confidence". */
  confidence?: number | undefined;
  layoutId?: string | undefined;
  /** The LAYOUT block's own normalised box, used when it has no lines (empty figures). */
  normalizedBox?: SegmentBox | undefined;
  /** The cell grid of a table found from geometry (TABLE-block grids are attached after numbering). */
  table?: SegmentTable | undefined;
}
