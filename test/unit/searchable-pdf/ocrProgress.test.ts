import { describe, expect, it } from 'vitest';
import type { OcrEngine, OcrInput, OcrOptions, OcrResult } from '../../../src/ocr/OcrEngine.js';
import { SearchablePdfBuilder, type SearchablePdfProgress } from '../../../src/searchable-pdf/SearchablePdfBuilder.js';
import { fixtureBytes, JSON_13, PDF_13, textractFixture } from './helpers.js';

/** An engine that replays saved Textract output page by page, reporting progress as a real one does. */
class ReplayEngine implements OcrEngine {
  readonly name = 'replay';
  readonly seen: SearchablePdfProgress[][] = [];
  readonly #progress: SearchablePdfProgress[];
  constructor(progress: SearchablePdfProgress[]) {
    this.#progress = progress;
  }

  async recognize(_input: OcrInput, options: OcrOptions = {}): Promise<OcrResult> {
    // What the caller had been told when the engine started.
    this.seen.push([...this.#progress]);
    const { Blocks } = textractFixture(JSON_13);
    for (const page of [1, 2]) options.onProgress?.({ page, pageCount: 2 });
    return { blocks: Blocks as never, pageCount: 2, engine: this.name, warnings: [] };
  }
}

describe('SearchablePdfBuilder progress with an OCR engine', () => {
  it('says the OCR stage has started (page 0) before the engine runs, then reports each page and stage', async () => {
    const progress: SearchablePdfProgress[] = [];
    const engine = new ReplayEngine(progress);
    await new SearchablePdfBuilder({ ocrEngine: engine }).build(fixtureBytes(PDF_13), {
      onProgress: (p) => progress.push(p),
    });
    expect(engine.seen).toEqual([[{ stage: 'ocr', page: 0, pageCount: 2 }]]);
    expect(progress.map((p) => [p.stage, p.page, p.pageCount])).toEqual([
      ['ocr', 0, 2],
      ['ocr', 1, 2],
      ['ocr', 2, 2],
      ['text-layer', 1, 2],
      ['text-layer', 2, 2],
    ]);
  });
});
