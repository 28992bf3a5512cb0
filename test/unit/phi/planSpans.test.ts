import { describe, expect, it } from 'vitest';
import { planSpans } from '../../../src/phi/index.js';

const span = (type: string, begin: number, end: number, score = 0.9) => ({ type, score, begin, end });

describe('planSpans', () => {
  it('widens a span that cuts a surrogate pair to the whole character', () => {
    const text = 'a😀b';
    expect(planSpans(text, [span('ID', 2, 3)], { defaultAction: 'mask' })).toMatchObject([{ begin: 1, end: 3 }]);
    expect(planSpans(text, [span('ID', 0, 2)], { defaultAction: 'mask' })).toMatchObject([{ begin: 0, end: 3 }]);
  });

  it('keeps touching spans of different types apart and chains overlapping ones into one', () => {
    const planned = planSpans(
      'JaneDoe 2020',
      [span('NAME', 0, 4), span('NAME', 4, 7), span('DATE', 6, 9, 0.5), span('ID', 8, 12)],
      {
        defaultAction: 'replace',
      },
    );
    expect(planned.map(({ begin, end, types }) => ({ begin, end, types }))).toEqual([
      { begin: 0, end: 4, types: ['NAME'] },
      { begin: 4, end: 12, types: ['NAME', 'ID', 'DATE'] },
    ]);
  });

  it('expands numbers across single separators, a date with its time included', () => {
    const text = 'Arrival 11/12/2011 18:15, bed 4';
    const planned = planSpans(text, [span('DATE', 8, 18)], { defaultAction: 'mask', expand: 'number' });
    expect(text.slice(planned[0]!.begin, planned[0]!.end)).toBe('11/12/2011 18:15');
  });

  it('expands to whole tokens, but not across whitespace or trailing punctuation', () => {
    const text = 'mail jane.doe@example.org, then';
    const planned = planSpans(text, [span('EMAIL', 10, 16)], { defaultAction: 'mask', expand: 'token' });
    expect(text.slice(planned[0]!.begin, planned[0]!.end)).toBe('jane.doe@example.org');
  });

  it('applies per-type actions and the score threshold', () => {
    const planned = planSpans('ab cd', [span('NAME', 0, 2, 0.2), span('DATE', 3, 5, 0.8)], {
      defaultAction: 'mask',
      actions: { DATE: 'keep' },
      minScore: 0.5,
    });
    expect(planned).toEqual([{ begin: 3, end: 5, type: 'DATE', types: ['DATE'], score: 0.8, action: 'keep' }]);
  });
});
