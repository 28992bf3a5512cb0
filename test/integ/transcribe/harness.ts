/**
 * Shared audio and collection helpers for the Transcribe integration tests.
 */
import type { TranscribeEvent } from '../../../src/transcribe/types.js';

/** Deterministic 16-bit PCM: a 220 Hz tone with a slow amplitude envelope, `ms` long. */
export function tonePcm(ms: number, sampleRateHz = 16_000, channels = 1): Uint8Array {
  const frames = Math.round((ms / 1000) * sampleRateHz);
  const out = new Uint8Array(frames * channels * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRateHz;
    const value = Math.round(8000 * Math.sin(2 * Math.PI * 220 * t) * (0.5 + 0.5 * Math.sin(2 * Math.PI * 0.5 * t)));
    for (let c = 0; c < channels; c++) view.setInt16((i * channels + c) * 2, value, true);
  }
  return out;
}

/** Collects every event of an iterable. */
export async function collect(events: AsyncIterable<TranscribeEvent>): Promise<TranscribeEvent[]> {
  const all: TranscribeEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}
