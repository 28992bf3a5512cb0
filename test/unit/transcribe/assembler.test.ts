import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  formatSrt,
  formatTranscriptJson,
  formatTranscriptText,
  srtTime,
} from '../../../src/transcribe/formatTranscript.js';
import { TranscriptAssembler } from '../../../src/transcribe/TranscriptAssembler.js';
import type { TranscriptSegment } from '../../../src/transcribe/types.js';

function segment(
  resultId: string,
  text: string,
  isPartial: boolean,
  startMs: number,
  extra: Partial<TranscriptSegment> = {},
): TranscriptSegment {
  return {
    resultId,
    text,
    isPartial,
    startMs,
    endMs: startMs + 900,
    words: [],
    speakers: [],
    streamIndex: 0,
    ...extra,
  };
}

/** The service's behaviour for one result: growing partials, then one final (maybe re-sent). */
const resultArb = fc.record({
  words: fc.array(fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'eps'), { minLength: 1, maxLength: 6 }),
  repeatFinal: fc.boolean(),
  latePartial: fc.boolean(),
});

describe('TranscriptAssembler', () => {
  test.prop([fc.array(resultArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 1_000 })])(
    'whatever the interleaving of partials, the stable text is exactly the finals in time order, and never shrinks',
    (results, seed) => {
      // Build each result's message sequence, then interleave the sequences by a seeded shuffle that keeps each
      // result's own order (the service never reorders one result's messages).
      const queues = results.map((r, i) => {
        const id = `r${i}`;
        const messages = r.words.map((_, k) => segment(id, r.words.slice(0, k + 1).join(' '), true, i * 1_000));
        messages.push(segment(id, r.words.join(' '), false, i * 1_000));
        if (r.repeatFinal) messages.push(segment(id, r.words.join(' '), false, i * 1_000));
        if (r.latePartial) messages.push(segment(id, 'stale', true, i * 1_000));
        return messages;
      });
      const assembler = new TranscriptAssembler();
      let state = seed;
      let previous = '';
      let settled = 0;
      while (queues.some((q) => q.length > 0)) {
        state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
        const open = queues.filter((q) => q.length > 0);
        const message = open[state % open.length]!.shift()!;
        if (assembler.push(message)) settled++;
        const stable = assembler.stableText();
        // Stable text only grows by whole segments; with time-ordered insertion it may gain text in the middle.
        for (const word of previous.split(' ').filter(Boolean)) expect(stable.split(' ')).toContain(word);
        previous = stable;
      }
      expect(settled).toBe(results.length);
      expect(assembler.stableText()).toBe(results.map((r) => r.words.join(' ')).join(' '));
      expect(assembler.partials).toEqual([]);
      expect(assembler.stableText()).not.toContain('stale');
    },
  );

  it('replaces partials by ResultId and shows them in currentText', () => {
    const assembler = new TranscriptAssembler();
    assembler.push(segment('a', 'hello', false, 0));
    assembler.push(segment('b', 'wor', true, 1_000));
    assembler.push(segment('b', 'world is', true, 1_000));
    expect(assembler.currentText()).toBe('hello world is');
    expect(assembler.stableText()).toBe('hello');
    expect(assembler.flush().map((s) => s.text)).toEqual(['world is']);
    expect(assembler.stableText()).toBe('hello world is');
  });

  it('flush returns the settled segments, the same ones finals now holds', () => {
    const assembler = new TranscriptAssembler();
    assembler.push(segment('b', 'world', true, 1_000));
    const settled = assembler.flush();
    expect(settled.map((s) => s.isPartial)).toEqual([false]);
    expect(assembler.finals).toEqual(settled);
    expect(assembler.partials).toEqual([]);
  });

  it('keeps results of different streams apart even when their ids repeat', () => {
    const assembler = new TranscriptAssembler();
    assembler.push(segment('x', 'first', false, 0));
    expect(assembler.push(segment('x', 'second', false, 5_000, { streamIndex: 1 }))?.text).toBe('second');
    expect(assembler.finals).toHaveLength(2);
    expect(() => assembler.push({} as never)).toThrow(/resultId/);
  });
});

describe('formatting', () => {
  const finals = [
    segment('a', 'Hello there.', false, 0, { endMs: 1_250, speakers: ['0'] }),
    segment('b', 'General Kenobi.', false, 3_723_004, { endMs: 3_725_000, channelId: 'ch_1' }),
    segment('c', '', false, 3_726_000),
  ];

  it('writes SRT cues with HH:MM:SS,mmm times and labels', () => {
    expect(formatSrt(finals)).toBe(
      '1\n00:00:00,000 --> 00:00:01,250\nspk_0: Hello there.\n\n2\n01:02:03,004 --> 01:02:05,000\nch_1: General Kenobi.\n',
    );
    expect(formatSrt(finals, { labels: false })).toContain('\nHello there.\n');
    expect(srtTime(-5)).toBe('00:00:00,000');
  });

  it('writes text and JSON', () => {
    expect(formatTranscriptText(finals)).toBe('spk_0: Hello there.\nch_1: General Kenobi.\n');
    expect(formatTranscriptText([])).toBe('');
    const json = JSON.parse(formatTranscriptJson(finals));
    expect(json.text).toBe('Hello there. General Kenobi.');
    expect(json.segments).toHaveLength(3);
  });
});
