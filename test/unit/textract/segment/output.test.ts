import { describe, expect, it } from 'vitest';
import {
  type Segment,
  type SegmentRole,
  segmentsToJSON,
  segmentsToMarkdown,
  segmentsToText,
} from '../../../../src/textract/segment/index.js';

const box = { left: 0, top: 0, width: 0, height: 0 };

function segment(role: SegmentRole, lines: string[], readingOrder: number, extra: Partial<Segment> = {}): Segment {
  return {
    role,
    page: 1,
    text: lines.join(' '),
    readingOrder,
    source: 'heuristic',
    confidence: 0.98765,
    bbox: box,
    polygon: [],
    lines: lines.map((text, i) => ({
      id: `${readingOrder}-${i}`,
      text,
      page: 1,
      confidence: 99,
      bbox: box,
      polygon: [],
    })),
    continuesOnNextPage: false,
    continuesFromPreviousPage: false,
    ...extra,
  };
}

describe('segment output helpers', () => {
  const segments = [
    segment('pageHeader', ['ACME report'], 0),
    segment('title', ['Results'], 1),
    segment('sectionHeader', ['1. Scope'], 2),
    segment('paragraph', ['# not a heading, *not* emphasis'], 3),
    segment('listItem', ['• first point'], 4),
    segment('table', ['Item Price', 'Tea ```1.00'], 5),
    segment('figure', [], 6),
    segment('figure', ['Chart caption'], 7),
    segment('pageNumber', ['7'], 8),
  ];

  it('toMarkdown: headings, escaped text, list items without their marker, fenced tables, figures; no furniture', () => {
    // Given out of order: the helpers sort by readingOrder.
    expect(segmentsToMarkdown([...segments].reverse())).toBe(
      `${[
        '# Results',
        '## 1\\. Scope',
        '\\# not a heading, \\*not\\* emphasis',
        '- first point',
        "```\nItem Price\nTea '''1.00\n```",
        '<!-- figure -->',
        '> Chart caption',
      ].join('\n\n')}\n`,
    );
    expect(segmentsToMarkdown([])).toBe('');
    // An ordered-list marker is escaped at its punctuation (a backslash before a digit would print).
    expect(segmentsToMarkdown([segment('paragraph', ['3) not a list'], 0)])).toBe('3\\) not a list\n');
    expect(segmentsToMarkdown([segment('listItem', ['• 2. nested'], 0)])).toBe('- 2\\. nested\n');
  });

  it('toText: one block per non-empty segment; a paragraph continued on the next page is joined', () => {
    const continued = [
      segment('paragraph', ['starts on one page and'], 0, { continuesOnNextPage: true }),
      segment('paragraph', ['ends on the next.'], 1, { continuesFromPreviousPage: true }),
      segment('figure', [], 2),
      segment('paragraph', ['still open at the end'], 3, { continuesOnNextPage: true }),
    ];
    expect(segmentsToText(continued)).toBe('starts on one page and ends on the next.\n\nstill open at the end\n');
    expect(segmentsToText([])).toBe('');
  });

  it('toJSON: line ids and a rounded confidence, in reading order', () => {
    const json = segmentsToJSON([segments[2]!, segments[1]!]);
    expect(json.map((s) => s.readingOrder)).toEqual([1, 2]);
    expect(json[0]).toEqual({
      role: 'title',
      page: 1,
      text: 'Results',
      readingOrder: 1,
      lineIds: ['1-0'],
      source: 'heuristic',
      confidence: 0.988,
      continuesOnNextPage: false,
    });
  });
});
