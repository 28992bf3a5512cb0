/**
 * The helpers every command shares: the atomic output write, the progress line, and file arguments read
 * through `readFileArgument` (so a missing or broken file is named in words, never quoted).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { PROGRESS_BAR_WIDTH, progressBar } from '../../../src/cli/progressBar.js';
import { writeFileAtomically } from '../../../src/cli/writeFileAtomically.js';
import { isValidationError } from '../../../src/kit/errors.js';
import { fakeIo } from '../../helpers/fakeIo.js';
import { SENTINEL } from '../../helpers/sentinel.js';

const dir = mkdtempSync(join(tmpdir(), 'amk-cli-shared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomically', () => {
  it('writes and replaces the file, leaving no temporary file', async () => {
    const path = join(dir, 'out.bin');
    await writeFileAtomically('--out', path, new Uint8Array([1, 2, 3]));
    await writeFileAtomically('--out', path, 'replaced');
    expect(readFileSync(path, 'utf8')).toBe('replaced');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('names the flag and the file, in words, when the folder is gone', async () => {
    const path = join(dir, 'no-such-folder', 'out.mp3');
    const error = await writeFileAtomically('--marks', path, 'x').catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect(error).toMatchObject({ field: `--marks ${path}` });
    expect((error as Error).message).toContain('its folder no longer exists');
    expect((error as Error).message).not.toContain('.tmp');
  });
});

describe('progressBar', () => {
  it('fills in proportion, clamps, and redraws from the line start', () => {
    expect(progressBar(3, 10, 'requests 3/10')).toBe(`\r[${'#'.repeat(9)}${'-'.repeat(21)}] requests 3/10`);
    expect(progressBar(0, 0, 'x')).toBe(`\r[${'-'.repeat(PROGRESS_BAR_WIDTH)}] x`);
    expect(progressBar(12, 10, 'x')).toBe(`\r[${'#'.repeat(PROGRESS_BAR_WIDTH)}] x`);
  });
});

describe('file arguments of the newer commands', () => {
  async function stderrOf(argv: string[]): Promise<{ code: number; stderr: string }> {
    const io = fakeIo();
    const code = await main(argv, io.io);
    return { code, stderr: io.stderr };
  }

  it.each([
    ['ground-truth', ['ground-truth', 'plan']],
    ['transcribe', ['transcribe']],
    ['polly', ['polly', 'synthesize']],
  ])('%s names a missing file instead of printing ENOENT', async (_name, argv) => {
    const missing = join(dir, 'missing.input');
    const extra = argv[0] === 'polly' ? ['--out', join(dir, 'o.mp3')] : [];
    const { code, stderr } = await stderrOf([...argv, missing, ...extra]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${missing} does not exist`);
    expect(stderr).not.toContain('ENOENT');
  });

  it('ground-truth says where a workflow file is broken without quoting it', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, `{"batchId": "${SENTINEL}" oops}`);
    const { code, stderr } = await stderrOf(['ground-truth', 'plan', broken]);
    expect(code).toBe(1);
    expect(stderr).toContain(broken);
    expect(stderr).not.toContain(SENTINEL);
  });
});
