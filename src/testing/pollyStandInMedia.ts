/**
 * What the Polly stand-in answers with, written independently of `aws-ml-kit/polly` (the stand-in must not
 * share the code it tests): a minimal SSML reader (balance, entities, words and `<mark>`s with their source
 * positions), a minimal PLS check, and deterministic audio — MPEG Layer III frames, Ogg pages with correct
 * CRCs, 16-bit PCM.
 *
 * @module
 */

/** Tags Polly accepts, and the engines that reject some of them (a coarse copy of the docs' table). */
const KNOWN_TAGS = new Set([
  'speak',
  'p',
  's',
  'break',
  'lang',
  'sub',
  'w',
  'emphasis',
  'mark',
  'phoneme',
  'prosody',
  'say-as',
  'amazon:auto-breaths',
  'amazon:breath',
  'amazon:domain',
  'amazon:effect',
]);
const STANDARD_ONLY = new Set(['emphasis', 'amazon:auto-breaths', 'amazon:breath']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A word or a `<mark>` of the request text, with UTF-16 positions into it and the billed characters before it. */
export interface StandInWord {
  readonly start: number;
  readonly end: number;
  readonly value: string;
  readonly billedBefore: number;
  /** Set for a `<mark name>`: its name. */
  readonly mark?: string;
}

/** The request text read the way the service reads it, or `undefined` for SSML it would reject. */
export function readRequestText(
  text: string,
  ssml: boolean,
  engine: string,
): { words: StandInWord[]; billed: number } | undefined {
  const words: StandInWord[] = [];
  let billed = 0;
  const addText = (start: number, end: number): boolean => {
    const raw = text.slice(start, end);
    let decoded = '';
    let offset = 0;
    const positions: number[] = []; // source index of each decoded UTF-16 unit
    while (offset < raw.length) {
      if (ssml && raw[offset] === '&') {
        const semi = raw.indexOf(';', offset);
        const name = semi < 0 ? '' : raw.slice(offset + 1, semi);
        const value =
          ENTITIES[name] ??
          (/^#x[0-9a-f]+$/i.test(name)
            ? String.fromCodePoint(Number.parseInt(name.slice(2), 16))
            : /^#\d+$/.test(name)
              ? String.fromCodePoint(Number(name.slice(1)))
              : undefined);
        if (value === undefined) return false;
        for (let k = 0; k < value.length; k++) positions.push(start + offset);
        decoded += value;
        offset = semi + 1;
      } else {
        positions.push(start + offset);
        decoded += raw[offset];
        offset++;
      }
    }
    positions.push(end);
    for (const m of decoded.matchAll(/\S+/g)) {
      words.push({
        start: positions[m.index]!,
        end: positions[m.index + m[0].length]!,
        value: m[0],
        billedBefore: billed + m.index,
      });
    }
    billed += decoded.length;
    return true;
  };
  if (!ssml) {
    addText(0, text.length);
    return { words, billed };
  }
  const open: string[] = [];
  let roots = 0;
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const stop = lt < 0 ? text.length : lt;
    if (stop > i) {
      if (open.length === 0 && text.slice(i, stop).trim() !== '') return undefined;
      if (!addText(i, stop)) return undefined;
    }
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(text);
    if (!m) return undefined;
    const [, closing, name, attributes, selfClosing] = m;
    if (!KNOWN_TAGS.has(name!) || (engine !== 'standard' && STANDARD_ONLY.has(name!))) return undefined;
    if (closing) {
      if (open.pop() !== name) return undefined;
    } else {
      if (open.length === 0 && (name !== 'speak' || roots++ > 0)) return undefined;
      if (name === 'mark') {
        const markName = /name\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attributes ?? '');
        words.push({
          start: lt,
          end: tag.lastIndex,
          value: '',
          billedBefore: billed,
          mark: markName?.[1] ?? markName?.[2] ?? '',
        });
      }
      if (!selfClosing) open.push(name!);
    }
    i = tag.lastIndex;
  }
  return open.length === 0 && roots === 1 ? { words, billed } : undefined;
}

/** A minimal PLS check: namespace, alphabet, language, and lexemes each with a grapheme and a pronunciation. */
export function readLexicon(content: string): { alphabet: string; language: string; lexemes: number } | undefined {
  const root = /<lexicon\b([^>]*)>/.exec(content);
  if (!root || !root[1]!.includes('xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"')) return undefined;
  const alphabet = /alphabet="([^"]*)"/.exec(root[1]!)?.[1];
  const language = /xml:lang="([^"]*)"/.exec(root[1]!)?.[1];
  if ((alphabet !== 'ipa' && alphabet !== 'x-sampa') || !language) return undefined;
  const lexemes = [...content.matchAll(/<lexeme>([\s\S]*?)<\/lexeme>/g)];
  for (const [, body] of lexemes) {
    if (!/<grapheme>[^<]+<\/grapheme>/.test(body!) || !/<(phoneme|alias)>[^<]+<\/\1>/.test(body!)) return undefined;
  }
  return { alphabet, language, lexemes: lexemes.length };
}

// --- audio -------------------------------------------------------------------------------------------------

/** Deterministic audio of about `durationMs` in `format`. */
export function standInAudio(
  format: string,
  rate: number,
  durationMs: number,
  seed: number,
  mp3Headers: boolean,
): Uint8Array {
  switch (format) {
    case 'mp3':
      return mp3(rate, durationMs, seed, mp3Headers);
    case 'ogg_opus':
      return oggOpus(durationMs, seed);
    case 'ogg_vorbis':
      return oggVorbis(rate, durationMs, seed);
    case 'pcm': {
      const samples = Math.round((durationMs * rate) / 1000);
      const out = new Uint8Array(samples * 2);
      const view = new DataView(out.buffer);
      for (let i = 0; i < samples; i++) view.setInt16(i * 2, ((i * 37 + seed) % 2000) - 1000, true);
      return out;
    }
    default:
      return new Uint8Array(Math.round((durationMs * rate) / 1000)).fill(0xff);
  }
}

function mp3(rate: number, durationMs: number, seed: number, headers: boolean): Uint8Array {
  const mpeg1 = rate >= 32_000;
  const version = mpeg1 ? 3 : rate >= 16_000 ? 2 : 0;
  const rateIndex = [44_100, 48_000, 32_000, 22_050, 24_000, 16_000, 11_025, 12_000, 8_000].indexOf(rate) % 3;
  const kbps = mpeg1 ? 64 : 32; // bitrate index 5 (MPEG-1) or 4 (MPEG-2/2.5)
  const head = [0xff, 0xe0 | (version << 3) | (1 << 1) | 1, ((mpeg1 ? 5 : 4) << 4) | (rateIndex << 2), 0xc0];
  const length = Math.floor(((mpeg1 ? 144 : 72) * kbps * 1000) / rate);
  const samples = mpeg1 ? 1152 : 576;
  const sideInfo = mpeg1 ? 17 : 9; // mono
  const frames = Math.max(1, Math.ceil((durationMs * rate) / 1000 / samples));
  const parts: Uint8Array[] = [];
  if (headers) {
    parts.push(Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 10, ...new Array(10).fill(0)]));
    const xing = new Uint8Array(length);
    xing.set(head);
    xing.set([0x58, 0x69, 0x6e, 0x67], 4 + sideInfo); // "Xing"
    parts.push(xing);
  }
  for (let i = 0; i < frames; i++) {
    const frame = new Uint8Array(length);
    frame.set(head);
    frame[length - 1] = (seed + i) & 0xff;
    parts.push(frame);
  }
  return concat(parts);
}

const OPUS_PRE_SKIP = 312;

function oggOpus(durationMs: number, serial: number): Uint8Array {
  const head = new Uint8Array(19);
  head.set(ascii('OpusHead'));
  head[8] = 1;
  head[9] = 1;
  const view = new DataView(head.buffer);
  view.setUint16(10, OPUS_PRE_SKIP, true);
  view.setUint32(12, 24_000, true);
  const tags = concat([
    ascii('OpusTags'),
    Uint8Array.from([8, 0, 0, 0]),
    ascii('stand-in'),
    Uint8Array.from([0, 0, 0, 0]),
  ]);
  const packets = Math.max(1, Math.ceil(durationMs / 20));
  return concat([
    page([head], serial, 0, 0n, 0x02),
    page([tags], serial, 1, 0n, 0),
    ...audioPages(packets, 960, OPUS_PRE_SKIP, serial),
  ]);
}

function oggVorbis(rate: number, durationMs: number, serial: number): Uint8Array {
  const id = new Uint8Array(30);
  id.set([1, ...ascii('vorbis')]);
  const view = new DataView(id.buffer);
  id[11] = 1;
  view.setUint32(12, rate, true);
  view.setInt32(20, 48_000, true);
  id[28] = 0xb8;
  id[29] = 1;
  const comment = concat([
    Uint8Array.from([3, ...ascii('vorbis'), 8, 0, 0, 0]),
    ascii('stand-in'),
    Uint8Array.from([0, 0, 0, 0, 1]),
  ]);
  const setup = Uint8Array.from([5, ...ascii('vorbis'), 0, 1, 2, 3]);
  const samplesPerPacket = 1024;
  const packets = Math.max(1, Math.ceil((durationMs * rate) / 1000 / samplesPerPacket));
  return concat([
    page([id], serial, 0, 0n, 0x02),
    page([comment, setup], serial, 1, 0n, 0),
    ...audioPages(packets, samplesPerPacket, 0, serial),
  ]);
}

function audioPages(packets: number, samplesPerPacket: number, preSkip: number, serial: number): Uint8Array[] {
  const pages: Uint8Array[] = [];
  const perPage = 50;
  for (let p = 0; p * perPage < packets; p++) {
    const count = Math.min(perPage, packets - p * perPage);
    const list = Array.from({ length: count }, (_, i) =>
      Uint8Array.from([0x08, (serial + p * perPage + i) & 0xff, 0, 0]),
    );
    const granule = BigInt(preSkip + (p * perPage + count) * samplesPerPacket);
    pages.push(page(list, serial, 2 + p, granule, (p + 1) * perPage >= packets ? 0x04 : 0));
  }
  return pages;
}

function page(packets: Uint8Array[], serial: number, sequence: number, granule: bigint, flags: number): Uint8Array {
  const lacing = packets.flatMap((p) => [...new Array(Math.floor(p.length / 255)).fill(255), p.length % 255]);
  const body = concat(packets);
  const out = new Uint8Array(27 + lacing.length + body.length);
  out.set(ascii('OggS'));
  out[5] = flags;
  const view = new DataView(out.buffer);
  view.setBigInt64(6, granule, true);
  view.setUint32(14, serial, true);
  view.setUint32(18, sequence, true);
  out[26] = lacing.length;
  out.set(lacing, 27);
  out.set(body, 27 + lacing.length);
  view.setUint32(22, crc32(out), true);
  return out;
}

function crc32(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 24;
    for (let k = 0; k < 8; k++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
