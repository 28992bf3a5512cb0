/**
 * Loads tesseract.js and locates the bundled English model, lazily, so that `aws-ml-kit/ocr` itself loads in
 * milliseconds and a project that never runs the embedded engine never loads it.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { importOptional } from '../kit/clients.js';
import { MissingDependencyError, ValidationError } from '../kit/errors.js';
import type { TesseractPageLike } from './tesseractToBlocks.js';

/** The parts of a tesseract.js worker the engine uses. */
export interface TesseractWorkerLike {
  setParameters(params: Record<string, string>): Promise<unknown>;
  recognize(
    image: Uint8Array,
    options?: Record<string, unknown>,
    output?: Record<string, boolean>,
  ): Promise<{ data: TesseractPageLike }>;
  terminate(): Promise<unknown>;
  /**
   * The underlying `worker_threads` Worker: unref'd so an idle engine does not keep the process alive, and
   * watched so that a page whose thread dies fails instead of waiting forever.
   */
  readonly worker?: {
    ref?(): void;
    unref?(): void;
    on?(event: 'error' | 'exit', listener: (value: unknown) => void): unknown;
  } | null;
}

/** What a worker is created with. */
export interface TesseractWorkerSpec {
  /** Tesseract language code(s), e.g. `eng` or `eng+deu`. */
  readonly language: string;
  /** Folder holding `<language>.traineddata.gz`. */
  readonly langPath: string;
}

/** Creates one initialised worker. */
export type CreateTesseractWorker = (spec: TesseractWorkerSpec) => Promise<TesseractWorkerLike>;

/** The loaded runtime: a worker factory and the folder of the bundled English model. */
export interface TesseractRuntime {
  readonly createWorker: CreateTesseractWorker;
  /** Folder of `eng.traineddata.gz` from `@tesseract.js-data/eng` (the LSTM-only `best_int` variant). */
  readonly englishLangPath: string;
}

/** How modules are imported; replaceable in tests to simulate a missing package. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

const TESSERACT_PACKAGE = 'tesseract.js';
const ENGLISH_MODEL_PACKAGE = '@tesseract.js-data/eng';
/** tesseract.js `OEM.LSTM_ONLY`: the neural engine, which is all the `best_int` model holds. */
const OEM_LSTM_ONLY = 1;

const defaultImporter: ModuleImporter = (specifier) => import(specifier);

/**
 * Imports tesseract.js and `@tesseract.js-data/eng` and returns a worker factory that never touches the
 * network or the working directory: the WASM core comes from `tesseract.js-core` in node_modules, the model
 * from the given folder, and the model cache is off.
 *
 * @throws MissingDependencyError naming the package that is not installed; other import failures pass through.
 * @example
 * ```ts
 * const { createWorker, englishLangPath } = await loadTesseractRuntime();
 * const worker = await createWorker({ language: 'eng', langPath: englishLangPath });
 * ```
 */
export async function loadTesseractRuntime(importModule: ModuleImporter = defaultImporter): Promise<TesseractRuntime> {
  const tesseract = moduleDefault(
    await importOptional(() => importModule(TESSERACT_PACKAGE), TESSERACT_PACKAGE, 'TesseractOcr'),
  ) as {
    createWorker?: (langs: string, oem: number, options: Record<string, unknown>) => Promise<TesseractWorkerLike>;
  };
  const model = moduleDefault(
    await importOptional(() => importModule(ENGLISH_MODEL_PACKAGE), ENGLISH_MODEL_PACKAGE, 'TesseractOcr'),
  ) as { langPath?: unknown };
  const createWorker = tesseract.createWorker;
  if (typeof createWorker !== 'function' || typeof model.langPath !== 'string') {
    throw new MissingDependencyError(
      `${TESSERACT_PACKAGE} and ${ENGLISH_MODEL_PACKAGE}`,
      'TesseractOcr (a compatible version)',
    );
  }
  // The package's default folder holds the larger legacy+LSTM model; the LSTM engine needs only best_int.
  const bestInt = join(dirname(model.langPath), '4.0.0_best_int');
  const englishLangPath = existsSync(join(bestInt, 'eng.traineddata.gz')) ? bestInt : model.langPath;
  return {
    englishLangPath,
    createWorker: async ({ language, langPath }) => {
      for (const code of language.split('+')) {
        // tesseract.js never settles worker creation when a model file is missing, so check first.
        if (!existsSync(join(langPath, `${code}.traineddata.gz`))) {
          throw new ValidationError('options.langPath', `has no ${code}.traineddata.gz for language ${code}`);
        }
      }
      return createWorker(language, OEM_LSTM_ONLY, {
        langPath,
        gzip: true,
        // 'none': never read or write a model cache in the working directory.
        cacheMethod: 'none',
        logger: () => {},
        // Without a handler tesseract.js rethrows job failures as uncaught exceptions.
        errorHandler: () => {},
      });
    },
  };
}

function moduleDefault(mod: unknown): unknown {
  return (mod as { default?: unknown } | null)?.default ?? mod;
}
