/** What a CLI command may touch, injectable so commands are testable without a child process. */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Reads all of standard input (for `-` file arguments). */
  readStdin(): Promise<Uint8Array>;
  /** Whether standard error is a terminal (progress bars are drawn only then). */
  readonly isTTY: boolean;
  /** Environment variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A subcommand: parses its own arguments and returns the process exit code. */
export interface CliCommand {
  /** One line shown by `aws-ml-kit --help`. */
  readonly summary: string;
  /** Full usage text shown by `aws-ml-kit <command> --help`. */
  readonly usage: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** The real process's standard streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  };
}
