import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMissingDependencyError, isValidationError, type MissingDependencyError } from '../../../src/kit/errors.js';
import { loadTesseractRuntime, type ModuleImporter } from '../../../src/ocr/loadTesseract.js';

const notFound = (specifier: string) =>
  Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' });

/** Imports the real packages except those listed as missing. */
const importerWithout =
  (...missing: string[]): ModuleImporter =>
  (specifier) =>
    missing.includes(specifier) ? Promise.reject(notFound(specifier)) : import(specifier);

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('Function: loadTesseractRuntime', () => {
  const empty = mkdtempSync(join(tmpdir(), 'no-model-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('names tesseract.js when it is not installed', async () => {
    const error = await caught(loadTesseractRuntime(importerWithout('tesseract.js')));
    expect(isMissingDependencyError(error)).toBe(true);
    expect((error as MissingDependencyError).packageName).toBe('tesseract.js');
    expect((error as Error).message).toContain('npm install tesseract.js');
  });

  it('names the English model package when it is not installed', async () => {
    const error = await caught(loadTesseractRuntime(importerWithout('@tesseract.js-data/eng')));
    expect(isMissingDependencyError(error)).toBe(true);
    expect((error as MissingDependencyError).packageName).toBe('@tesseract.js-data/eng');
  });

  it('passes a package that fails to load for another reason through unchanged (it is installed, but broken)', async () => {
    const broken = new SyntaxError('Unexpected token');
    const error = await caught(loadTesseractRuntime(() => Promise.reject(broken)));
    expect(error).toBe(broken);
  });

  it('rejects packages that do not have the expected shape', async () => {
    const error = await caught(loadTesseractRuntime(async () => ({ default: {} })));
    expect(isMissingDependencyError(error)).toBe(true);
  });

  it('finds the LSTM-only English model installed from npm', async () => {
    const runtime = await loadTesseractRuntime();
    expect(runtime.englishLangPath).toMatch(/@tesseract\.js-data[\\/]eng[\\/]4\.0\.0_best_int$/);
  });

  it('refuses to start a worker when the model file is missing (tesseract.js would never settle)', async () => {
    const runtime = await loadTesseractRuntime();
    const error = await caught(runtime.createWorker({ language: 'eng', langPath: empty }));
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toContain('eng.traineddata.gz');
  });
});
