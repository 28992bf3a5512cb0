/**
 * The files a command names, read and checked with messages in the user's words: which file (and which flag)
 * and what is wrong with it — a missing file, an empty one, JSON cut short at byte N — never the file's content.
 *
 * @module
 */
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ValidationError } from '../kit/errors.js';
import type { CliIo } from './CliIo.js';

/** How a file argument is named in messages, e.g. `input scan.pdf`, `--textract page.json`, `standard input`. */
export function fileLabel(role: string, path: string): string {
  const name = path === '-' ? 'standard input' : path;
  return role === '' ? name : `${role} ${name}`;
}

/**
 * What a file-system error code means, in words. Unknown codes are passed through, since they are all a user
 * can search for.
 *
 * @example
 * ```ts
 * describeFileError('ENOENT'); // 'does not exist'
 * ```
 */
export function describeFileError(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'ENOTDIR':
      return 'does not exist (a part of its path is a file, not a folder)';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'is not readable (permission denied)';
    default:
      return `could not be read (${code})`;
  }
}

/**
 * Reads a file argument (`-` reads standard input) and fails, naming it, when it is missing, unreadable or
 * (unless `allowEmpty`) empty.
 *
 * @throws ValidationError naming `role` and `path`.
 * @example
 * ```ts
 * const bytes = await readFileArgument('input', 'scan.pdf', io);
 * ```
 */
export async function readFileArgument(
  role: string,
  path: string,
  io: CliIo,
  options: { allowEmpty?: boolean } = {},
): Promise<Uint8Array> {
  const label = fileLabel(role, path);
  let bytes: Uint8Array;
  try {
    bytes = path === '-' ? await io.readStdin() : await readFile(path);
  } catch (error) {
    throw new ValidationError(label, describeFileError(errorCode(error)), { cause: error });
  }
  if (bytes.length === 0 && !options.allowEmpty) throw new ValidationError(label, 'is empty (0 bytes)');
  return bytes;
}

/**
 * Parses a JSON file's bytes. The parser's own message quotes the input, so it is never copied: the error says
 * whether the file is blank, cut short (truncated at its last byte) or has an unexpected character, by byte
 * offset, line and column.
 *
 * @throws ValidationError naming the file.
 * @example
 * ```ts
 * const value = parseJsonFile(bytes, '--textract page.json');
 * ```
 */
export function parseJsonFile(bytes: Uint8Array, label: string): unknown {
  // Editors on Windows often save UTF-8 with a byte-order mark, which JSON.parse would reject: it is dropped,
  // and byte offsets count it. Node's own decoder (Buffer) is several times faster than TextDecoder on large files.
  const bomBytes = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', bomBytes);
  if (text.trim() === '') throw new ValidationError(label, `is empty (${bytes.length} bytes of white space)`);
  try {
    return JSON.parse(text);
  } catch (error) {
    // The parser's message quotes the input (and not always where it failed): find the place ourselves.
    const position = firstJsonError(text);
    if (position === undefined) throw new ValidationError(label, 'is not valid JSON', { cause: error });
    if (position >= text.length) {
      throw new ValidationError(
        label,
        `is not valid JSON: truncated at byte ${bytes.length} (the file ends inside a value; was it cut short?)`,
        { cause: error },
      );
    }
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    const byte = bomBytes + new TextEncoder().encode(before).length;
    throw new ValidationError(
      label,
      `is not valid JSON: unexpected character at byte ${byte} (line ${line}, column ${column})`,
      { cause: error },
    );
  }
}

const JSON_NUMBER_OR_LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
/** What a number or literal cut off by the end of the file looks like: `tru`, `-1.`, `2e`. */
const JSON_PARTIAL_END = /^(?:-?\d*\.?\d*(?:[eE][+-]?\d*)?|t(?:r(?:ue?)?)?|f(?:a(?:l(?:se?)?)?)?|n(?:u(?:ll?)?)?)$/;

/** Thrown inside {@link firstJsonError} to stop at the offending offset. */
class JsonStop extends Error {
  readonly offset: number;
  constructor(offset: number) {
    super(`JSON stops at ${offset}`);
    this.offset = offset;
  }
}

/**
 * Where `text` stops being JSON: the offset of the first character that cannot continue it, `text.length` when
 * it ends before its value is complete, or `undefined` when that cannot be told (absurdly deep nesting). Only
 * called after `JSON.parse` failed.
 */
function firstJsonError(text: string): number | undefined {
  let i = 0;
  const stop = (at = i): never => {
    throw new JsonStop(at);
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i += 1;
  };
  const string = (): void => {
    i += 1;
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === '"') {
        i += 1;
        return;
      }
      if (c < ' ') stop();
      if (c !== '\\') {
        i += 1;
        continue;
      }
      const escaped = text.charAt(i + 1);
      if (escaped === 'u') {
        for (let k = i + 2; k < Math.min(i + 6, text.length); k++) if (!/[0-9a-fA-F]/.test(text.charAt(k))) stop(k);
        i += 6;
      } else if (escaped === '' || '"\\/bfnrt'.includes(escaped)) {
        i += 2;
      } else {
        stop(i + 1);
      }
    }
  };
  const value = (): void => {
    space();
    const c = text.charAt(i);
    if (c === '"') {
      string();
      return;
    }
    if (c !== '{' && c !== '[') {
      // A number or literal cut off by the end of the file is a truncation, not a bad character.
      if (JSON_PARTIAL_END.test(text.slice(i))) stop(text.length);
      JSON_NUMBER_OR_LITERAL.lastIndex = i;
      if (!JSON_NUMBER_OR_LITERAL.test(text)) stop();
      i = JSON_NUMBER_OR_LITERAL.lastIndex;
      return;
    }
    const close = c === '{' ? '}' : ']';
    i += 1;
    space();
    if (text.charAt(i) === close) {
      i += 1;
      return;
    }
    for (;;) {
      if (c === '{') {
        space();
        if (text.charAt(i) !== '"') stop();
        string();
        space();
        if (text.charAt(i) !== ':') stop();
        i += 1;
      }
      value();
      space();
      if (text.charAt(i) === close) {
        i += 1;
        return;
      }
      if (text.charAt(i) !== ',') stop();
      i += 1;
    }
  };
  try {
    value();
    space();
    return Math.min(i, text.length);
  } catch (error) {
    if (error instanceof JsonStop) return Math.min(error.offset, text.length);
    return undefined;
  }
}

/**
 * Checks, before any work, that a file can be written at `path`: its folder exists and is writable, and `path`
 * is not a folder itself.
 *
 * @throws ValidationError naming `flag` and `path`.
 * @example
 * ```ts
 * await checkOutputPath('-o', 'out/scan.pdf');
 * ```
 */
export async function checkOutputPath(flag: string, path: string): Promise<void> {
  const label = `${flag} ${path}`;
  const folder = dirname(path);
  const [target, parent] = await Promise.all([stat(path).catch(() => undefined), stat(folder).catch(() => undefined)]);
  if (target?.isDirectory()) throw new ValidationError(label, 'is a folder; name a file in it');
  if (!parent) throw new ValidationError(label, `cannot be written: the folder ${folder} does not exist`);
  if (!parent.isDirectory()) throw new ValidationError(label, `cannot be written: ${folder} is not a folder`);
  try {
    await access(folder, constants.W_OK);
  } catch (error) {
    throw new ValidationError(label, `cannot be written: the folder ${folder} is not writable`, { cause: error });
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown error';
}
