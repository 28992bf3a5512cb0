/**
 * Scores a paragraph segmentation against a reference: pairwise line-pair F1 (two lines are a pair when they
 * share a paragraph), paragraph contiguity in the predicted reading order, Kendall τ of paragraph order, and
 * heading (title + section header) line counts for micro precision/recall.
 *
 * The reference comes from hand annotations (line indices in LINE block order) or from Textract LAYOUT
 * (PAGE `CHILD` order, LAYOUT_LIST expanded into its items). It is built from the raw JSON here, on purpose
 * independent of the segmenter's own reading code.
 */
import type { TextractBlockLike, TextractResponseLike } from '../../src/textract/model/TextractBlockLike.js';

/** One reference paragraph: LINE ids and a role in the segmenter's vocabulary. */
export interface ReferenceParagraph {
  lineIds: readonly string[];
  role: string;
}

/** Predicted segments as the scorer needs them. */
export interface PredictedSegment {
  lineIds: readonly string[];
  role: string;
  readingOrder: number;
}

/** Scores of one document. */
export interface SegmentationScore {
  precision: number;
  recall: number;
  f1: number;
  /** F1 over lines of text-like reference blocks only (tables, key-values and figures left out). */
  f1Text: number;
  contiguity: number;
  tau: number;
  headings: { tp: number; fp: number; fn: number };
  /** LINE ids of the reference missing from the prediction, and predicted more than once. */
  missingLines: number;
  duplicatedLines: number;
}

const HEADING_ROLES = new Set(['title', 'sectionHeader']);
const NON_TEXT_ROLES = new Set(['table', 'keyValue', 'figure']);

const ANNOTATION_ROLES: Record<string, string> = {
  page_header: 'pageHeader',
  title: 'title',
  section_header: 'sectionHeader',
  paragraph: 'paragraph',
  list_item: 'listItem',
  page_footer: 'pageFooter',
  page_number: 'pageNumber',
};

const LAYOUT_REFERENCE_ROLES: Record<string, string> = {
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

function children(block: TextractBlockLike | undefined): string[] {
  return (block?.Relationships ?? []).filter((r) => r.Type === 'CHILD').flatMap((r) => [...(r.Ids ?? [])]);
}

/** The LINE blocks of a response in array order. */
export function lineBlocks(response: TextractResponseLike): TextractBlockLike[] {
  return (response.Blocks ?? []).filter((b) => b.BlockType === 'LINE');
}

/**
 * Reference paragraphs from hand annotations (`lines` are 0-based indices into the LINE blocks in array order).
 */
export function referenceFromAnnotation(
  response: TextractResponseLike,
  paragraphs: readonly { role: string; lines: readonly number[] }[],
): ReferenceParagraph[] {
  const lines = lineBlocks(response);
  return paragraphs.map((p) => ({
    role: ANNOTATION_ROLES[p.role] ?? p.role,
    lineIds: p.lines.map((i) => {
      const id = lines[i]?.Id;
      if (id === undefined) throw new Error(`annotation line index ${i} out of range`);
      return id;
    }),
  }));
}

/** Reference paragraphs from Textract LAYOUT, page by page in PAGE `CHILD` order, lists expanded. */
export function referenceFromLayout(response: TextractResponseLike): ReferenceParagraph[] {
  const blocks = response.Blocks ?? [];
  const byId = new Map(blocks.map((b) => [b.Id, b]));
  const pages = blocks.filter((b) => b.BlockType === 'PAGE').sort((a, b) => (a.Page ?? 1) - (b.Page ?? 1));
  const out: ReferenceParagraph[] = [];
  for (const page of pages) {
    const layout = children(page)
      .map((id) => byId.get(id))
      .filter((b): b is TextractBlockLike => b?.BlockType?.startsWith('LAYOUT_') === true);
    const inList = new Set(layout.filter((b) => b.BlockType === 'LAYOUT_LIST').flatMap((b) => children(b)));
    for (const block of layout) {
      if (inList.has(block.Id ?? '')) continue;
      const lineIdsOf = (b: TextractBlockLike | undefined): string[] =>
        children(b).filter((id) => byId.get(id)?.BlockType === 'LINE');
      if (block.BlockType === 'LAYOUT_LIST') {
        for (const item of children(block)) out.push({ role: 'listItem', lineIds: lineIdsOf(byId.get(item)) });
      } else {
        out.push({ role: LAYOUT_REFERENCE_ROLES[block.BlockType ?? ''] ?? 'paragraph', lineIds: lineIdsOf(block) });
      }
    }
  }
  return out.filter((p) => p.lineIds.length > 0);
}

function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

function pairF1(reference: readonly ReferenceParagraph[], groupOf: ReadonlyMap<string, number>) {
  let truePairs = 0;
  let referencePairs = 0;
  const predictedSizes = new Map<number, number>();
  for (const paragraph of reference) {
    referencePairs += pairs(paragraph.lineIds.length);
    const counts = new Map<number, number>();
    for (const id of paragraph.lineIds) {
      const group = groupOf.get(id);
      if (group === undefined) continue;
      counts.set(group, (counts.get(group) ?? 0) + 1);
      predictedSizes.set(group, (predictedSizes.get(group) ?? 0) + 1);
    }
    for (const n of counts.values()) truePairs += pairs(n);
  }
  let predictedPairs = 0;
  for (const n of predictedSizes.values()) predictedPairs += pairs(n);
  const precision = predictedPairs === 0 ? 1 : truePairs / predictedPairs;
  const recall = referencePairs === 0 ? 1 : truePairs / referencePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * Scores predicted segments against reference paragraphs (only lines present in the reference count).
 */
export function scoreSegmentation(
  reference: readonly ReferenceParagraph[],
  predicted: readonly PredictedSegment[],
): SegmentationScore {
  const ordered = [...predicted].sort((a, b) => a.readingOrder - b.readingOrder);
  const groupOf = new Map<string, number>();
  const position = new Map<string, number>();
  const roleOf = new Map<string, string>();
  let duplicatedLines = 0;
  ordered.forEach((segment, index) => {
    for (const id of segment.lineIds) {
      if (groupOf.has(id)) duplicatedLines++;
      groupOf.set(id, index);
      position.set(id, position.size);
      roleOf.set(id, segment.role);
    }
  });
  const all = pairF1(reference, groupOf);
  const text = pairF1(
    reference.filter((p) => !NON_TEXT_ROLES.has(p.role)),
    groupOf,
  );

  let contiguous = 0;
  let missingLines = 0;
  const ranks: number[] = [];
  for (const paragraph of reference) {
    const positions = paragraph.lineIds.map((id) => position.get(id)).filter((p): p is number => p !== undefined);
    missingLines += paragraph.lineIds.length - positions.length;
    if (positions.length === 0) {
      ranks.push(Number.NaN);
      continue;
    }
    const min = Math.min(...positions);
    const max = Math.max(...positions);
    if (max - min + 1 === positions.length) contiguous++;
    ranks.push(positions.reduce((s, p) => s + p, 0) / positions.length);
  }

  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < ranks.length; i++) {
    for (let j = i + 1; j < ranks.length; j++) {
      const a = ranks[i]!;
      const b = ranks[j]!;
      if (Number.isNaN(a) || Number.isNaN(b) || a === b) continue;
      if (b > a) concordant++;
      else discordant++;
    }
  }
  const comparable = concordant + discordant;

  const headings = { tp: 0, fp: 0, fn: 0 };
  const referenceHeading = new Set(reference.filter((p) => HEADING_ROLES.has(p.role)).flatMap((p) => p.lineIds));
  for (const paragraph of reference) {
    for (const id of paragraph.lineIds) {
      const predictedHeading = HEADING_ROLES.has(roleOf.get(id) ?? '');
      if (predictedHeading && referenceHeading.has(id)) headings.tp++;
      else if (predictedHeading) headings.fp++;
      else if (referenceHeading.has(id)) headings.fn++;
    }
  }

  return {
    ...all,
    f1Text: text.f1,
    contiguity: reference.length === 0 ? 1 : contiguous / reference.length,
    tau: comparable === 0 ? 1 : (concordant - discordant) / comparable,
    headings,
    missingLines,
    duplicatedLines,
  };
}
