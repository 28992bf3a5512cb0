import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { TranscribeStreamingStandIn } from '../../../src/testing/TranscribeStreamingStandIn.js';
import { encodeWav } from '../../../src/transcribe/wav.js';
import { fakeIo } from '../../helpers/fakeIo.js';
import { tonePcm } from './harness.js';

const WAV = resolve(import.meta.dirname, '../../fixtures/transcribe/speech-like-16k.wav');
const PHRASES = ['first phrase here', 'second phrase', 'third one'];

describe('CLI: aws-ml-kit transcribe against the stand-in', () => {
  let standIn: TranscribeStreamingStandIn;
  const env = { AWS_ACCESS_KEY_ID: 'stand-in', AWS_SECRET_ACCESS_KEY: 'stand-in' };
  const saved = {
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY,
  };
  beforeAll(async () => {
    standIn = await TranscribeStreamingStandIn.start({ phrases: PHRASES, phraseMs: 2_000, webSocket: false });
    Object.assign(process.env, env);
  });
  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await standIn.close();
  });

  const args = (...extra: string[]) => [
    'transcribe',
    WAV,
    '--endpoint',
    standIn.clientConfig().endpoint,
    '--region',
    'us-east-1',
    '--speed',
    '0',
    ...extra,
  ];

  it('prints the final transcript as text', async () => {
    const io = fakeIo();
    expect(await main(args(), io.io)).toBe(0);
    expect(io.stdout).toBe(`${PHRASES.join('\n')}\n`);
  });

  it('prints SRT and JSON, with progress on a TTY', async () => {
    const srt = fakeIo({ isTTY: true });
    expect(await main(args('--format', 'srt', '--speaker-labels'), srt.io)).toBe(0);
    expect(srt.stdout).toContain('1\n00:00:00,000 --> 00:00:02,000\nspk_0: first phrase here\n');
    expect(srt.stdout).toContain('3\n00:00:04,000 --> 00:00:05,000\nspk_0: third one\n');
    expect(srt.stderr).toContain('5.0 s / 5.0 s sent');
    const json = fakeIo();
    expect(await main(args('--format', 'json'), json.io)).toBe(0);
    expect(JSON.parse(json.stdout).text).toBe(PHRASES.join(' '));
  });

  it('resamples when asked and refuses a rate Transcribe rejects otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'transcribe-cli-'));
    const file = join(dir, 'hi-rate.wav');
    writeFileSync(file, encodeWav(tonePcm(500, 96_000), { sampleRateHz: 96_000 }));
    const refused = fakeIo();
    expect(
      await main(['transcribe', file, '--endpoint', standIn.clientConfig().endpoint, '--speed', '0'], refused.io),
    ).toBe(1);
    expect(refused.stderr).toContain('audio.sampleRateHz');
    const resampled = fakeIo();
    const code = await main(
      [
        'transcribe',
        file,
        '--endpoint',
        standIn.clientConfig().endpoint,
        '--region',
        'us-east-1',
        '--speed',
        '0',
        '--resample-to',
        '16000',
      ],
      resampled.io,
    );
    expect(code).toBe(0);
    expect(standIn.sessions.at(-1)).toMatchObject({ sampleRateHz: 16_000, audioBytes: 16_000 });
  });

  it('rejects bad arguments with exit code 2 and the usage', async () => {
    for (const bad of [[], ['a.wav', 'b.wav'], ['a.wav', '--format', 'vtt'], ['a.wav', '--speed', '-1']]) {
      const io = fakeIo();
      expect(await main(['transcribe', ...bad], io.io)).toBe(2);
      expect(io.stderr).toContain('Usage: aws-ml-kit transcribe');
    }
  });
});
