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
    /** The thread's output, which Node pipes to the process's own streams unless someone takes it. */
    readonly stdout?: ThreadOutputLike | null;
    readonly stderr?: ThreadOutputLike | null;
  } | null;
}

/** The parent side of a worker thread's stdout or stderr. */
export interface ThreadOutputLike {
  unpipe(destination?: unknown): unknown;
  on(event: 'data', listener: (chunk: unknown) => void): unknown;
  resume(): unknown;
}

/**
 * What the engine printed on its own, by kind: Tesseract's `Estimating resolution as …` when an image declares
 * no resolution, an image library's complaint about a damaged file, or anything else.
 */
export type TesseractEngineMessage = 'resolution-estimate' | 'image-error' | 'other';

/** What a worker is created with. */
export interface TesseractWorkerSpec {
  /** Tesseract language code(s), e.g. `eng` or `eng+deu`. */
  readonly language: string;
  /** Folder holding `<language>.traineddata.gz`. */
  readonly langPath: string;
  /**
   * Receives each line the engine prints, by kind. The lines never reach the process's stdout or stderr
   * (they would break a CLI's output and clutter test logs); they are dropped when this is not given.
   */
  readonly onEngineMessage?: ((kind: TesseractEngineMessage) => void) | undefined;
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
    createWorker: async ({ language, langPath, onEngineMessage }) => {
      for (const code of language.split('+')) {
        // tesseract.js never settles worker creation when a model file is missing, so check first.
        if (!existsSync(join(langPath, `${code}.traineddata.gz`))) {
          throw new ValidationError('options.langPath', `has no ${code}.traineddata.gz for language ${code}`);
        }
      }
      const worker = await createWorker(language, OEM_LSTM_ONLY, {
        langPath,
        gzip: true,
        // 'none': never read or write a model cache in the working directory.
        cacheMethod: 'none',
        logger: () => {},
        // Without a handler tesseract.js rethrows job failures as uncaught exceptions.
        errorHandler: () => {},
      });
      captureThreadOutput(worker, onEngineMessage ?? (() => {}));
      return worker;
    },
  };
}

/**
 * Takes the engine thread's stdout and stderr away from the process's (Node pipes a worker thread's output to
 * its parent's by default) and reports each line by kind. Tesseract and its image libraries print there
 * directly: resolution estimates, libpng errors for a damaged image.
 *
 * @example
 * ```ts
 * captureThreadOutput(worker, (kind) => log.debug('ocr.engine.message', { event: kind }));
 * ```
 */
export function captureThreadOutput(
  worker: TesseractWorkerLike,
  onMessage: (kind: TesseractEngineMessage) => void,
): void {
  const thread = worker.worker;
  for (const [stream, destination] of [
    [thread?.stdout, process.stdout],
    [thread?.stderr, process.stderr],
  ] as const) {
    if (!stream) continue;
    stream.unpipe(destination);
    let pending = '';
    stream.on('data', (chunk) => {
      const lines = (pending + String(chunk)).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') onMessage(classifyEngineLine(line));
    });
    // unpipe() paused the stream; keep it flowing so the thread never waits on a full buffer.
    stream.resume();
  }
}

function classifyEngineLine(line: string): TesseractEngineMessage {
  if (line.startsWith('Estimating resolution')) return 'resolution-estimate';
  if (/libpng|pixRead|jpeg|tiff|png|Error in/i.test(line)) return 'image-error';
  return 'other';
}

function moduleDefault(mod: unknown): unknown {
  return (mod as { default?: unknown } | null)?.default ?? mod;
}
