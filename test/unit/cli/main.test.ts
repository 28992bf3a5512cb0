import { describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../../src/cli/main.js';
import { fakeIo } from '../../helpers/fakeIo.js';

describe('CLI: aws-ml-kit', () => {
  it('prints usage with every command on --help and with no arguments', async () => {
    for (const argv of [['--help'], []]) {
      const io = fakeIo();
      expect(await main(argv, io.io)).toBe(0);
      expect(io.stdout).toContain('Usage: aws-ml-kit <command>');
      for (const name of Object.keys(COMMANDS)) expect(io.stdout).toContain(name);
    }
  });

  it('rejects an unknown command with exit code 2 and the usage on stderr', async () => {
    const io = fakeIo();
    expect(await main(['frobnicate'], io.io)).toBe(2);
    expect(io.stderr).toContain('Unknown command: frobnicate');
  });

  it.each(Object.keys(COMMANDS))('prints the usage of %s on --help', async (name) => {
    const io = fakeIo();
    expect(await main([name, '--help'], io.io)).toBe(0);
    expect(io.stdout).toContain(name);
  });
});
