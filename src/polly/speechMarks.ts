/**
 * Speech marks: parsing Polly's line-delimited JSON, and merging the marks of several chunks into one
 * timeline over the whole input — times shifted by the audio that came before, and UTF-8 byte offsets into
 * each request turned into UTF-16 string indices of the caller's input.
 *
 * @module
 */
import { ResponseShapeError } from '../kit/errors.js';
import { OffsetMap } from '../kit/offsets.js';

/** Speech-mark types. */
export type SpeechMarkType = 'sentence' | 'word' | 'viseme' | 'ssml';

/** Every speech-mark type. */
export const SPEECH_MARK_TYPES: readonly SpeechMarkType[] = Object.freeze(['sentence', 'word', 'viseme', 'ssml']);

/** A speech mark as Polly returns it: `start`/`end` are UTF-8 byte offsets into the request's text. */
export interface RawSpeechMark {
  /** Milliseconds from the start of the request's audio. */
  readonly time: number;
  /** Mark type. */
  readonly type: SpeechMarkType;
  /** First UTF-8 byte (absent on visemes). */
  readonly start?: number;
  /** UTF-8 byte after the last (absent on visemes). */
  readonly end?: number;
  /** The word or sentence, the viseme, or the `<mark>` name. */
  readonly value: string;
}

/** A speech mark on the merged timeline. */
export interface SpeechMark {
  /** Milliseconds from the start of the joined audio. */
  readonly timeMs: number;
  /** Mark type. */
  readonly type: SpeechMarkType;
  /** UTF-16 index into the whole input where the mark's text starts (absent on visemes). */
  readonly start?: number;
  /** UTF-16 index after it (absent on visemes). */
  readonly end?: number;
  /** The word or sentence, the viseme, or the `<mark>` name. */
  readonly value: string;
  /** The chunk (request) the mark came from. */
  readonly chunk: number;
}

/**
 * Parses a speech-marks body (one JSON object per line).
 *
 * @throws ResponseShapeError for a line that is not a speech mark (the message names the line, not its content).
 * @example
 * ```ts
 * parseSpeechMarks('{"time":6,"type":"word","start":0,"end":5,"value":"Hello"}\n');
 * ```
 */
export function parseSpeechMarks(body: string | Uint8Array): RawSpeechMark[] {
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  const marks: RawSpeechMark[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    let mark: Partial<RawSpeechMark> | undefined;
    try {
      mark = JSON.parse(line) as Partial<RawSpeechMark>;
    } catch {
      mark = undefined;
    }
    const ok =
      mark !== undefined &&
      mark !== null &&
      typeof mark.time === 'number' &&
      typeof mark.type === 'string' &&
      (SPEECH_MARK_TYPES as readonly string[]).includes(mark.type) &&
      typeof mark.value === 'string' &&
      (mark.start === undefined || Number.isInteger(mark.start)) &&
      (mark.end === undefined || Number.isInteger(mark.end));
    if (!ok)
      throw new ResponseShapeError('Polly.SynthesizeSpeech', `speech marks line ${i + 1}`, 'is not a speech mark');
    marks.push(mark as RawSpeechMark);
  }
  return marks;
}

/** The marks of one chunk, with what is needed to place them on the merged timeline. */
export interface SpeechMarkPart {
  /** The chunk's marks as Polly returned them. */
  readonly marks: readonly RawSpeechMark[];
  /** The exact text sent for this chunk (byte offsets point into it). */
  readonly requestText: string;
  /** Milliseconds of audio before this chunk's. */
  readonly offsetMs: number;
  /** Maps a UTF-16 index into `requestText` to one into the whole input (`edge` says which end of a span). Default: identity. */
  readonly toInputIndex?: (index: number, edge: 'start' | 'end') => number;
  /** Chunk number, reported on each mark. Default: the part's position. */
  readonly chunk?: number;
}

/**
 * Merges per-chunk marks into one timeline: `timeMs = offsetMs + time`, and byte offsets converted to UTF-16
 * indices of the request text (a byte inside a multi-byte character resolves to its start for `start`, its
 * end for `end`), then mapped into the whole input.
 *
 * @example
 * ```ts
 * const marks = mergeSpeechMarks([
 *   { marks: first, requestText: chunks[0].text, offsetMs: 0 },
 *   { marks: second, requestText: chunks[1].text, offsetMs: firstAudioMs },
 * ]);
 * ```
 */
export function mergeSpeechMarks(parts: readonly SpeechMarkPart[]): SpeechMark[] {
  const merged: SpeechMark[] = [];
  parts.forEach((part, position) => {
    const map = new OffsetMap(part.requestText);
    const toInput = part.toInputIndex ?? ((index: number) => index);
    const chunk = part.chunk ?? position;
    for (const mark of part.marks) {
      const timeMs = part.offsetMs + mark.time;
      if (mark.start === undefined || mark.end === undefined) {
        merged.push({ timeMs, type: mark.type, value: mark.value, chunk });
        continue;
      }
      const clamp = (byte: number) => Math.min(Math.max(0, byte), map.utf8Length);
      const start = toInput(map.utf16FromUtf8(clamp(mark.start), 'start'), 'start');
      const end = toInput(map.utf16FromUtf8(clamp(mark.end), 'end'), 'end');
      merged.push({ timeMs, type: mark.type, start, end: Math.max(start, end), value: mark.value, chunk });
    }
  });
  return merged;
}
