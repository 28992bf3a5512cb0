/**
 * Joining the audio of several SynthesizeSpeech calls into one stream, per format:
 *
 * - `pcm`, `mulaw`, `alaw`: raw samples, concatenated.
 * - `mp3`: MPEG audio frames, concatenated; an ID3v2 tag is kept only from the first part, ID3v1 tags and
 *   Xing/Info/VBRI header frames are dropped from every part (their frame counts would describe one part
 *   and misreport the whole).
 * - `ogg_opus`, `ogg_vorbis`: one logical stream. The header pages of later parts are dropped, and their
 *   pages get the first part's serial number, continuing page sequence numbers, granule positions shifted
 *   by the samples before them, the end-of-stream flag only on the very last page, and a recomputed CRC.
 *   This needs every part encoded with the same setup (Polly's are, for one voice, engine and sample rate);
 *   a part whose identification header differs is refused with a `ResponseShapeError` rather than glued
 *   into a stream players would misdecode. Each later Opus part keeps its encoder priming (pre-skip,
 *   ~6.5 ms), which the joined stream plays; speech-mark times account for it.
 *
 * @module
 */
import { ResponseShapeError, ValidationError } from '../kit/errors.js';
import { concatBytes } from './concatBytes.js';

/** Polly audio output formats. */
export type PollyAudioFormat = 'mp3' | 'ogg_vorbis' | 'ogg_opus' | 'pcm' | 'mulaw' | 'alaw';

/** Audio formats, as a list. */
export const POLLY_AUDIO_FORMATS: readonly PollyAudioFormat[] = Object.freeze([
  'mp3',
  'ogg_vorbis',
  'ogg_opus',
  'pcm',
  'mulaw',
  'alaw',
]);

/** What {@link AudioJoiner.push} returns for one part. */
export interface JoinedPart {
  /** Bytes to append to the joined stream. */
  readonly bytes: Uint8Array;
  /** Where this part's speech starts in the joined stream, in milliseconds (for speech-mark times). */
  readonly startMs: number;
  /** Playback length of this part, in milliseconds. */
  readonly durationMs: number;
}

const fail = (path: string, problem: string): never => {
  throw new ResponseShapeError('Polly.SynthesizeSpeech', path, problem);
};

/**
 * Joins audio parts one at a time (so audio can be streamed out as each part arrives).
 *
 * @example
 * ```ts
 * const joiner = new AudioJoiner('mp3');
 * for (const [i, part] of parts.entries()) out.write(joiner.push(part, i === parts.length - 1).bytes);
 * ```
 */
export class AudioJoiner {
  /** The format being joined. */
  readonly format: PollyAudioFormat;
  readonly #sampleRateHz: number | undefined;
  #parts = 0;
  #elapsedMs = 0;
  #ogg: { serial: number; sequence: number; granule: bigint; head: Uint8Array } | undefined;

  /**
   * @param sampleRateHz Needed for `pcm` (default 16000); `mulaw`/`alaw` are 8000 Hz. MP3 and Ogg carry theirs.
   */
  constructor(format: PollyAudioFormat, sampleRateHz?: number) {
    if (!POLLY_AUDIO_FORMATS.includes(format)) {
      throw new ValidationError('format', `must be one of ${POLLY_AUDIO_FORMATS.join(', ')}`);
    }
    this.format = format;
    this.#sampleRateHz = sampleRateHz;
  }

  /**
   * Adds the next part; `last` marks the final one (Ogg sets its end-of-stream flag there).
   *
   * @throws ResponseShapeError when a part is not valid audio of the format.
   * @example
   * ```ts
   * const { bytes, startMs, durationMs } = joiner.push(audio, false);
   * ```
   */
  push(part: Uint8Array, last: boolean): JoinedPart {
    const index = this.#parts++;
    let bytes: Uint8Array;
    let durationMs: number;
    let startMs = this.#elapsedMs;
    switch (this.format) {
      case 'pcm':
      case 'mulaw':
      case 'alaw': {
        const rate = this.format === 'pcm' ? (this.#sampleRateHz ?? 16_000) : 8_000;
        const width = this.format === 'pcm' ? 2 : 1;
        if (part.byteLength % width !== 0) fail(`audio part ${index}`, 'has an odd number of bytes for 16-bit PCM');
        bytes = part;
        durationMs = (part.byteLength / width / rate) * 1000;
        break;
      }
      case 'mp3': {
        const mp3 = readMp3(part, index);
        bytes = index === 0 ? concatBytes([mp3.id3, ...mp3.frames]) : concatBytes(mp3.frames);
        durationMs = mp3.durationMs;
        break;
      }
      default: {
        const joined = this.#pushOgg(part, index, last);
        bytes = joined.bytes;
        durationMs = joined.durationMs;
        startMs = joined.startMs;
      }
    }
    this.#elapsedMs += durationMs;
    return { bytes, startMs, durationMs };
  }

  #pushOgg(part: Uint8Array, index: number, last: boolean): JoinedPart {
    const opus = this.format === 'ogg_opus';
    const pages = readOggPages(part, index);
    const headerPackets = opus ? 2 : 3;
    let headerPages = 0;
    let packets = 0;
    while (packets < headerPackets && headerPages < pages.length) {
      packets += pages[headerPages]!.completedPackets;
      headerPages++;
    }
    if (packets < headerPackets) fail(`audio part ${index}`, 'ends before its codec headers');
    const head = pages[0]!.body;
    const preSkip = opus ? head[10]! | (head[11]! << 8) : 0;
    const rate = opus ? 48_000 : new DataView(head.buffer, head.byteOffset + 12, 4).getUint32(0, true);
    const audioPages = pages.slice(headerPages);
    const lastGranule = audioPages.reduce((g, p) => (p.granule >= 0n ? p.granule : g), 0n);
    const durationMs = (Number(lastGranule - BigInt(preSkip)) / rate) * 1000;
    if (this.#ogg === undefined) {
      this.#ogg = { serial: pages[0]!.serial, sequence: 0, granule: 0n, head };
      const out = pages.map((p, i) => this.#rewrite(p, 0n, i === pages.length - 1 && last));
      this.#ogg.granule = lastGranule;
      return { bytes: concatBytes(out), startMs: 0, durationMs };
    }
    if (!equalBytes(this.#ogg.head, head)) {
      fail(`audio part ${index}`, 'has codec headers that differ from the first part; it cannot join one stream');
    }
    // Decoded samples before this part; its own priming equals the first part's pre-skip, so its speech
    // starts at exactly this sample on the playback timeline.
    const offset = this.#ogg.granule;
    const out = audioPages.map((p, i) => this.#rewrite(p, offset, i === audioPages.length - 1 && last));
    this.#ogg.granule = offset + lastGranule;
    return { bytes: concatBytes(out), startMs: (Number(offset) / rate) * 1000, durationMs };
  }

  #rewrite(page: OggPage, granuleOffset: bigint, eos: boolean): Uint8Array {
    const state = this.#ogg!;
    const out = page.bytes.slice();
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    out[5] = (out[5]! & ~0x04) | (eos ? 0x04 : 0);
    if (page.granule >= 0n) view.setBigInt64(6, page.granule + granuleOffset, true);
    view.setUint32(14, state.serial, true);
    view.setUint32(18, state.sequence++, true);
    view.setUint32(22, 0, true);
    view.setUint32(22, oggCrc32(out), true);
    return out;
  }
}

/** Result of {@link joinAudio}. */
export interface JoinedAudio {
  /** The joined stream. */
  readonly audio: Uint8Array;
  /** Where each part's speech starts, in milliseconds. */
  readonly startsMs: number[];
  /** Playback length of the whole. */
  readonly durationMs: number;
}

/**
 * Joins complete parts in one go.
 *
 * @example
 * ```ts
 * const { audio, startsMs, durationMs } = joinAudio('ogg_opus', [part1, part2]);
 * ```
 */
export function joinAudio(format: PollyAudioFormat, parts: readonly Uint8Array[], sampleRateHz?: number): JoinedAudio {
  const joiner = new AudioJoiner(format, sampleRateHz);
  const out: Uint8Array[] = [];
  const startsMs: number[] = [];
  let durationMs = 0;
  parts.forEach((part, i) => {
    const joined = joiner.push(part, i === parts.length - 1);
    out.push(joined.bytes);
    startsMs.push(joined.startMs);
    durationMs = joined.startMs + joined.durationMs;
  });
  return { audio: concatBytes(out), startsMs, durationMs };
}

// --- MP3 -------------------------------------------------------------------------------------------------

const MP3_BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MP3_BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const MP3_RATES: Record<number, number[]> = {
  3: [44_100, 48_000, 32_000],
  2: [22_050, 24_000, 16_000],
  0: [11_025, 12_000, 8_000],
};

/** A parsed MPEG Layer III frame header. */
export interface Mp3FrameHeader {
  /** Frame length in bytes, header included. */
  readonly length: number;
  /** Sample rate in Hz. */
  readonly sampleRateHz: number;
  /** Samples per frame (1152 for MPEG-1, 576 for MPEG-2/2.5). */
  readonly samples: number;
  /** Bytes of side information after the header (where a Xing/Info tag would start). */
  readonly sideInfoBytes: number;
}

/**
 * Reads the MPEG Layer III frame header at `offset`, or `undefined` if there is none.
 *
 * @example
 * ```ts
 * readMp3FrameHeader(bytes, 0)?.length; // e.g. 144
 * ```
 */
export function readMp3FrameHeader(bytes: Uint8Array, offset: number): Mp3FrameHeader | undefined {
  if (offset + 4 > bytes.byteLength) return undefined;
  const b1 = bytes[offset + 1]!;
  const b2 = bytes[offset + 2]!;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const version = (b1 >> 3) & 3;
  const layer = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  const mpeg1 = version === 3;
  const bitrate = (mpeg1 ? MP3_BITRATES_V1 : MP3_BITRATES_V2)[bitrateIndex]! * 1000;
  const sampleRateHz = MP3_RATES[version]![rateIndex]!;
  const padding = (b2 >> 1) & 1;
  const mono = bytes[offset + 3]! >> 6 === 3;
  return {
    length: Math.floor(((mpeg1 ? 144 : 72) * bitrate) / sampleRateHz) + padding,
    sampleRateHz,
    samples: mpeg1 ? 1152 : 576,
    sideInfoBytes: mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17,
  };
}

function readMp3(part: Uint8Array, index: number): { id3: Uint8Array; frames: Uint8Array[]; durationMs: number } {
  let offset = 0;
  let end = part.byteLength;
  if (part[0] === 0x49 && part[1] === 0x44 && part[2] === 0x33 && part.byteLength >= 10) {
    const size = ((part[6]! & 0x7f) << 21) | ((part[7]! & 0x7f) << 14) | ((part[8]! & 0x7f) << 7) | (part[9]! & 0x7f);
    offset = 10 + size + (part[5]! & 0x10 ? 10 : 0);
  }
  const id3 = part.subarray(0, offset);
  if (end - offset >= 128 && part[end - 128] === 0x54 && part[end - 127] === 0x41 && part[end - 126] === 0x47)
    end -= 128;
  const frames: Uint8Array[] = [];
  let samples = 0;
  let rate = 0;
  let first = true;
  while (offset < end) {
    const header = readMp3FrameHeader(part, offset);
    if (!header || offset + header.length > end)
      fail(`audio part ${index} at byte ${offset}`, 'is not an MPEG Layer III frame');
    const frame = part.subarray(offset, offset + header!.length);
    offset += header!.length;
    if (first && isInfoFrame(frame, header!)) {
      first = false;
      continue;
    }
    first = false;
    frames.push(frame);
    samples += header!.samples;
    rate = header!.sampleRateHz;
  }
  return { id3, frames, durationMs: rate === 0 ? 0 : (samples / rate) * 1000 };
}

function isInfoFrame(frame: Uint8Array, header: Mp3FrameHeader): boolean {
  const tagAt = (at: number, tag: string) =>
    at + 4 <= frame.byteLength && [...tag].every((c, i) => frame[at + i] === c.charCodeAt(0));
  const at = 4 + header.sideInfoBytes;
  return tagAt(at, 'Xing') || tagAt(at, 'Info') || tagAt(4 + 32, 'VBRI');
}

// --- Ogg -------------------------------------------------------------------------------------------------

interface OggPage {
  readonly bytes: Uint8Array;
  readonly granule: bigint;
  readonly serial: number;
  readonly completedPackets: number;
  /** The page's packet data (for header comparison). */
  readonly body: Uint8Array;
}

function readOggPages(part: Uint8Array, index: number): OggPage[] {
  const pages: OggPage[] = [];
  let offset = 0;
  while (offset < part.byteLength) {
    const magic =
      part[offset] === 0x4f && part[offset + 1] === 0x67 && part[offset + 2] === 0x67 && part[offset + 3] === 0x53;
    if (!magic || offset + 27 > part.byteLength) fail(`audio part ${index} at byte ${offset}`, 'is not an Ogg page');
    const view = new DataView(part.buffer, part.byteOffset + offset, 27);
    const segments = part[offset + 26]!;
    let bodyLength = 0;
    let completed = 0;
    for (let i = 0; i < segments; i++) {
      const lacing = part[offset + 27 + i]!;
      bodyLength += lacing;
      if (lacing < 255) completed++;
    }
    const headerLength = 27 + segments;
    const length = headerLength + bodyLength;
    if (offset + length > part.byteLength) fail(`audio part ${index} at byte ${offset}`, 'is a truncated Ogg page');
    const bytes = part.subarray(offset, offset + length);
    pages.push({
      bytes,
      granule: view.getBigInt64(6, true),
      serial: view.getUint32(14, true),
      completedPackets: completed,
      body: bytes.subarray(headerLength),
    });
    offset += length;
  }
  if (pages.length === 0) fail(`audio part ${index}`, 'has no Ogg pages');
  return pages;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/**
 * The Ogg page checksum (CRC-32, polynomial 0x04C11DB7, not reflected, initial value 0) of `page`, whose
 * checksum field must be zero.
 *
 * @example
 * ```ts
 * view.setUint32(22, 0, true);
 * view.setUint32(22, oggCrc32(page), true);
 * ```
 */
export function oggCrc32(page: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < page.byteLength; i++) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ page[i]!) & 0xff]!) >>> 0;
  return crc >>> 0;
}

/**
 * Builds one Ogg page around `packets` (each must fit on the page: at most 255 lacing values in all).
 *
 * @example
 * ```ts
 * const page = oggPage({ packets: [opusHead], serial: 1, sequence: 0, granule: 0n, bos: true });
 * ```
 */
export function oggPage(options: {
  packets: readonly Uint8Array[];
  serial: number;
  sequence: number;
  granule: bigint;
  bos?: boolean;
  eos?: boolean;
}): Uint8Array {
  const lacing: number[] = [];
  for (const packet of options.packets) {
    let remaining = packet.byteLength;
    while (remaining >= 255) {
      lacing.push(255);
      remaining -= 255;
    }
    lacing.push(remaining);
  }
  if (lacing.length > 255) throw new ValidationError('packets', 'need more than 255 lacing values; use more pages');
  const body = concatBytes(options.packets);
  const page = new Uint8Array(27 + lacing.length + body.byteLength);
  page.set([0x4f, 0x67, 0x67, 0x53], 0);
  page[5] = (options.bos ? 0x02 : 0) | (options.eos ? 0x04 : 0);
  const view = new DataView(page.buffer);
  view.setBigInt64(6, options.granule, true);
  view.setUint32(14, options.serial, true);
  view.setUint32(18, options.sequence, true);
  page[26] = lacing.length;
  page.set(lacing, 27);
  page.set(body, 27 + lacing.length);
  view.setUint32(22, oggCrc32(page), true);
  return page;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
