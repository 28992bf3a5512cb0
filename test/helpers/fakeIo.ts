import type { CliIo } from '../../src/cli/CliIo.js';

/** A CliIo that records output, for testing commands without a child process. */
export function fakeIo(options: { stdin?: string | Uint8Array; env?: Record<string, string>; isTTY?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stdin =
    typeof options.stdin === 'string' ? new TextEncoder().encode(options.stdin) : (options.stdin ?? new Uint8Array());
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readStdin: async () => stdin,
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
  };
  return {
    io,
    get stdout() {
      return out.join('');
    },
    get stderr() {
      return err.join('');
    },
  };
}
