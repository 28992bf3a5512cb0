import { describe, expect, it } from 'vitest';
import {
  endsSentence,
  isPageNumberText,
  startsLowercase,
  startsWithListMarker,
  startsWithPossibleListMarker,
} from '../../../../src/textract/segment/index.js';
import { isMostlyRightToLeft } from '../../../../src/textract/segment/text-cues.js';

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
