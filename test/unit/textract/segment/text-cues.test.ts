import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  endsSentence,
  isPageNumberText,
  startsLowercase,
  startsWithListMarker,
  startsWithPossibleListMarker,
} from '../../../../src/textract/segment/index.js';
import { isMostlyRightToLeft, wordCount } from '../../../../src/textract/segment/text-cues.js';

describe('endsSentence', () => {
  it.each([
    ['It ended.', true],
    ['Really?', true],
    ['Stop!', true],
    ['She said "go."', true],
    ['(see below.)', true],
    ['see Dr.', false],
    ['J.', false],
    ['Label:', false],
    ['هل انتهى؟', true],
    ['यहाँ खत्म।', true],
    ['结束了。', true],
    ['no stop', false],
    ['', false],
  ])('%j → %s', (text, expected) => expect(endsSentence(text)).toBe(expected));
});

describe('startsWithListMarker', () => {
  it.each([
    ['• apples', true],
    ['- pears', true],
    ['1. first', true],
    ['12) twelfth', true],
    ['(a) option', true],
    ['iv. fourth', true],
    ['2 Sudan Administered Account', false],
    ['J. Smith wrote', false],
    ['did. Then', false],
    ['a) first', true],
    ['(iv) pears', true],
    ['xii. twelfth', true],
    ['2021 was a year', false],
    ['A plain sentence', false],
    ['-5.00', false],
    ['', false],
  ])('%j → %s', (text, expected) => expect(startsWithListMarker(text)).toBe(expected));
});

describe('isPageNumberText', () => {
  it.each([
    ['57', true],
    ['Page 1', true],
    ['Page 1/1', true],
    ['page 3 of 9', true],
    ['- 4 -', true],
    ['xii', true],
    ['civic', false],
    ['Page one', false],
    ['Total 57', false],
  ])('%j → %s', (text, expected) => expect(isPageNumberText(text)).toBe(expected));
});

describe('startsLowercase', () => {
  it.each([
    ['and then', true],
    ['"quoted', true],
    ['"Quoted', false],
    ['(and more', true],
    ['The end', false],
    ['123', false],
  ])('%j → %s', (text, expected) => expect(startsLowercase(text)).toBe(expected));
});

describe('isMostlyRightToLeft', () => {
  it.each([
    [['שלום עולם', 'PDF 2'], true],
    [['مرحبا بالعالم'], true],
    [['Hello', 'مرحبا'], false],
    [['12 345'], false],
    [[], false],
  ])('%j → %s', (texts, expected) => expect(isMostlyRightToLeft(texts)).toBe(expected));
});

describe('startsWithPossibleListMarker', () => {
  it.each([
    ['2 Sudan Administered Account', true],
    ['15 March 2021 was a Monday', true],
    ['2021 was a year', false],
    ['3 members attended', false],
    ['J. Smith wrote', true],
    ['A. Introduction', true],
    ['Jo. Smith', false],
  ])('%j → %s', (text, expected) => expect(startsWithPossibleListMarker(text)).toBe(expected));
});

// The counting loops replaced regex matches for speed: they must agree with the regex forms on any text.
describe('counting without regex arrays', () => {
  const chars = fc.constantFrom(
    ...'ab Z9.\t\n\r\v\f\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200bשלוםمرحباܫ\u{1e900}é漢’€—ﭐﻼހߊ\u{1ee00}\u{10e60}'.split(
      '',
    ),
  );
  const text = fc.array(chars, { maxLength: 30 }).map((a) => a.join(''));

  it('wordCount equals text.trim().split(/\\s+/).length (0 for blank text)', () => {
    fc.assert(
      fc.property(text, (t) => {
        const trimmed = t.trim();
        expect(wordCount(t)).toBe(trimmed === '' ? 0 : trimmed.split(/\s+/).length);
      }),
    );
  });

  it('isMostlyRightToLeft equals counting every letter and every right-to-left letter', () => {
    const rtl =
      /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/gu;
    fc.assert(
      fc.property(fc.array(text, { maxLength: 6 }), (texts) => {
        const letters = texts.reduce((n, t) => n + (t.match(/\p{L}/gu)?.length ?? 0), 0);
        const right = texts.reduce((n, t) => n + (t.match(rtl)?.length ?? 0), 0);
        expect(isMostlyRightToLeft(texts)).toBe(right > letters / 2);
        expect(isMostlyRightToLeft(new Set(texts))).toBe(isMostlyRightToLeft([...new Set(texts)]));
      }),
    );
  });
});
