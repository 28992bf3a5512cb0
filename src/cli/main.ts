/**
 * The `aws-ml-kit` command. Each subcommand lives in its own module and is loaded only when used.
 */
import { isAwsMlKitError } from '../kit/errors.js';
import { type CliCommand, type CliIo, processIo } from './CliIo.js';
import { describeFileError } from './cliFiles.js';

/** Subcommands by name, loaded lazily. */
export const COMMANDS: Readonly<Record<string, () => Promise<CliCommand>>> = {
  paragraphs: async () => (await import('./paragraphs-command.js')).paragraphsCommand,
  'searchable-pdf': async () => (await import('./searchable-pdf-command.js')).searchablePdfCommand,
  phi: async () => (await import('./phi-command.js')).phiCommand,
  endpoints: async () => (await import('./endpoints-command.js')).endpointsCommand,
  'ground-truth': async () => (await import('./ground-truth-command.js')).groundTruthCommand,
  polly: async () => (await import('./polly-command.js')).pollyCommand,
  transcribe: async () => (await import('./transcribe-command.js')).transcribeCommand,
};

/** Runs the CLI with `argv` (without the node and script paths) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  const load = name === undefined ? undefined : COMMANDS[name];
  if (!load) {
    const summaries = await Promise.all(
      Object.entries(COMMANDS).map(
        async ([command, loadCommand]) => `  ${command.padEnd(16)}${(await loadCommand()).summary}`,
      ),
    );
    const help = `Usage: aws-ml-kit <command> [options]\n\nCommands:\n${summaries.join('\n')}\n\nRun aws-ml-kit <command> --help for a command's options.\n`;
    if (name === undefined || name === '--help' || name === '-h') {
      io.stdout(help);
      return 0;
    }
    io.stderr(`Unknown command: ${name}\n\n${help}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.stderr(`aws-ml-kit ${name}: ${describeFailure(error)}\n`);
    return 1;
  }
}

/**
 * Our errors carry safe messages (names, rules, sizes, ids — never payloads). File-system errors are reported by
 * path and what the code means. Anything else is reported by type only, since its message may quote input.
 */
function describeFailure(error: unknown): string {
  if (isAwsMlKitError(error)) return error.message;
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  if (typeof code === 'string' && typeof path === 'string') return `${path} ${describeFileError(code)}`;
  return error instanceof Error ? `${error.name} (run with a debugger for details)` : 'failed';
}
