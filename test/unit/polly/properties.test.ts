import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetMap } from '../../../src/kit/offsets.js';
import {
  chunkToSourceIndex,
  escapeXml,
  mergeSpeechMarks,
  parseSsml,
  planSpeech,
  type RawSpeechMark,
  renderSsml,
  Ssml,
  splitSsml,
  splitText,
  ssmlToText,
} from '../../../src/polly/index.js';
import { scanXml } from '../../../src/polly/xml.js';

// Text with ASCII, XML specials, multi-byte, astral characters and whitespace of every kind.
const anyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('a', 'b', ' ', '.', '!', '\n', '&', '<', '>', '"', "'", 'é', '中', '😀', '🇫🇷', '\t', '。'),
    fc.string({ unit: 'grapheme', maxLength: 3 }),
  ),
  maxLength: 400,
});

/** A random SSML document from the builder (so it is well-formed), with nesting and atomic elements. */
const anySsml = fc
  .array(
    fc.oneof(
      anyText.map((t) => (b: Ssml) => b.text(t)),
      fc
        .tuple(
          anyText.filter((t) => t.length > 0),
          fc.boolean(),
        )
        .map(
          ([t, inS]) =>
            (b: Ssml) =>
              inS ? b.s(t) : b.p(t),
        ),
      anyText.filter((t) => t.length > 0).map((t) => (b: Ssml) => b.prosody({ rate: '90%' }, (p) => p.p(t).text(t))),
      fc.constantFrom('lead', 'AWS', 'Y2K').map((t) => (b: Ssml) => b.phoneme(t, { alphabet: 'ipa', ph: 'lɛd' })),
      fc.constantFrom('AWS').map((t) => (b: Ssml) => b.sub(t, 'Amazon Web Services')),
      fc.constant((b: Ssml) => b.break({ timeMs: 200 })),
      fc.constant((b: Ssml) => b.mark('m')),
    ),
    { maxLength: 40 },
  )
  .map((steps) => {
    const builder = new Ssml();
    for (const step of steps) step(builder);
    return builder.toString();
  });

describe('escape and parse', () => {
  it('any text round-trips through escape and parse', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(ssmlToText(parseSsml(`<speak>${escapeXml(text)}</speak>`))).toBe(text);
        expect(ssmlToText(parseSsml(new Ssml().text(text).toString()))).toBe(text);
      }),
    );
  });

  it('render(parse(x)) is a fixed point for built SSML', () => {
    fc.assert(
      fc.property(anySsml, (ssml) => {
        expect(renderSsml(parseSsml(ssml))).toBe(ssml);
      }),
      { numRuns: 200 },
    );
  });
});

describe('splitSsml', () => {
  const limits = fc.record({
    maxBilledCharacters: fc.integer({ min: 60, max: 400 }),
    maxTotalCharacters: fc.integer({ min: 250, max: 800 }),
  });

  it('every chunk is well-formed SSML within both limits, and the chunks’ text concatenates to the input’s', () => {
    fc.assert(
      fc.property(anySsml, limits, (ssml, options) => {
        const chunks = splitSsml(ssml, options);
        let text = '';
        for (const chunk of chunks) {
          const root = parseSsml(chunk.text); // throws if unbalanced
          const chunkText = ssmlToText(root);
          expect(chunk.totalCharacters).toBe(chunk.text.length);
          expect(chunk.text.length).toBeLessThanOrEqual(options.maxTotalCharacters);
          expect(chunkText.length).toBeLessThanOrEqual(options.maxBilledCharacters);
          expect(chunk.billedCharacters).toBe(chunkText.length);
          // The slice is verbatim source, at the mapped position.
          expect(chunk.text.slice(chunk.prefixLength, chunk.prefixLength + chunk.sourceEnd - chunk.sourceStart)).toBe(
            ssml.slice(chunk.sourceStart, chunk.sourceEnd),
          );
          text += chunkText;
        }
        expect(text).toBe(ssmlToText(parseSsml(ssml)));
      }),
      { numRuns: 300 },
    );
  });

  it('never cuts inside an atomic element and reopens ancestors with their attributes', () => {
    const para = 'The element <phoneme alphabet="ipa" ph="lɛd">lead</phoneme> is grey. ';
    const ssml = `<speak><prosody rate="90%"><p>${para.repeat(200)}</p></prosody></speak>`;
    const chunks = splitSsml(ssml);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.text.startsWith('<speak><prosody rate="90%"><p>')).toBe(true);
      expect(chunk.text.endsWith('</p></prosody></speak>')).toBe(true);
      expect(chunk.billedCharacters).toBeLessThanOrEqual(3000);
      // Sentence boundaries are preferred: every chunk but the last ends after a full stop and space.
      if (chunk.index < chunks.length - 1) expect(chunk.text).toMatch(/grey\. <\/p><\/prosody><\/speak>$/);
    }
  });

  it('fails with a LimitError when one atomic element is larger than a request', () => {
    const ssml = `<speak><sub alias="x">${'a'.repeat(100)}</sub></speak>`;
    expect(() => splitSsml(ssml, { maxBilledCharacters: 50, maxTotalCharacters: 300 })).toThrow(/no boundary/);
  });
});

describe('splitText', () => {
  it('covers the text exactly with chunks under the limit', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 20, max: 120 }), (text, max) => {
        const chunks = splitText(text, { maxBilledCharacters: max });
        expect(chunks.map((c) => c.text).join('')).toBe(text);
        for (const c of chunks) {
          expect(c.text.length).toBeLessThanOrEqual(max);
          expect(c.text.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('mergeSpeechMarks', () => {
  it('turns byte offsets of each chunk into UTF-16 indices of the whole input, with shifted times', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('hello', 'café', '中文', '😀', '🇫🇷', 'naïve', 'x&y'), {
          minLength: 1,
          maxLength: 120,
        }),
        fc.integer({ min: 20, max: 80 }),
        (words, max) => {
          const input = words.join(' ');
          const chunks = splitText(input, { maxBilledCharacters: max });
          // Simulate Polly: one word mark per word, byte offsets into the chunk's text, times from 0.
          const parts = chunks.map((chunk, i) => {
            const map = new OffsetMap(chunk.text);
            const marks: RawSpeechMark[] = [];
            for (const m of chunk.text.matchAll(/\S+/g)) {
              marks.push({
                time: m.index,
                type: 'word',
                start: map.utf8FromUtf16(m.index),
                end: map.utf8FromUtf16(m.index + m[0].length),
                value: m[0],
              });
            }
            marks.push({ time: 1, type: 'viseme', value: 'p' });
            return {
              marks,
              requestText: chunk.text,
              offsetMs: i * 1000,
              toInputIndex: (x: number) => chunkToSourceIndex(chunk, x),
            };
          });
          const merged = mergeSpeechMarks(parts);
          for (const mark of merged) {
            expect(mark.timeMs).toBeGreaterThanOrEqual(mark.chunk * 1000);
            if (mark.type === 'word') expect(input.slice(mark.start, mark.end)).toBe(mark.value);
          }
          expect(
            merged
              .filter((m) => m.type === 'word')
              .map((m) => m.value)
              .join(''),
          ).toBe(input.replace(/\s+/g, ''));
        },
      ),
    );
  });

  it('maps SSML marks back to the caller’s input even after downgrades', () => {
    const ssml = `<speak>${'Tom <emphasis>buys</emphasis> a car 😀. '.repeat(50)}</speak>`;
    const plan = planSpeech({ ssml }, { engine: 'neural', onUnsupported: 'downgrade', maxBilledCharacters: 200 });
    expect(plan.issues.length).toBe(50);
    for (const [c, chunk] of plan.chunks.entries()) {
      expect(chunk.text).not.toContain('emphasis');
      const word = chunk.text.indexOf('buys');
      if (word < 0) continue;
      const start = plan.toInputIndex(c, word, 'start');
      // "buys" is followed by removed markup: its end must stay before it, not jump past </emphasis>.
      expect(ssml.slice(start, plan.toInputIndex(c, word + 4, 'end'))).toBe('buys');
    }
  });
});

describe('scanXml attributes', () => {
  // The attribute grammar the tokenizer has always had, as the regex it used to run per attribute: the
  // char-code scanner must read exactly the same attributes, ranges and values, and reject the same tags.
  const REFERENCE = /(\s+)([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
  type Read = { name: string; value: string; start: number; end: number }[] | 'malformed';
  const reference = (tag: string): Read => {
    let j = 2; // after '<x'
    while (/[\w.:-]/.test(tag[j] ?? '')) j++;
    const out: { name: string; value: string; start: number; end: number }[] = [];
    while (/[ \n\t\r]/.test(tag[j] ?? '')) {
      REFERENCE.lastIndex = j;
      const m = REFERENCE.exec(tag);
      if (!m) break;
      out.push({
        name: m[2]!,
        value: (m[3] ?? m[4] ?? '').replaceAll('&amp;', '&'),
        start: j,
        end: REFERENCE.lastIndex,
      });
      j = REFERENCE.lastIndex;
    }
    while (/[ \n\t\r]/.test(tag[j] ?? '')) j++;
    if (tag[j] === '/') j++;
    if (tag[j] !== '>' || j !== tag.length - 1) return 'malformed';
    return new Set(out.map((a) => a.name)).size === out.length ? out : 'malformed';
  };
  const actual = (tag: string): Read => {
    let read: Read = 'malformed';
    try {
      scanXml(tag, 'ssml', {
        text() {},
        skip() {},
        close() {},
        open: (_name, attributes) => {
          read = attributes.map(({ name, value, start, end }) => ({ name, value, start, end }));
        },
      });
    } catch {
      // an open tag alone is "never closed", after the visitor saw it; anything earlier is malformed
    }
    return read;
  };
  const piece = fc.constantFrom(
    ' ',
    '\n',
    '\t',
    '\u00a0',
    '\u3000',
    'a',
    'b',
    ':',
    '-',
    '1',
    '=',
    '"',
    "'",
    '<',
    '&amp;',
    '/',
    ' a="',
    " b = '",
    '"',
    ' a:b-1="v"',
  );

  it('reads names, values and ranges exactly as the reference grammar', () => {
    let withAttributes = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const tag = `<x${pieces.join('')}>`;
        const expected = reference(tag);
        if (expected !== 'malformed' && expected.length > 0) withAttributes++;
        expect(actual(tag)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
    expect(withAttributes).toBeGreaterThan(20); // the generator does reach attributes
  });
});

describe('splitSsml checks attributes it does not build', () => {
  it.each([
    ['<speak><break time="1s" time="2s"/></speak>', 'duplicate attribute'],
    ['<speak><break a:b="1" a:b = \'2\'/></speak>', 'duplicate attribute'],
    ['<speak><break time="1s" time/></speak>', 'malformed tag'],
    ['<speak><say-as interpret-as="a &nbsp; b">x</say-as></speak>', 'unknown entity'],
  ])('%s → ValidationError (%s)', (ssml, rule) => {
    expect(() => splitSsml(ssml)).toThrow(rule);
  });

  it('accepts distinct names that share a prefix', () => {
    expect(splitSsml('<speak><prosody rate="90%" rat="1" ratex="2">x</prosody></speak>')).toHaveLength(1);
  });
});
