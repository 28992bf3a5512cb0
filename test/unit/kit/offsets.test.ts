import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { codePointLength, encodeUtf8, OffsetMap, utf8ByteLength } from '../../../src/kit/offsets.js';

const anyText = fc.string({ unit: 'grapheme', maxLength: 40 });
const withLoneSurrogates = fc.string({ unit: 'binary', maxLength: 40 });

describe('Function: utf8ByteLength', () => {
  it('counts bytes of 1-, 2-, 3- and 4-byte characters', () => {
    expect(utf8ByteLength('a')).toBe(1);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
  });

  test.prop([withLoneSurrogates])('agrees with TextEncoder, lone surrogates included', (text) => {
    expect(utf8ByteLength(text)).toBe(encodeUtf8(text).byteLength);
  });
});

describe('Function: codePointLength', () => {
  test.prop([withLoneSurrogates])('agrees with the string iterator', (text) => {
    expect(codePointLength(text)).toBe([...text].length);
  });
});

describe('Class: OffsetMap', () => {
  it('maps an entity after an emoji from code points to UTF-16', () => {
    const text = '😀 John Smith';
    const map = new OffsetMap(text);
    const begin = map.utf16FromCodePoint(2);
    const end = map.utf16FromCodePoint(12);
    expect(text.slice(begin, end)).toBe('John Smith');
  });

  it('maps Polly-style UTF-8 byte offsets to string indices', () => {
    const text = 'Café 中文 😀 ok';
    const map = new OffsetMap(text);
    const bytes = encodeUtf8(text);
    const okByte = bytes.byteLength - 2;
    expect(text.slice(map.utf16FromUtf8(okByte))).toBe('ok');
  });

  it('resolves an offset inside a character by bias, or rejects it', () => {
    const map = new OffsetMap('a😀b');
    expect(map.utf16FromUtf8(2, 'start')).toBe(1);
    expect(map.utf16FromUtf8(2, 'end')).toBe(3);
    expect(() => map.utf16FromUtf8(2, 'throw')).toThrow(/inside a multi-byte character/);
    expect(map.codePointFromUtf16(2, 'start')).toBe(1);
    expect(map.codePointFromUtf16(2, 'end')).toBe(2);
    expect(() => map.codePointFromUtf16(2, 'throw')).toThrow(/surrogate pair/);
  });

  it('rejects offsets outside the text with a ValidationError naming the field', () => {
    const map = new OffsetMap('abc');
    expect(() => map.utf16FromCodePoint(4)).toThrow(
      expect.objectContaining({ name: 'ValidationError', field: 'codePoint' }),
    );
    expect(() => map.utf16FromUtf8(-1)).toThrow(expect.objectContaining({ field: 'byte' }));
    expect(() => map.codePointFromUtf16(1.5)).toThrow(expect.objectContaining({ field: 'index' }));
  });

  test.prop([anyText, fc.nat(), fc.nat()])('code point spans slice the same characters as Array.from', (text, a, b) => {
    const codePoints = [...text];
    const begin = Math.min(a, b) % (codePoints.length + 1);
    const end = Math.max(begin, Math.max(a, b) % (codePoints.length + 1));
    const map = new OffsetMap(text);
    expect(text.slice(map.utf16FromCodePoint(begin), map.utf16FromCodePoint(end))).toBe(
      codePoints.slice(begin, end).join(''),
    );
  });

  test.prop([anyText])('round-trips every code point boundary through all three units', (text) => {
    const map = new OffsetMap(text);
    expect(map.utf8Length).toBe(encodeUtf8(text).byteLength);
    for (let cp = 0; cp <= map.codePointLength; cp++) {
      const index = map.utf16FromCodePoint(cp);
      expect(map.codePointFromUtf16(index, 'throw')).toBe(cp);
      const byte = map.utf8FromCodePoint(cp);
      expect(map.utf8FromUtf16(index, 'throw')).toBe(byte);
      expect(map.utf16FromUtf8(byte, 'throw')).toBe(index);
      expect(byte).toBe(encodeUtf8([...text].slice(0, cp).join('')).byteLength);
    }
  });
});
