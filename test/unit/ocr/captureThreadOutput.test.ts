import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureThreadOutput, type TesseractWorkerLike } from '../../../src/ocr/loadTesseract.js';

/** A thread that prints what Tesseract and libpng print, then waits to be terminated. */
function noisyThread(): Worker {
  return new Worker(
    `console.error('Estimating resolution as 215');
     process.stderr.write('libpng error: IDAT: CRC error\\nError in pixReadStreamPng: internal png error\\n');
     console.log('something else');
     require('node:worker_threads').parentPort.postMessage('done');
     setInterval(() => {}, 1000);`,
    { eval: true },
  );
}

describe('captureThreadOutput', () => {
  let thread: Worker | undefined;
  afterEach(async () => {
    await thread?.terminate();
  });

  it("keeps the engine thread's lines off the process's stdout and stderr and reports each by kind", async () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    const stdout = vi.spyOn(process.stdout, 'write');
    thread = noisyThread();
    const kinds: string[] = [];
    captureThreadOutput({ worker: thread } as unknown as TesseractWorkerLike, (kind) => kinds.push(kind));

    await new Promise((resolve) => thread?.once('message', resolve));
    await vi.waitFor(() => expect(kinds).toHaveLength(4), { timeout: 10_000 });

    expect(kinds.sort()).toEqual(['image-error', 'image-error', 'other', 'resolution-estimate']);
    const written = [...stderr.mock.calls, ...stdout.mock.calls].map(([chunk]) => String(chunk)).join('');
    expect(written).not.toMatch(/Estimating resolution|libpng|something else/);
  });

  it('does nothing for a worker without a thread (e.g. a fake)', () => {
    expect(() => captureThreadOutput({ worker: null } as unknown as TesseractWorkerLike, () => {})).not.toThrow();
  });
});
