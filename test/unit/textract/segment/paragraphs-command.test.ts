import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraphsCommand } from '../../../../src/cli/paragraphs-command.js';
import { isValidationError } from '../../../../src/kit/errors.js';
import type { TextractBlockLike } from '../../../../src/textract/model/TextractBlockLike.js';
import { fakeIo } from '../../../helpers/fakeIo.js';
import { SENTINEL } from '../../../helpers/sentinel.js';
import { FIXTURES, loadFixture } from './fixtures.js';

const MULTICOL = join(FIXTURES, '01-multicol/test-multicol-response.json');
const FINANCIAL = join(FIXTURES, '04-financial-document-layout/financial-document-response.json');

describe('CLI: aws-ml-kit paragraphs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paragraphs-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints JSON segments with role, page, text, readingOrder and lineIds', async () => {
    const io = fakeIo();
    expect(await paragraphsCommand.run([MULTICOL], io.io)).toBe(0);
    const json = JSON.parse(io.stdout) as Record<string, unknown>[];
    expect(json).toHaveLength(8);
    expect(Object.keys(json[0]!).sort()).toEqual(['lineIds', 'page', 'readingOrder', 'role', 'text']);
    expect(json[0]).toMatchObject({ role: 'title', page: 1, readingOrder: 0, text: 'Multi-column test document' });
    expect(json.flatMap((s) => s.lineIds as string[])).toHaveLength(22);
  });

  it('adds the cell grid of tables whose cells are known', async () => {
    const io = fakeIo();
    expect(await paragraphsCommand.run([FINANCIAL, '--mode', 'layout'], io.io)).toBe(0);
    const json = JSON.parse(io.stdout) as { role: string; table?: string[][] }[];
    const tables = json.filter((s) => s.role === 'table');
    expect(tables.length).toBeGreaterThan(0);
    const grid = tables[0]!.table!;
    expect(grid.length).toBeGreaterThan(1);
    expect(new Set(grid.map((row) => row.length)).size).toBe(1);
    expect(json.filter((s) => s.role !== 'table').every((s) => s.table === undefined)).toBe(true);
  });

  it('prints text and markdown, and honours --mode and --use-layout', async () => {
    const text = fakeIo();
    expect(await paragraphsCommand.run([MULTICOL, '--format', 'text'], text.io)).toBe(0);
    expect(text.stdout.split('\n\n')).toHaveLength(8);

    const markdown = fakeIo();
    expect(await paragraphsCommand.run([FINANCIAL, '--format', 'markdown', '--mode', 'layout'], markdown.io)).toBe(0);
    expect(markdown.stdout).toContain('# ADMINISTERED ACCOUNTS');

    const layout = fakeIo();
    const ignore = fakeIo();
    await paragraphsCommand.run([FINANCIAL], layout.io);
    await paragraphsCommand.run([FINANCIAL, '--use-layout', 'ignore', '--mode', 'lineSpacing'], ignore.io);
    expect(layout.stdout).not.toEqual(ignore.stdout);
  });

  it('treats several files as the paginated parts of one document, in any order', async () => {
    const response = loadFixture('19-multipage-3p-json-only/gib_multi_page_table_merge.json');
    const blocks = response.Blocks ?? [];
    const parts = [1, 2, 3].map((page) => ({ Blocks: blocks.filter((b: TextractBlockLike) => b.Page === page) }));
    const files = await Promise.all(
      parts.map(async (part, i) => {
        const file = join(dir, `part-${i}.json`);
        await writeFile(file, JSON.stringify(part));
        return file;
      }),
    );
    const whole = fakeIo();
    const split = fakeIo();
    await paragraphsCommand.run(
      [join(FIXTURES, '19-multipage-3p-json-only/gib_multi_page_table_merge.json')],
      whole.io,
    );
    expect(await paragraphsCommand.run([files[2]!, files[0]!, files[1]!], split.io)).toBe(0);
    expect(split.stdout).toEqual(whole.stdout);
    expect(new Set((JSON.parse(split.stdout) as { page: number }[]).map((s) => s.page))).toEqual(new Set([1, 2, 3]));
  });

  it('reads standard input for "-"', async () => {
    const io = fakeIo({ stdin: JSON.stringify(loadFixture('01-multicol/test-multicol-response.json')) });
    expect(await paragraphsCommand.run(['-', '--format', 'text'], io.io)).toBe(0);
    expect(io.stdout.startsWith('Multi-column test document')).toBe(true);
  });

  it('exits 2 with the usage for bad arguments', async () => {
    for (const argv of [
      [],
      [MULTICOL, '--mode', 'words'],
      [MULTICOL, '--format', 'pdf'],
      [MULTICOL, '--use-layout', 'x'],
      [MULTICOL, '--nope'],
    ]) {
      const io = fakeIo();
      expect(await paragraphsCommand.run(argv, io.io)).toBe(2);
      expect(io.stderr).toContain('Usage: aws-ml-kit paragraphs');
    }
  });

  it('rejects malformed JSON with a ValidationError that does not quote the file', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, `{ "Blocks": [ ${SENTINEL}`);
    const error = await paragraphsCommand.run([file], fakeIo().io).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect(String(error)).not.toContain(SENTINEL);
    const notTextract = join(dir, 'other.json');
    await writeFile(notTextract, '{"hello": 1}');
    expect(isValidationError(await paragraphsCommand.run([notTextract], fakeIo().io).catch((e: unknown) => e))).toBe(
      true,
    );
  });
});
