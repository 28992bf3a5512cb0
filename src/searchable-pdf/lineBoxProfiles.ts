/**
 * Line-box profiles: variants of the glyphless font that differ only in their declared ascent and descent.
 *
 * Extractors judge word breaks and block membership by gaps measured in font sizes. poppler `-raw` (and tiny
 * scans in layout mode) glue words whose gap is below about 0.15 em; poppler's layout mode splits a line into
 * separate blocks (one word per output line) when gaps exceed about 0.3 em. With one fixed font, the font
 * size is tied to the line height, so OCR gaps (0.1–0.5 line heights) land on either side. Choosing, per line,
 * the declared em height that puts the line's median gap near {@link DEFAULT_TARGET_GAP_EM} keeps the word box
 * equal to the line box (`(ascent − descent) · size = line height`) while the gaps fall inside that window.
 *
 * @module
 */
import { GLYPHLESS_UNITS_PER_EM } from './GlyphlessFont.js';

/** One font variant. */
export interface LineBoxProfile {
  /** Declared ascent − descent, in em: the font size is the line height divided by this. */
  readonly emHeight: number;
  /** Declared ascent and descent in font units. */
  readonly ascentUnits: number;
  /** Declared descent in font units (negative). */
  readonly descentUnits: number;
  /** Font resource name inside the text-layer XObject. */
  readonly resourceName: string;
}

/** Share of the line box below the baseline (typical Latin descenders). */
const DESCENT_SHARE = 0.25;

/** The variants, from the tallest font size (em height 1) to the smallest (em height 2.5). */
export const LINE_BOX_PROFILES: readonly LineBoxProfile[] = [1, 1.25, 1.5, 1.75, 2, 2.5].map((em) => {
  const totalUnits = Math.round(em * GLYPHLESS_UNITS_PER_EM);
  const ascentUnits = Math.round(totalUnits * (1 - DESCENT_SHARE));
  return {
    emHeight: totalUnits / GLYPHLESS_UNITS_PER_EM,
    ascentUnits,
    /** Declared descent in font units (negative). */
    descentUnits: ascentUnits - totalUnits,
    resourceName: `AwsMlKitGlyphless${Math.round(em * 100)}`,
  };
});

/** The profile for lines without a gap to measure (single words). */
export const DEFAULT_LINE_BOX_PROFILE = LINE_BOX_PROFILES[4] as LineBoxProfile;

/** The median inter-word gap, in em of the chosen font, that profiles aim for. */
export const DEFAULT_TARGET_GAP_EM = 0.22;

/**
 * Picks the profile whose font size puts the median gap closest to `targetGapEm` (in log scale), among those
 * at least `minEmHeight` tall.
 *
 * @example
 * ```ts
 * chooseLineBoxProfile(20, [6, 7, 5]).emHeight; // 0.22 · 20 / 6 ≈ 0.73 → clamped to 1
 * ```
 */
export function chooseLineBoxProfile(
  lineHeightPt: number,
  gapsPt: readonly number[],
  targetGapEm = DEFAULT_TARGET_GAP_EM,
  minEmHeight = 0,
): LineBoxProfile {
  const allowed = LINE_BOX_PROFILES.filter((p) => p.emHeight >= minEmHeight);
  const fallback = allowed.includes(DEFAULT_LINE_BOX_PROFILE)
    ? DEFAULT_LINE_BOX_PROFILE
    : (allowed[0] ?? DEFAULT_LINE_BOX_PROFILE);
  const positive = gapsPt.filter((g) => g > 0).sort((a, b) => a - b);
  if (positive.length === 0 || !(lineHeightPt > 0)) return fallback;
  const median = positive[Math.floor(positive.length / 2)] ?? 0;
  const wanted = (targetGapEm * lineHeightPt) / median;
  let best = fallback;
  for (const profile of allowed) {
    if (Math.abs(Math.log(profile.emHeight / wanted)) < Math.abs(Math.log(best.emHeight / wanted))) best = profile;
  }
  return best;
}
