/**
 * What the CLI says when a file is wrong: the file's name (and flag) and what is wrong with it, in words —
 * never a bare ENOENT, an argument index or the library's parameter names.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJsonFile } from '../../../src/cli/cliFiles.js';
import { main } from '../../../src/cli/main.js';
import { isValidationError } from '../../../src/kit/errors.js';
import { fakeIo } from '../../helpers/fakeIo.js';

const dir = mkdtempSync(join(tmpdir(), 'amk-cli-messages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function stderrOf(argv: string[], stdin?: string): Promise<{ code: number; stderr: string }> {
  const io = fakeIo(stdin === undefined ? {} : { stdin });
  const code = await main(argv, io.io);
  return { code, stderr: io.stderr };
}

describe('CLI messages: paragraphs', () => {
  it('names a missing file instead of printing ENOENT', async () => {
    const missing = join(dir, 'missing.json');
    const { code, stderr } = await stderrOf(['paragraphs', missing]);
    expect(code).toBe(1);
    expect(stderr).toBe(`aws-ml-kit paragraphs: ${missing} does not exist\n`);
  });

  it('says a folder is not a file', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    expect((await stderrOf(['paragraphs', folder])).stderr).toBe(
      `aws-ml-kit paragraphs: ${folder} is a folder, not a file\n`,
    );
  });

  it('says an empty file is empty', async () => {
    const empty = file('empty.json', '');
    expect((await stderrOf(['paragraphs', empty])).stderr).toBe(`aws-ml-kit paragraphs: ${empty} is empty (0 bytes)\n`);
    const blank = file('blank.json', ' \n\t');
    expect((await stderrOf(['paragraphs', blank])).stderr).toBe(
      `aws-ml-kit paragraphs: ${blank} is empty (3 bytes of white space)\n`,
    );
  });

  it('says where a truncated file ends', async () => {
    const cut = '{"Blocks": [{"BlockType": "PAGE", "Id": "p';
    const truncated = file('truncated.json', cut);
    expect(cut.length).toBe(42);
    expect((await stderrOf(['paragraphs', truncated])).stderr).toBe(
      `aws-ml-kit paragraphs: ${truncated} is not valid JSON: truncated at byte 42 (the file ends inside a value; was it cut short?)\n`,
    );
  });

  it('says where a file stops being JSON, by byte, line and column, without quoting it', async () => {
    const text = file('notes.json', '{\n  "Blocks": [],\n  secret patient name\n}');
    const { code, stderr } = await stderrOf(['paragraphs', text]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `aws-ml-kit paragraphs: ${text} is not valid JSON: unexpected character at byte 20 (line 3, column 3)\n`,
    );
    expect(stderr).not.toContain('secret');
  });

  it('names standard input and the second of several files', async () => {
    expect((await stderrOf(['paragraphs', '-'], '')).stderr).toBe(
      'aws-ml-kit paragraphs: standard input is empty (0 bytes)\n',
    );
    const good = file('good.json', '{"Blocks": []}');
    const other = file('other.json', '{"Pages": 1}');
    expect((await stderrOf(['paragraphs', good, other])).stderr).toBe(
      `aws-ml-kit paragraphs: ${other} is JSON but not Textract output (an object with Blocks, or an array of them)\n`,
    );
  });
});

describe('CLI messages: parseJsonFile', () => {
  it('counts bytes, not characters, and accepts a UTF-8 byte-order mark', () => {
    expect(parseJsonFile(new TextEncoder().encode('\uFEFF{"a": "é"}'), 'x')).toEqual({ a: 'é' });
    for (const [cut, bytes] of [
      ['[1, tru', 7],
      ['{"a": -1.', 9],
      ['{"a": "\\u00', 11],
      ['[1,', 3],
    ] as const) {
      expect(() => parseJsonFile(new TextEncoder().encode(cut), 'f.json'), cut).toThrow(
        `f.json is not valid JSON: truncated at byte ${bytes} `,
      );
    }
    expect(() => parseJsonFile(new TextEncoder().encode('{"a": 1} {'), 'f.json')).toThrow(
      'f.json is not valid JSON: unexpected character at byte 9 (line 1, column 10)',
    );
    expect(() => parseJsonFile(new TextEncoder().encode('"tab\there"'), 'f.json')).toThrow('at byte 4 ');
    let caught: unknown;
    try {
      parseJsonFile(new TextEncoder().encode('\uFEFF["é", x]'), 'f.json');
    } catch (error) {
      caught = error;
    }
    expect(isValidationError(caught)).toBe(true);
    // BOM (3 bytes) + `["é", ` (7 bytes): the x is byte 10.
    expect((caught as Error).message).toBe(
      'f.json is not valid JSON: unexpected character at byte 10 (line 1, column 7)',
    );
  });
});
