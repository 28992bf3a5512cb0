import { describe, expect, it } from 'vitest';
import { isResponseShapeError, isValidationError } from '../../../src/kit/errors.js';
import {
  AudioJoiner,
  joinAudio,
  oggCrc32,
  oggPage,
  PronunciationLexicon,
  parseSpeechMarks,
  readMp3FrameHeader,
} from '../../../src/polly/index.js';

/** MPEG-2 Layer III, 24 kHz, 32 kbit/s, mono: 96-byte frames of 576 samples (24 ms). */
function mp3Frames(count: number, fill: number): Uint8Array {
  const head = [0xff, 0xf3, 0x44, 0xc0];
  const length = readMp3FrameHeader(Uint8Array.from(head), 0)!.length;
  const out = new Uint8Array(length * count).fill(fill);
  for (let i = 0; i < count; i++) out.set(head, i * length);
  return out;
}
const id3 = Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4]);
function xingFrame(): Uint8Array {
  const frame = mp3Frames(1, 0);
  frame.set([0x58, 0x69, 0x6e, 0x67], 4 + 9); // "Xing" after MPEG-2 mono side info
  return frame;
}
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('MP3 joining', () => {
  it('reads frame headers', () => {
    expect(readMp3FrameHeader(mp3Frames(1, 0), 0)).toEqual({
      length: 96,
      sampleRateHz: 24_000,
      samples: 576,
      sideInfoBytes: 9,
    });
    expect(readMp3FrameHeader(Uint8Array.from([0, 1, 2, 3]), 0)).toBeUndefined();
  });

  it('keeps the first ID3 tag, drops later ones and every Xing frame, and concatenates the frames', () => {
    const a = cat(id3, xingFrame(), mp3Frames(10, 1));
    const b = cat(id3, xingFrame(), mp3Frames(5, 2));
    const { audio, startsMs, durationMs } = joinAudio('mp3', [a, b]);
    expect(audio).toEqual(cat(id3, mp3Frames(10, 1), mp3Frames(5, 2)));
    expect(startsMs).toEqual([240, 240].map((ms, i) => i * ms));
    expect(durationMs).toBe(360);
  });

  it('refuses bytes that are not MP3 frames', () => {
    const error = (() => {
      try {
        joinAudio('mp3', [Uint8Array.from([1, 2, 3, 4, 5])]);
      } catch (e) {
        return e;
      }
    })();
    expect(isResponseShapeError(error)).toBe(true);
  });
});

describe('Ogg joining', () => {
  const stream = (serial: number, packets: number, preSkip = 312) => {
    const head = new Uint8Array(19);
    head.set(new TextEncoder().encode('OpusHead'));
    head[8] = 1;
    head[9] = 1;
    new DataView(head.buffer).setUint16(10, preSkip, true);
    const tags = new TextEncoder().encode('OpusTags\0\0\0\0\0\0\0\0');
    const pages = [
      oggPage({ packets: [head], serial, sequence: 0, granule: 0n, bos: true }),
      oggPage({ packets: [tags], serial, sequence: 1, granule: 0n }),
    ];
    for (let i = 0; i < packets; i++) {
      pages.push(
        oggPage({
          packets: [Uint8Array.from([8, i])],
          serial,
          sequence: 2 + i,
          granule: BigInt(preSkip + (i + 1) * 960),
          eos: i === packets - 1,
        }),
      );
    }
    return cat(...pages);
  };
  const pagesOf = (bytes: Uint8Array) => {
    const out: { flags: number; granule: bigint; serial: number; sequence: number; crcOk: boolean }[] = [];
    let offset = 0;
    while (offset < bytes.length) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
      const segments = bytes[offset + 26]!;
      let length = 27 + segments;
      for (let i = 0; i < segments; i++) length += bytes[offset + 27 + i]!;
      const page = bytes.slice(offset, offset + length);
      const crc = new DataView(page.buffer).getUint32(22, true);
      new DataView(page.buffer).setUint32(22, 0, true);
      out.push({
        flags: view.getUint8(5),
        granule: view.getBigInt64(6, true),
        serial: view.getUint32(14, true),
        sequence: view.getUint32(18, true),
        crcOk: oggCrc32(page) === crc,
      });
      offset += length;
    }
    return out;
  };

  it('makes one logical stream: one serial, continuous sequence, shifted granules, one EOS, valid CRCs', () => {
    const { audio, startsMs, durationMs } = joinAudio('ogg_opus', [stream(111, 3), stream(222, 2)]);
    const pages = pagesOf(audio);
    expect(pages.map((p) => p.serial)).toEqual(new Array(7).fill(111));
    expect(pages.map((p) => p.sequence)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(pages.every((p) => p.crcOk)).toBe(true);
    expect(pages.map((p) => p.flags & 0x04)).toEqual([0, 0, 0, 0, 0, 0, 4]);
    expect(pages.map((p) => p.flags & 0x02)).toEqual([2, 0, 0, 0, 0, 0, 0]);
    const first = 312 + 3 * 960;
    expect(pages.slice(5).map((p) => p.granule)).toEqual([BigInt(first + 312 + 960), BigInt(first + 312 + 1920)]);
    expect(startsMs[1]).toBeCloseTo((first / 48_000) * 1000, 6);
    expect(durationMs).toBeCloseTo(((first + 312 + 1920 - 312) / 48_000) * 1000, 6);
  });

  it('streams: the EOS flag goes on the last page of the part marked last', () => {
    const joiner = new AudioJoiner('ogg_opus');
    const a = pagesOf(joiner.push(stream(1, 2), false).bytes);
    const b = pagesOf(joiner.push(stream(2, 2), true).bytes);
    expect(a.map((p) => p.flags & 4)).toEqual([0, 0, 0, 0]);
    expect(b.map((p) => p.flags & 4)).toEqual([0, 4]);
  });

  it('refuses a part encoded with a different setup', () => {
    expect(() => joinAudio('ogg_opus', [stream(1, 1, 312), stream(2, 1, 100)])).toThrow(/codec headers that differ/);
  });

  it('computes the Ogg CRC-32 of a known page', () => {
    // CRC of the ASCII bytes "OggS" under Ogg's polynomial, init 0, no reflection.
    expect(oggCrc32(new TextEncoder().encode('OggS'))).toBe(0x5fb0a94f);
  });
});

describe('PCM joining', () => {
  it('concatenates samples and measures time by the sample rate', () => {
    const { audio, startsMs, durationMs } = joinAudio('pcm', [new Uint8Array(32_000), new Uint8Array(16_000)], 16_000);
    expect(audio.length).toBe(48_000);
    expect(startsMs).toEqual([0, 1000]);
    expect(durationMs).toBe(1500);
    expect(() => joinAudio('pcm', [new Uint8Array(3)])).toThrow(/odd number of bytes/);
  });
});

describe('parseSpeechMarks', () => {
  it('parses JSON lines and rejects anything else without quoting it', () => {
    expect(parseSpeechMarks('{"time":6,"type":"word","start":0,"end":5,"value":"Hello"}\n\n')).toEqual([
      { time: 6, type: 'word', start: 0, end: 5, value: 'Hello' },
    ]);
    let error: unknown;
    try {
      parseSpeechMarks('{"time":6,"type":"word","value":"ok"}\nsecret words');
    } catch (e) {
      error = e;
    }
    expect(isResponseShapeError(error)).toBe(true);
    expect(String(error)).toContain('line 2');
    expect(String(error)).not.toContain('secret');
  });
});

describe('PronunciationLexicon', () => {
  it('builds PLS that parses back to the same entries', () => {
    const lexicon = new PronunciationLexicon({ name: 'Seed1', language: 'en-US' })
      .add({ graphemes: ['Y2K'], alias: 'year 2000' })
      .add({ graphemes: ['pecan', 'Pecan'], phoneme: 'pɪˈkɑːn' })
      .add({ graphemes: ['R&D'], alias: 'research & development' });
    const xml = lexicon.toXml();
    expect(xml).toContain('xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"');
    expect(PronunciationLexicon.parse('Seed1', xml).entries).toEqual(lexicon.entries);
  });

  it.each([
    [() => new PronunciationLexicon({ name: 'has-dash', language: 'en-US' }), 'name'],
    [() => new PronunciationLexicon({ name: 'a'.repeat(21), language: 'en-US' }), 'name'],
    [() => new PronunciationLexicon({ name: 'ok', language: 'english' }), 'language'],
    [
      () =>
        new PronunciationLexicon({ name: 'ok', language: 'en-US' }).add({ graphemes: ['pecan'], phoneme: 'pI"kA:n' }),
      'entries[0].phoneme',
    ],
    [
      () =>
        new PronunciationLexicon({ name: 'ok', language: 'en-US', alphabet: 'x-sampa' }).add({
          graphemes: ['lead'],
          phoneme: 'lɛd',
        }),
      'entries[0].phoneme',
    ],
    [
      () =>
        new PronunciationLexicon({ name: 'ok', language: 'en-US' }).add({ graphemes: ['x'], alias: 'a'.repeat(101) }),
      'entries[0].alias',
    ],
    [
      () => new PronunciationLexicon({ name: 'ok', language: 'en-US' }).add({ graphemes: [], alias: 'x' }),
      'entries[0].graphemes',
    ],
    [
      () =>
        new PronunciationLexicon({ name: 'ok', language: 'en-US' }).add({ graphemes: ['x'], alias: 'y', phoneme: 'z' }),
      'entries[0]',
    ],
    [
      () => {
        const big = new PronunciationLexicon({ name: 'ok', language: 'en-US' });
        for (let i = 0; i < 60; i++) big.add({ graphemes: [`word${i}`], alias: `an alias that is long enough ${i}` });
        return big.toXml();
      },
      'lexicon',
    ],
    [
      () => PronunciationLexicon.parse('ok', '<lexicon xmlns="urn:wrong" alphabet="ipa" xml:lang="en-US"/>'),
      'content@xmlns',
    ],
    [
      () =>
        PronunciationLexicon.parse(
          'ok',
          '<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-US"><lexeme><grapheme>a</grapheme></lexeme></lexicon>',
        ),
      'entries[0]',
    ],
  ])('bad lexicon %# → ValidationError on %s', (act, field) => {
    let error: unknown;
    try {
      act();
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error)).toBe(true);
    expect((error as { field: string }).field).toBe(field);
  });
});
