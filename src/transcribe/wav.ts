/**
 * WAV (RIFF/WAVE) parsing and writing for 16-bit little-endian PCM, the encoding Transcribe streaming calls `pcm`.
 * Transcribe wants the raw samples, not the file: the header must be stripped, which is what {@link parseWav} does.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { assertTranscribeSampleRate, TRANSCRIBE_STREAMING_LIMITS } from './limits.js';

/** A parsed WAV file: its format and a view of its PCM samples (no copy). */
export interface WavAudio {
  /** Samples per second per channel. */
  readonly sampleRateHz: number;
  /** Interleaved channels: 1 or 2. */
  readonly channels: number;
  /** Always 16. */
  readonly bitsPerSample: 16;
  /** The `data` chunk: signed 16-bit little-endian samples, interleaved. */
  readonly pcm: Uint8Array;
  /** Duration of `pcm` in milliseconds. */
  readonly durationMs: number;
  /** True when the `data` chunk declared more bytes than the file holds (a recording cut short, or a streamed WAV). */
  readonly truncated: boolean;
}

/** Options of {@link parseWav}. */
export interface ParseWavOptions {
  /**
   * Accept any sample rate, because the caller will resample (see {@link resamplePcm16}). Default `false`:
   * a rate Transcribe rejects is a {@link ValidationError}.
   */
  readonly allowAnySampleRate?: boolean;
}

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const FORMAT_NAMES: Readonly<Record<number, string>> = {
  3: 'IEEE float',
  6: 'A-law',
  7: 'µ-law',
  17: 'IMA ADPCM',
  85: 'MP3',
};

/**
 * Parses a WAV file held in memory. Walks the RIFF chunks (skipping `LIST`, `fact`, odd-size pad bytes …), checks
 * the format is 16-bit little-endian PCM (plain or `WAVE_FORMAT_EXTENSIBLE` with the PCM sub-format), 1 or 2
 * channels, and a sample rate Transcribe accepts.
 *
 * @example
 * ```ts
 * const wav = parseWav(await readFile('call.wav'));
 * console.log(wav.sampleRateHz, wav.channels, wav.durationMs);
 * ```
 * @throws ValidationError naming `audio.<field>` for anything else: not RIFF/WAVE, no `fmt ` or `data`
 * chunk, another encoding (float, A-law, µ-law, ADPCM …), another bit depth, more than 2 channels, a rate outside
 * 8,000–48,000 Hz.
 */
export function parseWav(bytes: Uint8Array, options: ParseWavOptions = {}): WavAudio {
  if (!(bytes instanceof Uint8Array)) throw new ValidationError('audio', 'must be a Uint8Array holding a WAV file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WAVE') {
    throw new ValidationError(
      'audio',
      `must be a RIFF/WAVE file (${bytes.byteLength} bytes without a RIFF/WAVE header)`,
    );
  }
  let format: { tag: number; channels: number; sampleRateHz: number; blockAlign: number; bits: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = ascii(bytes, offset);
    const declared = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (declared < 16 || body + 16 > bytes.byteLength) {
        throw new ValidationError('audio.fmt', `chunk must hold at least 16 bytes, got ${declared}`);
      }
      let tag = view.getUint16(body, true);
      if (tag === WAVE_FORMAT_EXTENSIBLE && declared >= 40 && body + 26 <= bytes.byteLength) {
        tag = view.getUint16(body + 24, true); // first two bytes of the sub-format GUID
      }
      format = {
        tag,
        channels: view.getUint16(body + 2, true),
        sampleRateHz: view.getUint32(body + 4, true),
        blockAlign: view.getUint16(body + 12, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!format) throw new ValidationError('audio', 'has its data chunk before the fmt chunk');
      checkFormat(format, options);
      const available = bytes.byteLength - body;
      const truncated = declared > available;
      let length = Math.min(declared, available);
      length -= length % format.blockAlign; // a cut-off last sample frame is dropped, never half-sent
      const pcm = bytes.subarray(body, body + length);
      return {
        sampleRateHz: format.sampleRateHz,
        channels: format.channels,
        bitsPerSample: 16,
        pcm,
        durationMs: pcmDurationMs(pcm.byteLength, format.sampleRateHz, format.channels),
        truncated,
      };
    }
    offset = body + declared + (declared % 2); // RIFF chunks are padded to even sizes
  }
  throw new ValidationError('audio', format ? 'has no data chunk' : 'has no fmt chunk');
}

function checkFormat(
  format: { tag: number; channels: number; sampleRateHz: number; blockAlign: number; bits: number },
  options: ParseWavOptions,
): void {
  if (format.tag !== WAVE_FORMAT_PCM) {
    const name = FORMAT_NAMES[format.tag] ?? `format tag 0x${format.tag.toString(16).padStart(4, '0')}`;
    throw new ValidationError('audio.format', `must be 16-bit little-endian PCM (Transcribe pcm), got ${name}`);
  }
  if (format.bits !== 16) {
    throw new ValidationError(
      'audio.bitsPerSample',
      `must be 16 (Transcribe pcm is signed 16-bit), got ${format.bits}`,
    );
  }
  if (format.channels < 1 || format.channels > TRANSCRIBE_STREAMING_LIMITS.maxChannels) {
    throw new ValidationError('audio.channels', `must be 1 or 2, got ${format.channels}`);
  }
  if (format.blockAlign !== format.channels * 2) {
    throw new ValidationError(
      'audio.blockAlign',
      `must be channels × 2 = ${format.channels * 2}, got ${format.blockAlign}`,
    );
  }
  if (options.allowAnySampleRate) {
    if (!(format.sampleRateHz > 0)) throw new ValidationError('audio.sampleRateHz', 'must be positive, got 0');
  } else {
    assertTranscribeSampleRate(format.sampleRateHz, 'audio.sampleRateHz');
  }
}

/**
 * Duration in milliseconds of `byteLength` bytes of 16-bit PCM.
 *
 * @example
 * ```ts
 * pcmDurationMs(3_200, 16_000, 1); // 100
 * ```
 */
export function pcmDurationMs(byteLength: number, sampleRateHz: number, channels: number): number {
  return (byteLength / (2 * channels * sampleRateHz)) * 1000;
}

/** Format of {@link encodeWav}. */
export interface EncodeWavOptions {
  /** Samples per second per channel. */
  readonly sampleRateHz: number;
  /** Interleaved channels. Default 1. */
  readonly channels?: number;
}

/**
 * Wraps 16-bit little-endian PCM in a 44-byte canonical WAV header.
 *
 * @example
 * ```ts
 * const file = encodeWav(pcm, { sampleRateHz: 16_000 });
 * ```
 * @throws ValidationError when `pcm` is not whole sample frames or the format is out of range.
 */
export function encodeWav(pcm: Uint8Array, options: EncodeWavOptions): Uint8Array {
  const channels = options.channels ?? 1;
  if (!Number.isInteger(channels) || channels < 1 || channels > 8) {
    throw new ValidationError('options.channels', `must be an integer 1–8, got ${channels}`);
  }
  if (!Number.isInteger(options.sampleRateHz) || options.sampleRateHz <= 0) {
    throw new ValidationError('options.sampleRateHz', `must be a positive integer, got ${options.sampleRateHz}`);
  }
  if (pcm.byteLength % (channels * 2) !== 0) {
    throw new ValidationError('pcm', `must hold whole sample frames of ${channels * 2} bytes, got ${pcm.byteLength}`);
  }
  const out = new Uint8Array(44 + pcm.byteLength);
  const view = new DataView(out.buffer);
  writeAscii(out, 0, 'RIFF');
  view.setUint32(4, 36 + pcm.byteLength, true);
  writeAscii(out, 8, 'WAVE');
  writeAscii(out, 12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, WAVE_FORMAT_PCM, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, options.sampleRateHz, true);
  view.setUint32(28, options.sampleRateHz * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  writeAscii(out, 36, 'data');
  view.setUint32(40, pcm.byteLength, true);
  out.set(pcm, 44);
  return out;
}

function ascii(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!, bytes[offset + 3]!);
}

function writeAscii(bytes: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
}
