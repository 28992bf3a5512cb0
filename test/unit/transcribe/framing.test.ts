import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/kit/errors.js';
import { frameByteLength, framePcm, type PacingClock, paceFrames } from '../../../src/transcribe/framePcm.js';

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function concat(parts: Uint8Array[]): number[] {
  return parts.flatMap((part) => [...part]);
}

describe('framePcm', () => {
  test.prop([
    fc.integer({ min: 0, max: 3_000 }).map((n) => n * 2),
    fc.array(fc.integer({ min: 1, max: 977 }), { minLength: 1, maxLength: 8 }),
    fc.integer({ min: 50, max: 200 }),
    fc.constantFrom(8_000, 16_000, 22_050, 44_100),
  ])('frames concatenate to the input, all one size but the last', async (bytes, cuts, frameMs, rate) => {
    const input = new Uint8Array(bytes).map((_, i) => (i * 31 + 7) & 0xff);
    // Cut the input into chunks of arbitrary sizes, as a microphone or a socket would deliver it.
    const chunks: Uint8Array[] = [];
    for (let offset = 0, i = 0; offset < input.byteLength; i++) {
      const size = cuts[i % cuts.length]!;
      chunks.push(input.subarray(offset, offset + size));
      offset += size;
    }
    const size = frameByteLength({ sampleRateHz: rate, frameMs });
    for (const source of [
      input,
      chunks,
      (async function* () {
        yield* chunks;
      })(),
    ]) {
      const frames = await all(framePcm(source, { sampleRateHz: rate, frameMs }));
      expect(concat(frames)).toEqual([...input]);
      expect(frames.slice(0, -1).every((frame) => frame.byteLength === size)).toBe(true);
      expect(
        frames.every((frame) => frame.byteLength > 0 && frame.byteLength <= size && frame.byteLength % 2 === 0),
      ).toBe(true);
    }
  });

  it('sizes frames in whole sample frames: 100 ms of 16 kHz mono is 3,200 bytes, 50 ms of 8 kHz stereo 1,600', () => {
    expect(frameByteLength({ sampleRateHz: 16_000 })).toBe(3_200);
    expect(frameByteLength({ sampleRateHz: 8_000, channels: 2, frameMs: 50 })).toBe(1_600);
    expect(frameByteLength({ sampleRateHz: 22_050, frameMs: 50 }) % 2).toBe(0);
  });

  it.each([
    [{ sampleRateHz: 16_000, frameMs: 49 }, 'options.frameMs'],
    [{ sampleRateHz: 16_000, frameMs: 201 }, 'options.frameMs'],
    [{ sampleRateHz: 16_000, frameMs: Number.NaN }, 'options.frameMs'],
    [{ sampleRateHz: 16_000, channels: 3 }, 'options.channels'],
    [{ sampleRateHz: 0 }, 'options.sampleRateHz'],
  ])('refuses %o', (options, field) => {
    let error: unknown;
    try {
      frameByteLength(options);
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error) && error.field).toBe(field);
  });

  it('refuses a source that ends mid-sample or yields non-bytes', async () => {
    await expect(all(framePcm([new Uint8Array(3)], { sampleRateHz: 16_000 }))).rejects.toMatchObject({
      field: 'audio',
    });
    await expect(all(framePcm(new Uint8Array(6), { sampleRateHz: 16_000, channels: 2 }))).rejects.toMatchObject({
      field: 'audio',
    });
    await expect(all(framePcm(['x'] as never, { sampleRateHz: 16_000 }))).rejects.toMatchObject({ field: 'audio' });
    await expect(all(framePcm(42 as never, { sampleRateHz: 16_000 }))).rejects.toMatchObject({ field: 'audio' });
  });
});

describe('paceFrames', () => {
  function fakeClock(): PacingClock & { waits: number[] } {
    let now = 0;
    const waits: number[] = [];
    return {
      waits,
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    };
  }

  it('releases each frame when the audio before it has played', async () => {
    const clock = fakeClock();
    const frames = framePcm(new Uint8Array(3_200 * 4), { sampleRateHz: 16_000 });
    const out = await all(paceFrames(frames, { sampleRateHz: 16_000, clock }));
    expect(out).toHaveLength(4);
    expect(clock.waits).toEqual([100, 100, 100]);
    expect(clock.now()).toBe(300);
  });

  it('runs faster with speed and does not wait when the source is already behind', async () => {
    const clock = fakeClock();
    await all(
      paceFrames(framePcm(new Uint8Array(3_200 * 3), { sampleRateHz: 16_000 }), {
        sampleRateHz: 16_000,
        speed: 4,
        clock,
      }),
    );
    expect(clock.waits).toEqual([25, 25]);
    const slow = fakeClock();
    const lagging = (async function* () {
      for (let i = 0; i < 3; i++) {
        await slow.sleep(500); // the source itself is slower than real time
        yield new Uint8Array(3_200);
      }
    })();
    await all(paceFrames(lagging, { sampleRateHz: 16_000, clock: slow }));
    expect(slow.waits).toEqual([500, 500, 500]);
  });

  it('stops on abort and refuses a bad speed', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      all(
        paceFrames(framePcm(new Uint8Array(3_200), { sampleRateHz: 16_000 }), {
          sampleRateHz: 16_000,
          clock: fakeClock(),
          signal: controller.signal,
        }),
      ),
    ).rejects.toThrow('stop');
    await expect(
      all(
        paceFrames(framePcm(new Uint8Array(3_200), { sampleRateHz: 16_000 }), {
          sampleRateHz: 16_000,
          clock: fakeClock(),
          speed: 0,
        }),
      ),
    ).rejects.toMatchObject({ field: 'options.speed' });
  });
});
