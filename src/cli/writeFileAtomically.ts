/**
 * The one way a command writes an output file: beside the target, then renamed over it, so a failed or
 * interrupted run never leaves a half-written file; a failure names the flag and the file the user asked for.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ValidationError } from '../kit/errors.js';

/** What a failed write means, in words. */
const WRITE_ERRORS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOENT: 'its folder no longer exists',
};

/**
 * Writes `bytes` to a hidden temporary file beside `path` and renames it over `path`.
 *
 * @throws ValidationError on `${flag} ${path}` saying why it could not be written (never the temporary name).
 * @example
 * ```ts
 * await writeFileAtomically('--out', 'story.mp3', result.audio);
 * ```
 */
export async function writeFileAtomically(flag: string, path: string, bytes: Uint8Array | string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = String((error as { code?: unknown } | null)?.code ?? 'unknown error');
    throw new ValidationError(`${flag} ${path}`, `could not be written (${WRITE_ERRORS[code] ?? code})`, {
      cause: error,
    });
  }
}
