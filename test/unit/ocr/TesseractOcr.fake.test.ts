/**
 * TesseractOcr's scheduling and failure handling, with the tesseract.js runtime replaced by fakes whose pages
 * finish when the test says so: progress order with two workers, crashed worker threads, engine errors, a
 * missing package.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isMissingDependencyError, isValidationError, MissingDependencyError } from '../../../src/kit/errors.js';
import { DEFAULT_IMAGE_DPI } from '../../../src/ocr/imageResolution.js';
import { loadTesseractRuntime, type TesseractWorkerLike } from '../../../src/ocr/loadTesseract.js';
import { TesseractOcr } from '../../../src/ocr/TesseractOcr.js';
import type { TesseractPageLike } from '../../../src/ocr/tesseractToBlocks.js';
import { greyPng } from '../searchable-pdf/helpers.js';

vi.mock('../../../src/ocr/loadTesseract.js', () => ({ loadTesseractRuntime: vi.fn() }));

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/ocr');
const pagesTif = new Uint8Array(readFileSync(resolve(FIXTURES, 'pages.tif')));
const png = new Uint8Array(readFileSync(resolve(FIXTURES, 'lines.png')));

/** One word at the top-left, so each page yields PAGE, LINE, WORD. */
const onePage = (text: string): TesseractPageLike => ({
  blocks: [
    { paragraphs: [{ lines: [{ words: [{ text, confidence: 90, bbox: { x0: 1, y0: 1, x1: 20, y1: 10 } }] }] }] },
  ],
});

interface Job {
  /** The per-job parameters the engine was given (e.g. `user_defined_dpi`). */
  parameters: Record<string, string>;
  resolve(page: TesseractPageLike): void;
  reject(reason: unknown): void;
  worker: FakeWorker;
}

class FakeWorker implements TesseractWorkerLike {
  readonly worker = Object.assign(new EventEmitter(), { ref: vi.fn(), unref: vi.fn() });
  terminated = false;
  readonly #jobs: Job[];
  constructor(jobs: Job[]) {
    this.#jobs = jobs;
  }
  async setParameters(): Promise<unknown> {
    return {};
  }
  recognize(_image: unknown, parameters: Record<string, string> = {}): Promise<{ data: TesseractPageLike }> {
    return new Promise((resolve, reject) => {
      this.#jobs.push({ parameters, resolve: (data) => resolve({ data }), reject, worker: this });
    });
  }
  async terminate(): Promise<unknown> {
    this.terminated = true;
    return {};
  }
}

let jobs: Job[];
let workers: FakeWorker[];

/** Waits until `count` jobs are running. */
async function jobsRunning(count: number): Promise<void> {
  await vi.waitFor(() => expect(jobs.length).toBeGreaterThanOrEqual(count));
}

beforeEach(() => {
  jobs = [];
  workers = [];
  vi.mocked(loadTesseractRuntime).mockResolvedValue({
    englishLangPath: '/models/eng',
    createWorker: async () => {
      const worker = new FakeWorker(jobs);
      workers.push(worker);
      return worker;
    },
  });
});

describe('Class: TesseractOcr (fake engine)', () => {
  it('reports progress in page order when pages finish out of order on two workers', async () => {
    const ocr = new TesseractOcr({ workers: 2 });
    const progress: number[] = [];
    const run = ocr.recognize(
      { bytes: pagesTif, mediaType: 'image/tiff' },
      { onProgress: ({ page }) => progress.push(page) },
    );

    await jobsRunning(2);
    jobs[1]?.resolve(onePage('second'));
    await new Promise((r) => setTimeout(r, 10));
    expect(progress).toEqual([]);
    jobs[0]?.resolve(onePage('first'));
    const result = await run;

    expect(progress).toEqual([1, 2]);
    expect(workers).toHaveLength(2);
    expect(result.blocks.filter((b) => b.BlockType === 'WORD').map((b) => [b.Page, b.Text])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
    // Idle workers are unref'd so they never keep the process alive.
    for (const w of workers) expect(w.worker.unref).toHaveBeenCalled();
  });

  it('tells the engine the resolution SearchablePdfBuilder sizes the page by: declared, else 300 dpi', async () => {
    const ocr = new TesseractOcr();
    const cases: [Uint8Array, string][] = [
      [greyPng(8, 8, 150), '150'],
      [greyPng(8, 8), String(DEFAULT_IMAGE_DPI)],
      [greyPng(8, 8, 2), String(DEFAULT_IMAGE_DPI)], // implausible metadata is ignored, as the builder does
    ];
    for (const [bytes, dpi] of cases) {
      const run = ocr.recognize({ bytes, mediaType: 'image/png' });
      await jobsRunning(1);
      expect(jobs[0]?.parameters.user_defined_dpi).toBe(dpi);
      jobs.shift()?.resolve(onePage('x'));
      await run;
    }
    const fixed = new TesseractOcr({ dpi: 200 });
    const run = fixed.recognize({ bytes: greyPng(8, 8, 150), mediaType: 'image/png' });
    await jobsRunning(1);
    expect(jobs[0]?.parameters.user_defined_dpi).toBe('200');
    jobs.shift()?.resolve(onePage('x'));
    await run;
  });

  it('settles only after the sibling page in flight finishes, and reports no progress after rejecting', async () => {
    const ocr = new TesseractOcr({ workers: 2 });
    const events: string[] = [];
    const run = ocr
      .recognize(
        { bytes: pagesTif, mediaType: 'image/tiff' },
        { onProgress: ({ page }) => events.push(`page ${page}`) },
      )
      .catch(() => events.push('rejected'));

    await jobsRunning(2);
    jobs[0]?.reject('Error: Error attempting to read image.');
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual([]);
    jobs[1]?.resolve(onePage('second'));
    await run;

    expect(events).toEqual(['rejected']);
  });

  it('fails the page, not forever, when a worker thread dies, and uses a new worker next time', async () => {
    const ocr = new TesseractOcr();
    const run = ocr.recognize({ bytes: png, mediaType: 'image/png' });
    await jobsRunning(1);

    workers[0]?.worker.emit('error', new Error('RuntimeError: unreachable'));
    workers[0]?.worker.emit('exit', 1);

    const error = await run.catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/page 1 stopped the OCR engine/);
    const next = ocr.recognize({ bytes: png, mediaType: 'image/png' });
    await jobsRunning(2);
    jobs[1]?.resolve(onePage('again'));
    await expect(next).resolves.toMatchObject({ pageCount: 1 });
    expect(jobs[1]?.worker).not.toBe(workers[0]);
  });

  it('wraps an engine error as a ValidationError naming the page, and keeps the worker', async () => {
    const ocr = new TesseractOcr();
    const run = ocr.recognize({ bytes: pagesTif, mediaType: 'image/tiff' });
    await jobsRunning(1);
    jobs[0]?.resolve(onePage('ok'));
    await jobsRunning(2);
    jobs[1]?.reject('Error: Error attempting to read image.');

    const error = await run.catch((e: unknown) => e);

    expect(isValidationError(error) && error.message).toBe('input.bytes page 2 could not be read by the OCR engine');
    expect(workers).toHaveLength(1);
    expect(workers[0]?.terminated).toBe(false);
  });

  it('gives every concurrent caller the missing-dependency error', async () => {
    vi.mocked(loadTesseractRuntime).mockRejectedValue(new MissingDependencyError('tesseract.js', 'TesseractOcr'));
    const ocr = new TesseractOcr();

    const results = await Promise.allSettled([
      ocr.recognize({ bytes: png, mediaType: 'image/png' }),
      ocr.recognize({ bytes: png, mediaType: 'image/png' }),
    ]);

    for (const r of results) expect(r.status === 'rejected' && isMissingDependencyError(r.reason)).toBe(true);
  });

  it('terminates a new worker that refuses its parameters, and loads the runtime again after a failure', async () => {
    const broken = new FakeWorker(jobs);
    broken.setParameters = async () => {
      throw new Error('bad parameter');
    };
    vi.mocked(loadTesseractRuntime)
      .mockRejectedValueOnce(new MissingDependencyError('tesseract.js', 'TesseractOcr'))
      .mockResolvedValueOnce({ englishLangPath: '/models/eng', createWorker: async () => broken });
    const ocr = new TesseractOcr();

    await expect(ocr.recognize({ bytes: png, mediaType: 'image/png' })).rejects.toSatisfy(isMissingDependencyError);
    await expect(ocr.recognize({ bytes: png, mediaType: 'image/png' })).rejects.toThrow('bad parameter');

    expect(broken.terminated).toBe(true);
    expect(loadTesseractRuntime).toHaveBeenCalledTimes(2);
  });
});
