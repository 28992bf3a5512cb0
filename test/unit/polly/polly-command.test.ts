import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { pollyCommand } from '../../../src/cli/polly-command.js';
import { PollyStandIn } from '../../../src/testing/index.js';
import { fakeIo } from '../../helpers/fakeIo.js';
import { SENTINEL } from '../../helpers/sentinel.js';

describe('aws-ml-kit polly synthesize', () => {
  let dir: string;
  let standIn: PollyStandIn;
  beforeAll(async () => {
    standIn = await PollyStandIn.start();
  });
  afterAll(() => standIn.close());
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'polly-cli-'));
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'stand-in');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'stand-in');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(dir, { recursive: true, force: true });
  });

  it('speaks a long SSML file into one audio file and merged marks, with progress on a TTY', async () => {
    const input = join(dir, 'story.ssml');
    const ssml = `<speak>${'Tom wants to buy a <emphasis>used</emphasis> car. '.repeat(200)}</speak>`;
    await writeFile(input, ssml);
    const out = join(dir, 'story.mp3');
    const marks = join(dir, 'story.json');
    const fake = fakeIo({ isTTY: true });
    const args = ['synthesize', input, '--out', out, '--marks', marks, '--engine', 'neural', '--downgrade'];
    const code = await pollyCommand.run([...args, '--endpoint', standIn.url, '--region', 'us-east-1'], fake.io);
    expect(code).toBe(0);
    expect(fake.stdout).toMatch(/story\.mp3: \d+ requests, 5800 billed characters/);
    expect(fake.stderr).toContain('requests 1/');
    expect(fake.stderr).toContain('<emphasis> at offset 26 removed for the neural engine');
    const audio = await readFile(out);
    expect(audio[0]).toBe(0xff);
    const speechMarks = JSON.parse(await readFile(marks, 'utf8')) as {
      type: string;
      start: number;
      end: number;
      value: string;
    }[];
    const words = speechMarks.filter((m) => m.type === 'word');
    expect(words.length).toBe(1400);
    for (const w of words) expect(ssml.slice(w.start, w.end)).toBe(w.value);
    expect((await readdir(dir)).sort()).toEqual(['story.json', 'story.mp3', 'story.ssml']); // no temporary files left
  });

  it('fails on bad SSML before any request, without quoting the text, and writes nothing', async () => {
    const input = join(dir, 'bad.ssml');
    await writeFile(input, `<speak><p>${SENTINEL}</speak>`);
    const before = standIn.server.calls.length;
    const fake = fakeIo();
    const code = await main(
      ['polly', 'synthesize', input, '--out', join(dir, 'x.mp3'), '--endpoint', standIn.url, '--region', 'us-east-1'],
      fake.io,
    );
    expect(code).toBe(1);
    expect(fake.stderr).toContain('is not well-formed');
    expect(fake.stderr).not.toContain(SENTINEL);
    expect(standIn.server.calls.length).toBe(before);
    expect(await readdir(dir)).toEqual(['bad.ssml']);
  });

  it('reads standard input as plain text, and reports usage mistakes with exit code 2', async () => {
    const fake = fakeIo({ stdin: 'Hello from standard input.' });
    const out = join(dir, 'in.pcm');
    const args = [
      'synthesize',
      '-',
      '--out',
      out,
      '--format',
      'pcm',
      '--endpoint',
      standIn.url,
      '--region',
      'us-east-1',
    ];
    expect(await pollyCommand.run(args, fake.io)).toBe(0);
    expect((await readFile(out)).length % 2).toBe(0);
    const usage = fakeIo();
    expect(await pollyCommand.run(['synthesize', 'x.txt'], usage.io)).toBe(2);
    expect(usage.stderr).toContain('--out <audio file> is required');
    expect(await pollyCommand.run(['speak'], usage.io)).toBe(2);
    expect(await pollyCommand.run(['synthesize', 'x', '--out', 'y', '--format', 'wav'], usage.io)).toBe(2);
  });
});
