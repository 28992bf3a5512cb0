/**
 * Scoring helpers for the OCR integration tests: token recall against known text, and word-box IoU against the
 * layout the fixture generator recorded (test/fixtures/ocr/*.layout.json).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Box, boxIou } from '../../../src/geometry/index.js';
import type { TextractBlockLike } from '../../../src/textract/model/TextractBlockLike.js';

export const OCR_FIXTURES = resolve(import.meta.dirname, '../../fixtures/ocr');

/** A word as drawn by the fixture generator, box normalised to its page. */
export interface LayoutWord extends Box {
  text: string;
  page: number;
  line: number;
}

export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(OCR_FIXTURES, name)));
}

export function readLayout(name: string): LayoutWord[] {
  return JSON.parse(readFileSync(resolve(OCR_FIXTURES, `${name}.layout.json`), 'utf8')) as LayoutWord[];
}

/** Lower-cased words with surrounding punctuation removed. */
export function tokensOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((t) => t !== '');
}

/** Share of `expected` tokens found in `actual`, each actual token used at most once. */
export function tokenRecall(expected: readonly string[], actual: readonly string[]): number {
  const pool = new Map<string, number>();
  for (const t of actual) pool.set(t, (pool.get(t) ?? 0) + 1);
  let found = 0;
  for (const t of expected) {
    const left = pool.get(t) ?? 0;
    if (left > 0) {
      found += 1;
      pool.set(t, left - 1);
    }
  }
  return expected.length === 0 ? 1 : found / expected.length;
}

export function wordsOf(blocks: readonly TextractBlockLike[], page?: number): TextractBlockLike[] {
  return blocks.filter((b) => b.BlockType === 'WORD' && (page === undefined || b.Page === page));
}

export function boxOf(block: TextractBlockLike): Box {
  const b = block.Geometry?.BoundingBox;
  return { left: b?.Left ?? 0, top: b?.Top ?? 0, width: b?.Width ?? 0, height: b?.Height ?? 0 };
}

/** For every drawn word recognised with the same token on the same page, the IoU of the two boxes. */
export function matchedWordIous(layout: readonly LayoutWord[], blocks: readonly TextractBlockLike[]): number[] {
  const ious: number[] = [];
  for (const drawn of layout) {
    const token = tokensOf(drawn.text)[0];
    const candidates = wordsOf(blocks, drawn.page).filter((w) => tokensOf(w.Text ?? '')[0] === token);
    if (candidates.length === 0) continue;
    ious.push(Math.max(...candidates.map((w) => boxIou(drawn, boxOf(w)))));
  }
  return ious;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
