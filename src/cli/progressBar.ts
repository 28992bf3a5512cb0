/**
 * The progress line commands draw on a terminal's standard error: `\r[#####-----] label`.
 *
 * @module
 */

/** Width of the bar in characters. */
export const PROGRESS_BAR_WIDTH = 30;

/**
 * One redraw of the progress line (starts with `\r`, so it overwrites the previous one).
 *
 * @example
 * ```ts
 * io.stderr(progressBar(3, 10, 'requests 3/10')); // '\r[#########---------------------] requests 3/10'
 * ```
 */
export function progressBar(done: number, total: number, label: string): string {
  const filled = total > 0 ? Math.min(PROGRESS_BAR_WIDTH, Math.round((done / total) * PROGRESS_BAR_WIDTH)) : 0;
  return `\r[${'#'.repeat(filled).padEnd(PROGRESS_BAR_WIDTH, '-')}] ${label}`;
}
