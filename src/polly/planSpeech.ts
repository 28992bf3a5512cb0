/**
 * The pure half of synthesis: validate the input (text, or SSML against the engine matrix), apply reported
 * downgrades, and split it into requests — with a map from every request's characters back to the input.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import type { PollyEngine } from './limits.js';
import { parseSsml } from './parseSsml.js';
import { chunkToSourceIndex, type SpeechChunk, type SplitSpeechOptions, splitSsml, splitText } from './splitSpeech.js';
import { type SsmlIssue, type SsmlSourceEdit, type UnsupportedSsmlPolicy, validateSsml } from './validateSsml.js';

/** What to speak: plain text, or an SSML document. */
export type SpeechInput =
  | {
      /** Plain text (sent as `TextType: text`). */
      readonly text: string;
      /** Not with `text`. */
      readonly ssml?: never;
    }
  | {
      /** One `<speak>` document. */
      readonly ssml: string;
      /** Not with `ssml`. */
      readonly text?: never;
    };

/** Result of {@link applyEdits}. */
export interface EditedSource {
  /** The source without the removed ranges. */
  readonly text: string;
  /** Maps an index into `text` back to the source; `end` keeps a span's end before removed markup. */
  readonly toSource: (index: number, edge?: 'start' | 'end') => number;
}

/** Options of {@link planSpeech}. */
export interface PlanSpeechOptions extends Omit<SplitSpeechOptions, 'field'> {
  /** Engine to validate SSML against. Default `standard`. */
  readonly engine?: PollyEngine;
  /** Unsupported SSML: `error` (default) or `downgrade` (removed and reported). */
  readonly onUnsupported?: UnsupportedSsmlPolicy;
}

/** The requests to make for one input. */
export interface SpeechPlan {
  /** The requests, in order. */
  readonly chunks: readonly SpeechChunk[];
  /** SSML downgrades and partial-support caveats. */
  readonly issues: readonly SsmlIssue[];
  /** Length of the input (UTF-16 units). */
  readonly inputLength: number;
  /**
   * Maps an index into `chunks[chunk].text` to an index into the caller's input. Where markup was removed
   * by a downgrade, an `end` index stays before the removed markup and a `start` index goes after it.
   */
  toInputIndex(chunk: number, index: number, edge?: 'start' | 'end'): number;
}

/**
 * Validates and splits an input. Throws before any request: `ValidationError` for malformed SSML, bad
 * attributes or phonemes in the wrong alphabet, `UnsupportedSsmlError` under the `error` policy.
 *
 * @example
 * ```ts
 * const plan = planSpeech({ ssml: longSsml }, { engine: 'neural', onUnsupported: 'downgrade' });
 * plan.chunks.length; plan.issues;
 * ```
 */
export function planSpeech(input: SpeechInput, options: PlanSpeechOptions = {}): SpeechPlan {
  const hasText = typeof input?.text === 'string';
  const hasSsml = typeof input?.ssml === 'string';
  if (hasText === hasSsml) throw new ValidationError('input', 'takes exactly one of text or ssml, as a string');
  const limits = {
    ...(options.maxBilledCharacters === undefined ? {} : { maxBilledCharacters: options.maxBilledCharacters }),
    ...(options.maxTotalCharacters === undefined ? {} : { maxTotalCharacters: options.maxTotalCharacters }),
  };
  if (hasText) {
    const text = input.text!;
    const chunks = text.length === 0 ? [] : splitText(text, { ...limits, field: 'text' });
    return { chunks, issues: [], inputLength: text.length, toInputIndex: (c, i) => chunkToSourceIndex(chunks[c]!, i) };
  }
  const source = input.ssml!;
  const { issues, edits } = validateSsml(parseSsml(source, 'ssml'), {
    engine: options.engine ?? 'standard',
    onUnsupported: options.onUnsupported ?? 'error',
    field: 'ssml',
  });
  const edited = applyEdits(source, edits);
  const chunks = splitSsml(edited.text, { ...limits, field: 'ssml' });
  return {
    chunks,
    issues,
    inputLength: source.length,
    toInputIndex: (c, i, edge = 'start') => edited.toSource(chunkToSourceIndex(chunks[c]!, i), edge),
  };
}

/**
 * Deletes `edits` (sorted, not overlapping) from `source`, with a map from the result's indices back.
 *
 * @example
 * ```ts
 * const { text, toSource } = applyEdits('<speak><emphasis>hi</emphasis></speak>', [{ start: 7, end: 17 }, { start: 19, end: 30 }]);
 * ```
 */
export function applyEdits(source: string, edits: readonly SsmlSourceEdit[]): EditedSource {
  if (edits.length === 0) return { text: source, toSource: (i) => i };
  let text = '';
  const keptStarts: number[] = []; // index in text where each kept piece starts
  const sourceStarts: number[] = []; // its start in source
  let from = 0;
  for (const edit of edits) {
    if (edit.start < from) continue;
    keptStarts.push(text.length);
    sourceStarts.push(from);
    text += source.slice(from, edit.start);
    from = edit.end;
  }
  keptStarts.push(text.length);
  sourceStarts.push(from);
  text += source.slice(from);
  return {
    text,
    toSource: (index, edge = 'start') => {
      let lo = 0;
      let hi = keptStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        // An end index at a piece boundary belongs to the piece before (it ends there).
        if (edge === 'end' ? keptStarts[mid]! < index : keptStarts[mid]! <= index) lo = mid;
        else hi = mid - 1;
      }
      return sourceStarts[lo]! + (index - keptStarts[lo]!);
    },
  };
}
