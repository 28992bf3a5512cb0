import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../../src/cli/CliIo.js';
import { phiCommand, VAULT_KEY_ENV } from '../../../src/cli/phi-command.js';
import { ComprehendMedicalStandIn } from '../../../src/testing/index.js';

function fakeIo(stdin = '', env: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
    readStdin: async () => new TextEncoder().encode(stdin),
    isTTY: false,
    env,
  };
  return io;
}

describe('aws-ml-kit phi', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'phi-cli-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('masks a file offline with the rule detector', async () => {
    const file = join(dir, 'note.txt');
    await writeFile(file, 'DOB: 2/11/1961, 500 mg\n');
    const io = fakeIo();
    expect(await phiCommand.run([file, '--detector', 'rules'], io)).toBe(0);
    expect(io.out).toBe('DOB: #########, 500 mg\n');
  });

  it('reads standard input and prints JSON with --json', async () => {
    const io = fakeIo('Call (770) 922-9800 now');
    expect(await phiCommand.run(['-', '--detector', 'rules', '--action', 'replace', '--json'], io)).toBe(0);
    const result = JSON.parse(io.out);
    expect(result.text).toBe('Call [PHONE_OR_FAX] now');
    expect(result.entities[0]).toMatchObject({ type: 'PHONE_OR_FAX', action: 'replace', input: { begin: 5, end: 19 } });
  });

  it('applies --min-score', async () => {
    const io = fakeIo('code 12345678');
    expect(await phiCommand.run(['-', '--detector', 'rules', '--min-score', '0.9'], io)).toBe(0);
    expect(io.out).toBe('code 12345678');
  });

  it('warns that vault output cannot be re-identified without --vault-file, and uses one when given', async () => {
    const io = fakeIo('DOB 2/11/1961');
    expect(await phiCommand.run(['-', '--detector', 'rules', '--action', 'vault'], io)).toBe(0);
    expect(io.err).toMatch(/cannot be re-identified/);
    const key = Buffer.alloc(32, 1).toString('base64');
    const withVault = fakeIo('DOB 2/11/1961', { [VAULT_KEY_ENV]: key });
    const vaultFile = join(dir, 'vault.bin');
    expect(
      await phiCommand.run(['-', '--detector', 'rules', '--action', 'vault', '--vault-file', vaultFile], withVault),
    ).toBe(0);
    expect(withVault.err).toBe('');
    expect(withVault.out).toMatch(/^DOB \[DATE:v:[\w-]+\]$/);
  });

  it('names the key variable when --vault-file has no key or one of the wrong size, never echoing it', async () => {
    const vaultFile = join(dir, 'vault.bin');
    const argv = ['-', '--detector', 'rules', '--action', 'vault', '--vault-file', vaultFile];
    const envs: Record<string, string>[] = [{}, { [VAULT_KEY_ENV]: Buffer.alloc(16, 7).toString('base64') }];
    for (const env of envs) {
      const error = await phiCommand.run(argv, fakeIo('DOB 2/11/1961', env)).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ValidationError', field: VAULT_KEY_ENV });
      expect(String(error)).not.toContain(Buffer.alloc(16, 7).toString('base64'));
    }
  });

  it('rejects bad arguments with exit code 2 and usage', async () => {
    for (const argv of [
      [],
      ['a', 'b'],
      ['-', '--action', 'shred'],
      ['-', '--min-score', '7'],
      ['-', '--detector', 'x'],
    ]) {
      const io = fakeIo();
      expect(await phiCommand.run(argv, io)).toBe(2);
      expect(io.err).toContain('Usage: aws-ml-kit phi');
    }
  });

  it('uses Comprehend Medical through --endpoint (a stand-in here)', async () => {
    const standIn = await ComprehendMedicalStandIn.start({ terms: [{ text: 'Jane Doe', type: 'NAME' }] });
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'stand-in');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'stand-in');
    try {
      const io = fakeIo('Patient Jane Doe, 50 yo');
      const code = await phiCommand.run(
        ['-', '--endpoint', standIn.server.url, '--region', 'us-east-1', '--action', 'replace'],
        io,
      );
      expect(code).toBe(0);
      expect(io.out).toBe('Patient [NAME], 50 yo');
    } finally {
      vi.unstubAllEnvs();
      await standIn.close();
    }
  });

  it('names a missing or unreadable file, and masks an empty one to nothing', async () => {
    const missing = join(dir, 'missing.txt');
    await expect(phiCommand.run([missing, '--detector', 'rules'], fakeIo())).rejects.toThrow(
      `${missing} does not exist`,
    );
    await expect(phiCommand.run([dir, '--detector', 'rules'], fakeIo())).rejects.toThrow(
      `${dir} is a folder, not a file`,
    );
    const empty = join(dir, 'empty.txt');
    await writeFile(empty, '');
    const io = fakeIo();
    expect(await phiCommand.run([empty, '--detector', 'rules'], io)).toBe(0);
    expect(io.out).toBe('');
  });
});
