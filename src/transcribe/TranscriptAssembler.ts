/**
 * Turning the service's stream of re-sent partial results into stable text.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import type { TranscriptSegment } from './types.js';

/**
 * Collects segments as they arrive. A partial replaces the previous partial of the same `resultId` (the service
 * re-sends a result with growing text until it is final); a final result settles it. Late partials of a settled
 * result and repeated finals are ignored, so the stable transcript never shows a word twice or changes.
 *
 * @example
 * ```ts
 * const assembler = new TranscriptAssembler();
 * for await (const event of transcriber.transcribe(audio, options)) {
 *   if (event.type === 'partial' || event.type === 'final') {
 *     const settled = assembler.push(event.segment);
 *     if (settled) process.stdout.write(`${settled.text}\n`); // only stable text
 *   }
 * }
 * ```
 */
export class TranscriptAssembler {
  readonly #pending = new Map<string, TranscriptSegment>();
  readonly #finalIds = new Set<string>();
  readonly #finals: TranscriptSegment[] = [];

  /**
   * Takes one segment; returns it when it has just become final, otherwise `undefined`.
   *
   * @example
   * ```ts
   * const settled = assembler.push(segment);
   * ```
   * @throws ValidationError for a segment without a string `resultId`.
   */
  push(segment: TranscriptSegment): TranscriptSegment | undefined {
    if (typeof segment?.resultId !== 'string') throw new ValidationError('segment.resultId', 'must be a string');
    const key = `${segment.streamIndex}\u0000${segment.resultId}`;
    if (this.#finalIds.has(key)) return undefined;
    if (segment.isPartial) {
      this.#pending.set(key, segment);
      return undefined;
    }
    this.#pending.delete(key);
    this.#finalIds.add(key);
    // Keep finals in time order (then channel) even when results of two channels interleave.
    let at = this.#finals.length;
    while (at > 0 && compare(this.#finals[at - 1]!, segment) > 0) at--;
    this.#finals.splice(at, 0, segment);
    return segment;
  }

  /**
   * The final segments so far, in time order.
   *
   * @example
   * ```ts
   * writeFileSync('out.srt', formatSrt(assembler.finals));
   * ```
   */
  get finals(): readonly TranscriptSegment[] {
    return this.#finals;
  }

  /**
   * The latest partial of each unsettled result, in time order.
   *
   * @example
   * ```ts
   * render(assembler.partials.map((segment) => segment.text).join(' '));
   * ```
   */
  get partials(): readonly TranscriptSegment[] {
    return [...this.#pending.values()].sort(compare);
  }

  /**
   * The stable text: final segments joined by spaces.
   *
   * @example
   * ```ts
   * console.log(assembler.stableText());
   * ```
   */
  stableText(): string {
    return joinText(this.#finals);
  }

  /**
   * Stable text followed by the current partials: what a live caption would show now.
   *
   * @example
   * ```ts
   * caption.textContent = assembler.currentText();
   * ```
   */
  currentText(): string {
    return joinText([...this.#finals, ...this.partials]);
  }

  /**
   * Settles every pending partial as it stands (for a stream that ended without its finals); returns the settled
   * segments (now final, as in {@link TranscriptAssembler.finals}).
   *
   * @example
   * ```ts
   * const unsettled = assembler.flush();
   * ```
   */
  flush(): TranscriptSegment[] {
    const settled = this.partials.map((segment) => ({ ...segment, isPartial: false }));
    for (const segment of settled) this.push(segment);
    return settled;
  }
}

function compare(a: TranscriptSegment, b: TranscriptSegment): number {
  return a.startMs - b.startMs || a.endMs - b.endMs || (a.channelId ?? '').localeCompare(b.channelId ?? '');
}

function joinText(segments: readonly TranscriptSegment[]): string {
  return segments
    .map((segment) => segment.text)
    .filter((text) => text.length > 0)
    .join(' ');
}
