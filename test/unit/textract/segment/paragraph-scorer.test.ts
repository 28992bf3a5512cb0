import { describe, expect, it } from 'vitest';
import { referenceFromAnnotation, referenceFromLayout, scoreSegmentation } from '../../../helpers/paragraph-scorer.js';
import { loadFixture } from './fixtures.js';

const ref = (groups: string[][], role = 'paragraph') => groups.map((lineIds) => ({ lineIds, role }));
const pred = (groups: string[][], roles: string[] = []) =>
  groups.map((lineIds, readingOrder) => ({ lineIds, role: roles[readingOrder] ?? 'paragraph', readingOrder }));

describe('scoreSegmentation', () => {
  it('scores a perfect prediction 1 everywhere', () => {
    const s = scoreSegmentation(
      ref([
        ['a', 'b'],
        ['c', 'd', 'e'],
      ]),
      pred([
        ['a', 'b'],
        ['c', 'd', 'e'],
      ]),
    );
    expect([s.f1, s.precision, s.recall, s.contiguity, s.tau]).toEqual([1, 1, 1, 1, 1]);
  });

  it('counts line pairs: merging two paragraphs costs precision, splitting costs recall', () => {
    const merged = scoreSegmentation(
      ref([
        ['a', 'b'],
        ['c', 'd'],
      ]),
      pred([['a', 'b', 'c', 'd']]),
    );
    expect(merged.recall).toBe(1);
    expect(merged.precision).toBeCloseTo(2 / 6);
    const split = scoreSegmentation(ref([['a', 'b', 'c']]), pred([['a'], ['b', 'c']]));
    expect(split.precision).toBe(1);
    expect(split.recall).toBeCloseTo(1 / 3);
  });

  it('measures contiguity and Kendall τ in the predicted order', () => {
    const s = scoreSegmentation(ref([['a', 'b'], ['c']]), pred([['a'], ['c'], ['b']]));
    expect(s.contiguity).toBe(0.5);
    const reversed = scoreSegmentation(ref([['a'], ['b'], ['c']]), pred([['c'], ['b'], ['a']]));
    expect(reversed.tau).toBe(-1);
  });

  it('counts heading lines and missing or duplicated lines', () => {
    const s = scoreSegmentation(
      [
        { lineIds: ['t'], role: 'title' },
        { lineIds: ['a', 'b'], role: 'paragraph' },
      ],
      [
        { lineIds: ['t', 'a'], role: 'sectionHeader', readingOrder: 0 },
        { lineIds: ['a'], role: 'paragraph', readingOrder: 1 },
      ],
    );
    expect(s.headings).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(s.missingLines).toBe(1);
    expect(s.duplicatedLines).toBe(1);
  });
});

describe('references', () => {
  it('builds the LAYOUT reference in PAGE order with the list expanded (04)', () => {
    const reference = referenceFromLayout(loadFixture('04-financial-document-layout/financial-document-response.json'));
    expect(reference.map((p) => p.role)).toEqual([
      'pageHeader',
      'pageHeader',
      'title',
      'paragraph',
      'paragraph',
      'paragraph',
      'table',
      'listItem',
      'listItem',
      'listItem',
      'listItem',
      'listItem',
      'pageNumber',
    ]);
    expect(reference.reduce((n, p) => n + p.lineIds.length, 0)).toBe(89);
  });

  it('maps annotation indices to LINE ids and rejects out-of-range ones', () => {
    const response = loadFixture('01-multicol/test-multicol-response.json');
    const reference = referenceFromAnnotation(response, [{ role: 'section_header', lines: [0, 1] }]);
    expect(reference[0]?.role).toBe('sectionHeader');
    expect(reference[0]?.lineIds).toHaveLength(2);
    expect(() => referenceFromAnnotation(response, [{ role: 'paragraph', lines: [999] }])).toThrow(/out of range/);
  });
});
