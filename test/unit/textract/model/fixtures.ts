import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TextractBlockLike, TextractResponseLike } from '../../../../src/textract/model/TextractBlockLike.js';

/** Root of the Textract fixtures. */
export const FIXTURE_ROOT = join(import.meta.dirname, '../../../fixtures/textract');

/** Every Textract response JSON under the fixture root (not the manifest or the annotations). */
export function fixtureFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'annotations') walk(path);
      } else if (name.endsWith('.json') && name !== 'manifest.json') files.push(relative(FIXTURE_ROOT, path));
    }
  };
  walk(FIXTURE_ROOT);
  return files;
}

/** A parsed fixture. */
export function readFixture(file: string): TextractResponseLike & { Blocks: TextractBlockLike[] } {
  return JSON.parse(readFileSync(join(FIXTURE_ROOT, file), 'utf8'));
}

/** The fixture's raw text. */
export function readFixtureText(file: string): string {
  return readFileSync(join(FIXTURE_ROOT, file), 'utf8');
}

/** Splits a response into paginated `Get*` responses of `blocksPerPage` blocks chained by `NextToken`. */
export function paginate(response: TextractResponseLike, blocksPerPage = 1000): TextractResponseLike[] {
  const blocks = response.Blocks ?? [];
  const pages: TextractResponseLike[] = [];
  for (let start = 0; start < blocks.length; start += blocksPerPage) {
    const last = start + blocksPerPage >= blocks.length;
    pages.push({
      JobStatus: 'SUCCEEDED',
      DocumentMetadata: response.DocumentMetadata,
      Blocks: blocks.slice(start, start + blocksPerPage),
      ...(last ? {} : { NextToken: `token-${start + blocksPerPage}` }),
    });
  }
  return pages;
}

/** A deterministic shuffle (xorshift), so failures reproduce. */
export function shuffle<T>(items: readonly T[], seed = 42): T[] {
  const copy = [...items];
  let state = seed || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = (state >>> 0) % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Number of blocks of a type in a response. */
export function countBlocks(response: TextractResponseLike, type: string): number {
  return (response.Blocks ?? []).filter((block) => block.BlockType === type).length;
}
