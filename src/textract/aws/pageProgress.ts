/**
 * Per-page progress for multi-page recognition.
 *
 * @module
 */
import type { OcrOptions } from '../../ocr/OcrEngine.js';

/** Receives result pages as they arrive and reports finished pages in order. */
export interface ProgressReporter {
  seen(blocks: readonly { Page?: number | undefined }[], pageCount: number | undefined): void;
  finish(pageCount: number): void;
}

/**
 * Reports pages in order: a page counts as done once blocks of a later page arrive, and all are done at the end.
 *
 * @example
 * ```ts
 * const progress = progressReporter(options.onProgress);
 * progress.seen(page.blocks, page.pageCount); // pages before the highest seen are done
 * progress.finish(3); // the rest
 * ```
 */
export function progressReporter(onProgress: OcrOptions['onProgress']): ProgressReporter {
  let reported = 0;
  let total = 0;
  const report = (upTo: number): void => {
    for (; reported < upTo; ) {
      reported += 1;
      onProgress?.({ page: reported, pageCount: Math.max(total, reported) });
    }
  };
  return {
    seen(blocks, pageCount) {
      total = Math.max(total, pageCount ?? 0);
      let highest = 0;
      for (const block of blocks) highest = Math.max(highest, block.Page ?? 0);
      report(highest - 1);
    },
    finish(pageCount) {
      total = Math.max(total, pageCount);
      report(total);
    },
  };
}
