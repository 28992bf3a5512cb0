/**
 * Reading the service's `TranscriptEvent` (the same JSON shape over HTTP/2 and WebSocket) into typed segments.
 *
 * @module
 */
import { ResponseShapeError } from '../kit/errors.js';
import type { TranscriptSegment, TranscriptWord } from './types.js';

/** Where a stream's results sit in the whole audio. */
export interface SegmentPlacement {
  /** Milliseconds of audio sent in earlier streams, added to every time. Default 0. */
  readonly offsetMs?: number;
  /** Index of the stream. Default 0. */
  readonly streamIndex?: number;
}

interface RawItem {
  Content?: unknown;
  Type?: unknown;
  StartTime?: unknown;
  EndTime?: unknown;
  Speaker?: unknown;
  Confidence?: unknown;
  Stable?: unknown;
  VocabularyFilterMatch?: unknown;
}

const OPERATION = 'TranscribeStreaming.TranscriptEvent';

/**
 * Turns one `TranscriptEvent` (`{ Transcript: { Results: [...] } }`) into segments, best alternative first,
 * times in milliseconds shifted by `placement.offsetMs`. Results without alternatives are skipped.
 *
 * @example
 * ```ts
 * for (const segment of parseTranscriptEvent(event.TranscriptEvent, { offsetMs: 0 })) assembler.push(segment);
 * ```
 * @throws ResponseShapeError when a result lacks its `ResultId` or times, naming the path (never the text).
 */
export function parseTranscriptEvent(event: unknown, placement: SegmentPlacement = {}): TranscriptSegment[] {
  const offsetMs = placement.offsetMs ?? 0;
  const streamIndex = placement.streamIndex ?? 0;
  const results = (event as { Transcript?: { Results?: unknown } } | undefined)?.Transcript?.Results;
  if (results === undefined) return [];
  if (!Array.isArray(results)) throw new ResponseShapeError(OPERATION, 'Transcript.Results', 'is not an array');
  const segments: TranscriptSegment[] = [];
  results.forEach((result: Record<string, unknown>, r) => {
    const path = `Transcript.Results[${r}]`;
    if (typeof result?.ResultId !== 'string') throw new ResponseShapeError(OPERATION, `${path}.ResultId`, 'is missing');
    const alternative = (result.Alternatives as Record<string, unknown>[] | undefined)?.[0];
    if (!alternative) return;
    const startMs = toMs(result.StartTime, `${path}.StartTime`) + offsetMs;
    const endMs = toMs(result.EndTime, `${path}.EndTime`) + offsetMs;
    const rawItems = (alternative.Items ?? []) as RawItem[];
    if (!Array.isArray(rawItems))
      throw new ResponseShapeError(OPERATION, `${path}.Alternatives[0].Items`, 'is not an array');
    const words = rawItems.map((item, i) => toWord(item, `${path}.Alternatives[0].Items[${i}]`, offsetMs));
    const speakers = [...new Set(words.flatMap((word) => (word.speaker === undefined ? [] : [word.speaker])))];
    const confidences = words.flatMap((word) => (word.confidence === undefined ? [] : [word.confidence]));
    const text =
      typeof alternative.Transcript === 'string' ? alternative.Transcript : words.map((w) => w.content).join(' ');
    segments.push({
      resultId: result.ResultId,
      isPartial: result.IsPartial === true,
      startMs,
      endMs,
      text,
      words,
      speakers,
      streamIndex,
      ...(typeof result.ChannelId === 'string' ? { channelId: result.ChannelId } : {}),
      ...(typeof result.LanguageCode === 'string' ? { languageCode: result.LanguageCode } : {}),
      ...(confidences.length > 0 ? { confidence: confidences.reduce((a, b) => a + b, 0) / confidences.length } : {}),
    });
  });
  return segments;
}

function toWord(item: RawItem, path: string, offsetMs: number): TranscriptWord {
  if (typeof item?.Content !== 'string') throw new ResponseShapeError(OPERATION, `${path}.Content`, 'is missing');
  return {
    content: item.Content,
    type: item.Type === 'punctuation' ? 'punctuation' : 'pronunciation',
    startMs: toMs(item.StartTime ?? 0, `${path}.StartTime`) + offsetMs,
    endMs: toMs(item.EndTime ?? 0, `${path}.EndTime`) + offsetMs,
    ...(typeof item.Speaker === 'string' ? { speaker: item.Speaker } : {}),
    ...(typeof item.Confidence === 'number' ? { confidence: item.Confidence } : {}),
    ...(typeof item.Stable === 'boolean' ? { stable: item.Stable } : {}),
    ...(typeof item.VocabularyFilterMatch === 'boolean' ? { vocabularyFilterMatch: item.VocabularyFilterMatch } : {}),
  };
}

function toMs(seconds: unknown, path: string): number {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new ResponseShapeError(OPERATION, path, 'is not a non-negative number of seconds');
  }
  return Math.round(seconds * 1_000_000) / 1000; // keeps the service's precision without float noise
}
