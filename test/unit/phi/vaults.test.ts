import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenVault, InMemoryTokenVault, type PhiDetector, PhiMasker } from '../../../src/phi/index.js';
import { SENTINEL } from '../../helpers/sentinel.js';

const KEY = new Uint8Array(32).fill(3);

describe('InMemoryTokenVault', () => {
  it('stores per scope and never prints values', async () => {
    const vault = new InMemoryTokenVault();
    await vault.put([
      { scope: 'a', token: 't', value: SENTINEL },
      { scope: 'b', token: 't', value: 'other' },
    ]);
    expect((await vault.get('a', ['t', 'x'])).get('t')).toBe(SENTINEL);
    expect((await vault.get('b', ['t'])).get('t')).toBe('other');
    expect(JSON.stringify(vault)).not.toContain(SENTINEL);
    expect(inspect(vault)).not.toContain(SENTINEL);
  });
});

describe('FileTokenVault', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'phi-vault-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('encrypts at rest and reopens with the same key', async () => {
    const path = join(dir, 'vault.bin');
    const vault = new FileTokenVault({ path, key: KEY });
    await vault.put([{ scope: 's', token: '[NAME:v:1]', value: SENTINEL }]);
    await vault.put([{ scope: 's', token: '[NAME:v:2]', value: 'second' }]);
    expect(await readFile(path, 'utf8')).not.toContain(SENTINEL);
    const reopened = new FileTokenVault({ path, key: KEY });
    expect(Object.fromEntries(await reopened.get('s', ['[NAME:v:1]', '[NAME:v:2]']))).toEqual({
      '[NAME:v:1]': SENTINEL,
      '[NAME:v:2]': 'second',
    });
  });

  it('refuses a wrong key or a tampered file with a ValidationError', async () => {
    const path = join(dir, 'vault.bin');
    await new FileTokenVault({ path, key: KEY }).put([{ scope: 's', token: 't', value: 'v' }]);
    await expect(new FileTokenVault({ path, key: new Uint8Array(32) }).get('s', ['t'])).rejects.toMatchObject({
      name: 'ValidationError',
    });
    const raw = await readFile(path, 'utf8');
    const [format, body] = raw.split('\n') as [string, string];
    const flipped = body[30] === 'A' ? 'B' : 'A';
    await writeFile(path, `${format}\n${body.slice(0, 30)}${flipped}${body.slice(31)}\n`);
    await expect(new FileTokenVault({ path, key: KEY }).get('s', ['t'])).rejects.toMatchObject({
      name: 'ValidationError',
    });
    expect(() => new FileTokenVault({ path, key: new Uint8Array(8) })).toThrow(/32 bytes/);
  });

  it('backs a masker across processes-worth of instances', async () => {
    const path = join(dir, 'nested', 'vault.bin');
    const detector: PhiDetector = {
      name: 'd',
      detect: async () => ({ entities: [{ type: 'NAME', score: 1, begin: 0, end: 4 }], warnings: [] }),
    };
    const masker = new PhiMasker({
      detector,
      policy: { defaultAction: 'vault' },
      vault: new FileTokenVault({ path, key: KEY }),
    });
    const result = await masker.mask('Jane is here');
    const later = new PhiMasker({
      detector,
      policy: { defaultAction: 'vault' },
      vault: new FileTokenVault({ path, key: KEY }),
    });
    expect(await later.reidentify(result.text, result)).toBe('Jane is here');
  });
});
