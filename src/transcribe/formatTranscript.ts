/**
 * Output formats for a finished transcript: plain text, SubRip (SRT) and JSON.
 *
 * @module
 */
import type { TranscriptSegment } from './types.js';

/** Options of {@link formatTranscriptText} and {@link formatSrt}. */
export interface FormatTranscriptOptions {
  /** Prefix text with the speaker (`spk_0: …`) or channel (`ch_1: …`) when the segment has one. Default true. */
  readonly labels?: boolean;
}

/**
 * Plain text: one line per final segment, labelled with speaker or channel when known.
 *
 * @example
 * ```ts
 * process.stdout.write(formatTranscriptText(assembler.finals));
 * ```
 */
export function formatTranscriptText(
  segments: readonly TranscriptSegment[],
  options: FormatTranscriptOptions = {},
): string {
  const lines = segments.filter((s) => s.text.length > 0).map((s) => `${label(s, options)}${s.text}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/**
 * SubRip subtitles: one numbered cue per final segment, `HH:MM:SS,mmm --> HH:MM:SS,mmm`.
 *
 * @example
 * ```ts
 * await writeFile('talk.srt', formatSrt(assembler.finals));
 * ```
 */
export function formatSrt(segments: readonly TranscriptSegment[], options: FormatTranscriptOptions = {}): string {
  return segments
    .filter((s) => s.text.length > 0)
    .map(
      (s, i) =>
        `${i + 1}\n${srtTime(s.startMs)} --> ${srtTime(Math.max(s.endMs, s.startMs))}\n${label(s, options)}${s.text}\n`,
    )
    .join('\n');
}

/**
 * JSON: `{ "text", "segments": [...] }` with every word, timing, speaker, channel and confidence.
 *
 * @example
 * ```ts
 * await writeFile('talk.json', formatTranscriptJson(assembler.finals));
 * ```
 */
export function formatTranscriptJson(segments: readonly TranscriptSegment[]): string {
  const text = segments
    .map((s) => s.text)
    .filter((t) => t.length > 0)
    .join(' ');
  return `${JSON.stringify({ text, segments }, null, 2)}\n`;
}

/**
 * Formats milliseconds as an SRT timestamp.
 *
 * @example
 * ```ts
 * srtTime(3_723_004); // '01:02:03,004'
 * ```
 */
export function srtTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)},${pad(total % 1000, 3)}`;
}

function label(segment: TranscriptSegment, options: FormatTranscriptOptions): string {
  if (options.labels === false) return '';
  if (segment.speakers.length === 1) return `spk_${segment.speakers[0]}: `;
  if (segment.channelId !== undefined) return `${segment.channelId}: `;
  return '';
}
