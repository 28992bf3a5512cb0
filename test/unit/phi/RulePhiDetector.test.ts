import { describe, expect, it } from 'vitest';
import { PhiMasker, RulePhiDetector } from '../../../src/phi/index.js';
import { originalPostNote } from './helpers.js';

const detector = new RulePhiDetector();
const found = (text: string): Array<[string, string]> =>
  detector.detectSync(text).map((e) => [e.type, text.slice(e.begin, e.end)]);

describe('RulePhiDetector', () => {
  it.each([
    ['mail jane.doe+x@example.org today', ['EMAIL', 'jane.doe+x@example.org']],
    ['see https://example.org/p?id=3.', ['URL', 'https://example.org/p?id=3']],
    ['host 192.168.10.254 down', ['IP_ADDRESS', '192.168.10.254']],
    ['addr fe80::1ff:fe23:4567:890a ok', ['IP_ADDRESS', 'fe80::1ff:fe23:4567:890a']],
    ['SSN 123-45-6789', ['ID', '123-45-6789']],
    ['Phone: (770) 922-9800', ['PHONE_OR_FAX', '(770) 922-9800']],
    ['Fax +44 20 7946 0958', ['PHONE_OR_FAX', '+44 20 7946 0958']],
    ['mobile 0412 345 678', ['PHONE_OR_FAX', '0412 345 678']],
    ['DOB: 2/11/1961', ['DATE', '2/11/1961']],
    ['on 2026-06-02', ['DATE', '2026-06-02']],
    ['seen March 3, 2020', ['DATE', 'March 3, 2020']],
    ['seen 3 Mar 2020', ['DATE', '3 Mar 2020']],
    ['a 50 yo male', ['AGE', '50']],
    ['a 48-year-old teacher', ['AGE', '48']],
    ['Age: 50 Years', ['AGE', '50']],
    ['Grantville, GA 30220', ['ADDRESS', '30220']],
    ['lives at 12341 W. Bohannon Rd now', ['ADDRESS', '12341 W. Bohannon Rd']],
    ['MRN: RQ36114734', ['ID', 'RQ36114734']],
  ])('finds %s', (text, expected) => {
    expect(found(text)).toContainEqual(expected);
  });

  it('does not flag doses, times or plain counts', () => {
    const text = 'Vicodin 5 mg – 500 mg every 6 hours, 0.0195 mg, 38.3° C, next 1-2 days at 18:15';
    expect(found(text)).toEqual([]);
  });

  it('does not find names, and says so in its documentation', () => {
    expect(found('Carlos came with his son Jorge')).toEqual([]);
  });

  it('masks the shaped PHI of the original note and keeps "500 mg"', async () => {
    const note = originalPostNote();
    const result = await new PhiMasker({ detector, policy: { defaultAction: 'replace' } }).mask(note);
    expect(result.text).toContain('Vicodin 5 mg – 500 mg');
    for (const secret of ['922-9800', 'RQ36114734', '2/11/1961', '402 213-2221', '69201', '11/23/2011']) {
      expect(result.text).not.toContain(secret);
    }
  });

  it('accepts extra rules and validates them', async () => {
    const custom = new RulePhiDetector({
      extraRules: [{ name: 'bed', type: 'ID', score: 0.7, pattern: /\bBed \d+\b/g }],
    });
    expect((await custom.detect('in Bed 12')).entities).toEqual([
      { type: 'ID', score: 0.7, begin: 3, end: 9, source: 'rules' },
    ]);
    expect(() => new RulePhiDetector({ rules: [{ name: 'x', type: 'ID', score: 1, pattern: /x/ }] })).toThrow(/g flag/);
    expect(
      () => new RulePhiDetector({ rules: [{ name: 'x', type: 'ID', score: 1, pattern: /(x)/g, group: 1 }] }),
    ).toThrow(/d flag/);
  });

  it('honours an aborted signal', async () => {
    const reason = new Error('stop');
    await expect(detector.detect('x', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});

describe('RulePhiDetector on hostile input', () => {
  it('stays linear on long runs without separators (bounded quantifiers)', () => {
    const detector = new RulePhiDetector();
    // Quadratic backtracking would take minutes here and time the test out.
    expect(detector.detectSync('a'.repeat(200_000))).toEqual([]);
    expect(detector.detectSync('a.'.repeat(50_000))).toEqual([]);
    expect(detector.detectSync(`${'x'.repeat(100_000)}@example.org`)).toHaveLength(1);
  });
});
