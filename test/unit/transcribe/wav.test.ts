import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isValidationError, type ValidationError } from '../../../src/kit/errors.js';
import { resamplePcm16 } from '../../../src/transcribe/resamplePcm16.js';
import { encodeWav, parseWav, pcmDurationMs } from '../../../src/transcribe/wav.js';

function validationOf(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (isValidationError(error)) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

/** A WAV header with arbitrary format fields, for the formats Transcribe's pcm does not take. */
function wavWith(fields: {
  tag?: number;
  channels?: number;
  rate?: number;
  bits?: number;
  extra?: Uint8Array;
}): Uint8Array {
  const data = new Uint8Array(64);
  const extra = fields.extra ?? new Uint8Array(0);
  const out = new Uint8Array(12 + 8 + 16 + extra.byteLength + 8 + data.byteLength);
  const view = new DataView(out.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, out.byteLength - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  const channels = fields.channels ?? 1;
  const bits = fields.bits ?? 16;
  view.setUint16(20, fields.tag ?? 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, fields.rate ?? 16_000, true);
  view.setUint16(32, (channels * bits) / 8, true);
  view.setUint16(34, bits, true);
  out.set(extra, 36);
  ascii(36 + extra.byteLength, 'data');
  view.setUint32(40 + extra.byteLength, data.byteLength, true);
  return out;
}

describe('parseWav', () => {
  test.prop([fc.integer({ min: 0, max: 400 }), fc.constantFrom(1, 2), fc.integer({ min: 8_000, max: 48_000 })])(
    'round-trips encodeWav for any PCM, channel count and accepted rate',
    (frames, channels, rate) => {
      const pcm = new Uint8Array(frames * channels * 2).map((_, i) => (i * 37) & 0xff);
      const wav = parseWav(encodeWav(pcm, { sampleRateHz: rate, channels }));
      expect(wav).toMatchObject({ sampleRateHz: rate, channels, bitsPerSample: 16, truncated: false });
      expect([...wav.pcm]).toEqual([...pcm]);
      expect(wav.durationMs).toBeCloseTo(pcmDurationMs(pcm.byteLength, rate, channels));
    },
  );

  it('skips LIST chunks and odd-size pad bytes', () => {
    const base = encodeWav(new Uint8Array([1, 2, 3, 4]), { sampleRateHz: 16_000 });
    const list = new Uint8Array([0x4c, 0x49, 0x53, 0x54, 3, 0, 0, 0, 9, 9, 9, 0]); // 'LIST', 3 bytes + pad
    const file = new Uint8Array(base.byteLength + list.byteLength);
    file.set(base.subarray(0, 36));
    file.set(list, 36);
    file.set(base.subarray(36), 36 + list.byteLength);
    expect([...parseWav(file).pcm]).toEqual([1, 2, 3, 4]);
  });

  it('accepts WAVE_FORMAT_EXTENSIBLE with the PCM sub-format and a truncated data chunk', () => {
    const extensible = wavWith({ tag: 0xfffe, extra: new Uint8Array(24) });
    new DataView(extensible.buffer).setUint32(16, 40, true);
    extensible[36 + 8] = 1; // sub-format GUID starts 0x0001
    const parsed = parseWav(extensible);
    expect(parsed.sampleRateHz).toBe(16_000);
    const cut = encodeWav(new Uint8Array(100), { sampleRateHz: 16_000 }).subarray(0, 44 + 51);
    expect(parseWav(cut)).toMatchObject({ truncated: true });
    expect(parseWav(cut).pcm.byteLength).toBe(50);
  });

  it.each([
    [{ tag: 3, bits: 32 }, 'audio.format', /IEEE float/],
    [{ tag: 7, bits: 8 }, 'audio.format', /µ-law/],
    [{ tag: 6, bits: 8 }, 'audio.format', /A-law/],
    [{ bits: 8 }, 'audio.bitsPerSample', /got 8/],
    [{ bits: 24 }, 'audio.bitsPerSample', /got 24/],
    [{ channels: 6 }, 'audio.channels', /got 6/],
    [{ rate: 44_100 * 2 }, 'audio.sampleRateHz', /8000–48000 Hz\), got 88200/],
    [{ rate: 4_000 }, 'audio.sampleRateHz', /got 4000/],
  ])('refuses %o with a ValidationError on %s', (fields, field, rule) => {
    const error = validationOf(() => parseWav(wavWith(fields)));
    expect(error.field).toBe(field);
    expect(error.rule).toMatch(rule);
  });

  it('accepts any rate when the caller will resample', () => {
    expect(parseWav(wavWith({ rate: 96_000 }), { allowAnySampleRate: true }).sampleRateHz).toBe(96_000);
  });

  it('refuses what is not a WAV file', () => {
    expect(validationOf(() => parseWav(new Uint8Array(10))).field).toBe('audio');
    expect(validationOf(() => parseWav(new TextEncoder().encode('RIFF\0\0\0\0WAVE'))).rule).toMatch(/no fmt chunk/);
    expect(validationOf(() => parseWav('x' as never)).field).toBe('audio');
  });

  it('encodeWav refuses half sample frames and bad formats', () => {
    expect(validationOf(() => encodeWav(new Uint8Array(3), { sampleRateHz: 16_000 })).field).toBe('pcm');
    expect(validationOf(() => encodeWav(new Uint8Array(4), { sampleRateHz: 0 })).field).toBe('options.sampleRateHz');
    expect(validationOf(() => encodeWav(new Uint8Array(4), { sampleRateHz: 8_000, channels: 0 })).field).toBe(
      'options.channels',
    );
  });
});

describe('resamplePcm16', () => {
  const sine = (rate: number, ms: number, hz: number) => {
    const n = Math.round((rate * ms) / 1000);
    const out = new Uint8Array(n * 2);
    const view = new DataView(out.buffer);
    for (let i = 0; i < n; i++)
      view.setInt16(i * 2, Math.round(10_000 * Math.sin((2 * Math.PI * hz * i) / rate)), true);
    return out;
  };

  it('changes the length by the rate ratio and keeps a tone in band', () => {
    const down = resamplePcm16(sine(44_100, 100, 440), { fromHz: 44_100, toHz: 16_000 });
    expect(down.byteLength).toBe(1_600 * 2);
    const up = resamplePcm16(sine(8_000, 100, 440), { fromHz: 8_000, toHz: 16_000 });
    expect(up.byteLength).toBe(1_600 * 2);
    const peak = (pcm: Uint8Array) => {
      const view = new DataView(pcm.buffer);
      let max = 0;
      for (let i = 0; i < pcm.byteLength; i += 2) max = Math.max(max, Math.abs(view.getInt16(i, true)));
      return max;
    };
    expect(peak(down)).toBeGreaterThan(9_000);
    expect(peak(up)).toBeGreaterThan(9_000);
  });

  it('attenuates a tone above the new Nyquist frequency when downsampling', () => {
    const rms = (pcm: Uint8Array) => {
      const view = new DataView(pcm.buffer);
      let sum = 0;
      for (let i = 0; i < pcm.byteLength; i += 2) sum += view.getInt16(i, true) ** 2;
      return Math.sqrt(sum / (pcm.byteLength / 2));
    };
    const high = sine(48_000, 200, 11_000); // above 4 kHz Nyquist of 8 kHz
    expect(rms(resamplePcm16(high, { fromHz: 48_000, toHz: 8_000 }))).toBeLessThan(rms(high) * 0.5);
  });

  it('copies when the rates match and validates its arguments', () => {
    const pcm = new Uint8Array([1, 2, 3, 4]);
    const same = resamplePcm16(pcm, { fromHz: 16_000, toHz: 16_000 });
    expect([...same]).toEqual([1, 2, 3, 4]);
    expect(same).not.toBe(pcm);
    expect(validationOf(() => resamplePcm16(pcm, { fromHz: 0, toHz: 16_000 })).field).toBe('options.fromHz');
    expect(validationOf(() => resamplePcm16(new Uint8Array(3), { fromHz: 8_000, toHz: 16_000 })).field).toBe('pcm');
  });
});
