import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { CidAllocator, graphemeClusters } from '../../../src/searchable-pdf/CidAllocator.js';

/** Reads a ToUnicode CMap back into CID → text. */
function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const m of cmap.matchAll(/<([0-9A-F]{4})> <([0-9A-F]+)>/g)) {
    const units = (m[2] ?? '').match(/.{4}/g)?.map((h) => Number.parseInt(h, 16)) ?? [];
    map.set(Number.parseInt(m[1] ?? '', 16), String.fromCharCode(...units));
  }
  return map;
}

function decode(hex: string, cmap: Map<number, string>): string {
  return (hex.match(/.{4}/g) ?? []).map((h) => cmap.get(Number.parseInt(h, 16)) ?? '\uFFFD').join('');
}

describe('graphemeClusters', () => {
  it('keeps combining marks, surrogate pairs and emoji sequences together', () => {
    expect(graphemeClusters('e\u0301a')).toEqual(['e\u0301', 'a']);
    expect(graphemeClusters('😀x')).toEqual(['😀', 'x']);
    expect(graphemeClusters('👍🏽')).toEqual(['👍🏽']);
    expect(graphemeClusters('中文')).toEqual(['中', '文']);
  });
});

describe('CidAllocator', () => {
  it('allocates CIDs from 1 in first-use order and reuses them', () => {
    const cids = new CidAllocator();
    expect(cids.encode(['a', 'b', 'a'])).toBe('000100020001');
    expect(cids.cidOf('b')).toBe(2);
    expect(cids.maxCid).toBe(2);
  });

  it('writes astral code points as UTF-16 surrogate pairs and multi-character clusters whole', () => {
    const cids = new CidAllocator();
    cids.encode(['😀', 'e\u0301', '⑈', 'ﬁ']);
    const cmap = cids.toUnicodeCMap();
    expect(cmap).toContain('<0001> <D83DDE00>');
    expect(cmap).toContain('<0002> <00650301>');
    expect(cmap).toContain('<0003> <2448>');
    expect(cmap).toContain('<0004> <FB01>');
    expect(cmap).toMatch(/^[\x20-\x7e\n]*$/); // ASCII only
  });

  it('splits bfchar blocks at 100 entries, as the CMap format requires', () => {
    const cids = new CidAllocator();
    for (let i = 0; i < 250; i++) cids.cidOf(String.fromCharCode(0x4e00 + i));
    const counts = [...cids.toUnicodeCMap().matchAll(/(\d+) beginbfchar/g)].map((m) => Number(m[1]));
    expect(counts).toEqual([100, 100, 50]);
  });

  it('refuses new clusters once the two-byte code space is used up', () => {
    const cids = new CidAllocator();
    for (let i = 0; i < 0xffff; i++) cids.cidOf(`c${i}`);
    expect(cids.cidOf('one more')).toBeUndefined();
    expect(cids.encode(['c1'])).toBe('0002');
    expect(cids.encode(['new'])).toBeUndefined();
  });

  test.prop([fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 20 })])(
    'round-trips any text through encode + ToUnicode',
    (words) => {
      const cids = new CidAllocator();
      const encoded = words.map((w) => cids.encode(graphemeClusters(w)) ?? '');
      const cmap = parseCMap(cids.toUnicodeCMap());
      words.forEach((w, i) => {
        expect(decode(encoded[i] ?? '', cmap)).toBe(w);
      });
    },
  );
});
