/**
 * Sample-rate conversion of 16-bit PCM, used only when the caller asks for it.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';

/**
 * Converts interleaved 16-bit little-endian PCM from one sample rate to another by linear interpolation. When
 * downsampling, each output sample first averages the input samples it spans (a box low-pass), so content
 * above the new Nyquist frequency is attenuated instead of folding straight back as aliasing. This is a
 * speech-grade converter, not a mastering one: use a dedicated resampler when fidelity matters.
 *
 * @example
 * ```ts
 * const wav = parseWav(bytes, { allowAnySampleRate: true });
 * const pcm16k = resamplePcm16(wav.pcm, { fromHz: wav.sampleRateHz, toHz: 16_000, channels: wav.channels });
 * ```
 * @throws ValidationError for rates that are not positive integers or PCM that is not whole sample frames.
 */
export function resamplePcm16(
  pcm: Uint8Array,
  options: { readonly fromHz: number; readonly toHz: number; readonly channels?: number },
): Uint8Array {
  const { fromHz, toHz } = options;
  const channels = options.channels ?? 1;
  for (const [field, value] of [
    ['options.fromHz', fromHz],
    ['options.toHz', toHz],
    ['options.channels', channels],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0)
      throw new ValidationError(field, `must be a positive integer, got ${value}`);
  }
  if (pcm.byteLength % (2 * channels) !== 0) {
    throw new ValidationError('pcm', `must hold whole sample frames of ${2 * channels} bytes, got ${pcm.byteLength}`);
  }
  if (fromHz === toHz) return pcm.slice();
  const input = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const inFrames = pcm.byteLength / (2 * channels);
  const outFrames = Math.floor((inFrames * toHz) / fromHz);
  const out = new Uint8Array(outFrames * 2 * channels);
  const output = new DataView(out.buffer);
  const step = fromHz / toHz;
  const sample = (frame: number, channel: number): number =>
    input.getInt16((Math.min(frame, inFrames - 1) * channels + channel) * 2, true);
  for (let i = 0; i < outFrames; i++) {
    const position = i * step;
    for (let c = 0; c < channels; c++) {
      let value: number;
      if (step > 1) {
        const start = Math.floor(position);
        const end = Math.min(inFrames, Math.max(start + 1, Math.floor(position + step)));
        let sum = 0;
        for (let f = start; f < end; f++) sum += sample(f, c);
        value = sum / (end - start);
      } else {
        const left = Math.floor(position);
        const fraction = position - left;
        value = sample(left, c) * (1 - fraction) + sample(left + 1, c) * fraction;
      }
      output.setInt16((i * channels + c) * 2, Math.max(-32768, Math.min(32767, Math.round(value))), true);
    }
  }
  return out;
}
