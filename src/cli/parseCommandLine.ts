import type { CliIo } from './CliIo.js';

/**
 * Runs a command's argument parser. On a usage mistake (an unknown flag, a missing argument, a bad value) it
 * writes the parser's message and the command's usage to standard error and returns `undefined`, so the command
 * can exit with code 2.
 *
 * @example
 * ```ts
 * const parsed = parseCommandLine('paragraphs', USAGE, io, () => parse(argv));
 * if (parsed === undefined) return 2;
 * ```
 */
export function parseCommandLine<T>(command: string, usage: string, io: CliIo, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    io.stderr(`aws-ml-kit ${command}: ${error instanceof Error ? error.message : 'invalid arguments'}\n\n${usage}\n`);
    return undefined;
  }
}
