import type { Segment } from '../../../../src/textract/segment/index.js';
import { type SegmentationScore, scoreSegmentation } from '../../../helpers/paragraph-scorer.js';

/**
 * Agreement of two segmentations of the same page OCR'd separately (e.g. rotated copies): lines are matched by
 * their text, using only texts that occur exactly once in both; `reference` plays the ground truth.
 */
export function segmentationAgreement(reference: readonly Segment[], other: readonly Segment[]): SegmentationScore {
  const once = (segments: readonly Segment[]): Set<string> => {
    const counts = new Map<string, number>();
    for (const s of segments) for (const l of s.lines) counts.set(l.text, (counts.get(l.text) ?? 0) + 1);
    return new Set([...counts].filter(([, n]) => n === 1).map(([t]) => t));
  };
  const a = once(reference);
  const b = once(other);
  const shared = new Set([...a].filter((t) => b.has(t)));
  const keep = (segments: readonly Segment[]) =>
    segments.map((s) => ({
      role: s.role,
      readingOrder: s.readingOrder,
      lineIds: s.lines.map((l) => l.text).filter((t) => shared.has(t)),
    }));
  return scoreSegmentation(
    keep(reference).filter((p) => p.lineIds.length > 0),
    keep(other),
  );
}
