/**
 * Internal: turns any accepted input shape into one flat list of blocks plus the responses they came from.
 *
 * @module
 */
import { ValidationError } from '../../kit/errors.js';
import type { TextractBlockLike, TextractResponseLike } from './TextractBlockLike.js';

/**
 * What `loadTextractDocument` accepts: one response (`DetectDocumentText`, `AnalyzeDocument`, or merged
 * asynchronous output), an array of paginated `GetDocumentTextDetection` / `GetDocumentAnalysis` responses, a
 * bare `Blocks` array, the result of any `OcrEngine` (`{ blocks }`), or any of these as JSON text or UTF-8
 * bytes (e.g. a saved file).
 */
export type TextractDocumentInput =
  | TextractResponseLike
  | {
      /** Textract-shaped blocks, as an `OcrEngine` returns them. */
      readonly blocks: readonly TextractBlockLike[];
    }
  | readonly TextractResponseLike[]
  | readonly TextractBlockLike[]
  | string
  | Uint8Array;

/** The blocks of every response, concatenated, with where each came from (for error paths). */
export interface CollectedInput {
  readonly blocks: readonly unknown[];
  /** For each block, its path prefix, e.g. `[2].Blocks[17]`; computed on demand. */
  readonly pathOf: (index: number) => string;
  readonly responses: readonly TextractResponseLike[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseJson(text: string): unknown {
  try {
    // A byte-order mark (common in files saved on Windows) is not JSON.
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    // The SyntaxError's message quotes the input, which may be document text: report the size only.
    throw new ValidationError(
      'input',
      `is not valid JSON (${text.length} characters); pass a parsed response or its exact JSON text`,
    );
  }
}

/**
 * Flattens `input` into blocks; throws {@link ValidationError} for shapes that are not Textract output at all.
 *
 * @example
 * ```ts
 * collectTextractInput([page1, page2]).blocks.length; // page1.Blocks.length + page2.Blocks.length
 * ```
 */
export function collectTextractInput(input: TextractDocumentInput | unknown): CollectedInput {
  let value: unknown = input;
  if (typeof value === 'string') value = parseJson(value);
  else if (value instanceof Uint8Array) value = parseJson(new TextDecoder().decode(value));

  if (Array.isArray(value)) {
    if (value.length === 0) {
      throw new ValidationError('input', 'is an empty array; expected Textract responses or a Blocks array');
    }
    const first: unknown = value[0];
    if (isObject(first) && !('Blocks' in first) && ('BlockType' in first || 'Id' in first)) {
      return { blocks: value, pathOf: (index) => `Blocks[${index}]`, responses: [] };
    }
    const blocks: unknown[] = [];
    const starts: number[] = [];
    for (let r = 0; r < value.length; r++) {
      const response: unknown = value[r];
      if (
        !isObject(response) ||
        'BlockType' in response ||
        (response.Blocks !== undefined && !Array.isArray(response.Blocks))
      ) {
        throw new ValidationError(
          `input[${r}]`,
          'is not a Textract response (an object with a Blocks array); do not mix responses and blocks in one array',
        );
      }
      starts.push(blocks.length);
      const responseBlocks = response.Blocks as unknown[] | undefined;
      if (responseBlocks) for (let i = 0; i < responseBlocks.length; i++) blocks.push(responseBlocks[i]);
    }
    const pathOf = (index: number): string => {
      let r = starts.length - 1;
      while (r > 0 && (starts[r] as number) > index) r--;
      return `[${r}].Blocks[${index - (starts[r] as number)}]`;
    };
    return { blocks, pathOf, responses: value as TextractResponseLike[] };
  }
  if (isObject(value)) {
    // An OcrEngine result: Textract-shaped blocks under a lower-case key.
    if (value.Blocks === undefined && Array.isArray(value.blocks)) {
      return { blocks: value.blocks, pathOf: (index) => `blocks[${index}]`, responses: [] };
    }
    if (!Array.isArray(value.Blocks)) {
      throw new ValidationError(
        'input.Blocks',
        `is ${value.Blocks === undefined ? 'missing' : typeof value.Blocks}; expected an array of Textract blocks`,
      );
    }
    return { blocks: value.Blocks, pathOf: (index) => `Blocks[${index}]`, responses: [value as TextractResponseLike] };
  }
  throw new ValidationError(
    'input',
    `is ${value === null ? 'null' : typeof value}; expected a Textract response, an array of responses or blocks, or JSON text`,
  );
}
