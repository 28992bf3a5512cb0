import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from '../../../src/kit/offsets.js';
import { mergeSameType, resolveChunking, splitIntoChunks } from '../../../src/phi/index.js';

const pieces = ['a', 'word', ' ', '\n', '. ', 'é', '中文', '😀', 'e\u0301', '\n\n', 'Jane Doe', '0412 345 678'];
const textArb = fc.array(fc.constantFrom(...pieces), { maxLength: 400 }).map((p) => p.join(''));

describe('splitIntoChunks', () => {
  test.prop([textArb, fc.integer({ min: 64, max: 400 }), fc.integer({ min: 0, max: 16 })])(
    'covers the text with chunks under the byte budget that overlap or touch',
    (text, maxChunkBytes, overlapBytes) => {
      const chunks = splitIntoChunks(text, { maxChunkBytes, overlapBytes });
      expect(chunks[0]!.begin).toBe(0);
      expect(chunks.at(-1)!.end).toBe(text.length);
      for (const [i, chunk] of chunks.entries()) {
        expect(chunk.text).toBe(text.slice(chunk.begin, chunk.end));
        expect(chunk.bytes).toBe(utf8ByteLength(chunk.text));
        expect(chunk.bytes).toBeLessThanOrEqual(maxChunkBytes);
        // Never inside a surrogate pair, never before a combining mark (unless forced).
        expect(chunk.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
        const next = chunks[i + 1];
        if (next) {
          expect(next.begin).toBeGreaterThan(chunk.begin);
          expect(next.begin).toBeLessThanOrEqual(chunk.end);
        }
      }
    },
  );

  it('prefers line and sentence boundaries', () => {
    const sentence = 'The patient was seen today. ';
    const text = sentence.repeat(20);
    const chunks = splitIntoChunks(text, { maxChunkBytes: 200, overlapBytes: 0 });
    for (const chunk of chunks.slice(0, -1)) expect(chunk.text.endsWith('. ')).toBe(true);
    const lines = 'line one of the note\n'.repeat(30);
    for (const chunk of splitIntoChunks(lines, { maxChunkBytes: 100, overlapBytes: 0 }).slice(0, -1)) {
      expect(chunk.text.endsWith('\n')).toBe(true);
    }
  });

  it('returns one chunk for text that fits, and measures UTF-8 bytes, not length', () => {
    expect(splitIntoChunks('short', { maxChunkBytes: 64, overlapBytes: 0 })).toHaveLength(1);
    const cjk = '中'.repeat(30); // 30 characters, 90 bytes
    expect(splitIntoChunks(cjk, { maxChunkBytes: 64, overlapBytes: 0 }).length).toBeGreaterThan(1);
  });

  it('validates its options', () => {
    expect(() => resolveChunking({ maxChunkBytes: 20_001 })).toThrow(/maxChunkBytes/);
    expect(() => resolveChunking({ maxChunkBytes: 10 })).toThrow(/maxChunkBytes/);
    expect(() => resolveChunking({ maxChunkBytes: 1000, overlapBytes: 600 })).toThrow(/overlapBytes/);
    expect(resolveChunking()).toEqual({ maxChunkBytes: 19_000, overlapBytes: 400 });
  });
});

describe('mergeSameType', () => {
  it('unions overlapping or touching spans of one type and keeps other types apart', () => {
    expect(
      mergeSameType([
        { type: 'NAME', score: 0.8, begin: 4, end: 10 },
        { type: 'NAME', score: 0.9, begin: 0, end: 6 },
        { type: 'NAME', score: 0.5, begin: 10, end: 12 },
        { type: 'DATE', score: 0.7, begin: 5, end: 8 },
        { type: 'NAME', score: 0.6, begin: 20, end: 22 },
      ]),
    ).toEqual([
      { type: 'NAME', score: 0.9, begin: 0, end: 12 },
      { type: 'DATE', score: 0.7, begin: 5, end: 8 },
      { type: 'NAME', score: 0.6, begin: 20, end: 22 },
    ]);
  });
});

describe('splitIntoChunks without any boundary', () => {
  it('never separates a combining mark from its base, at either end of a chunk', () => {
    const text = 'e\u0301'.repeat(200); // 600 bytes, no whitespace at all
    const chunks = splitIntoChunks(text, { maxChunkBytes: 64, overlapBytes: 16 });
    expect(chunks.length).toBeGreaterThan(8);
    for (const chunk of chunks) {
      expect(chunk.text.startsWith('\u0301')).toBe(false);
      expect(chunk.bytes).toBeLessThanOrEqual(64);
    }
    expect(chunks.at(-1)!.end).toBe(text.length);
  });

  it('never splits a surrogate pair when the text is all emoji', () => {
    const text = '😀'.repeat(100);
    for (const chunk of splitIntoChunks(text, { maxChunkBytes: 66, overlapBytes: 8 })) {
      expect(chunk.text).toMatch(/^(?:😀)+$/u);
    }
  });
});
