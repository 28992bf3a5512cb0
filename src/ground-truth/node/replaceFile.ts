/**
 * The atomic write both local stores use (the CLI has its own in `src/cli/`, which features may not import):
 * folders created, a temporary file beside the target, then a rename, so a crash never leaves a half-written
 * state or object; the temporary file is removed when the write fails. `node:fs` is imported on first use.
 *
 * @module
 */

let counter = 0;

/**
 * Writes `body` to `path` atomically, creating its folder.
 *
 * @example
 * ```ts
 * await replaceFile('./state/batch.json', `${JSON.stringify(state)}\n`);
 * ```
 */
export async function replaceFile(path: string, body: Uint8Array | string): Promise<void> {
  const { mkdir, rename, rm, writeFile } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${++counter}.tmp`;
  try {
    await writeFile(temporary, body);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
