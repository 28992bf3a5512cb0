/**
 * Compiled-shape awareness: a Neuron model is compiled for fixed batch sizes and a fixed sequence length.
 * Items are checked and padded to the sequence length here; batches are padded by the batcher.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';

/** The shapes a model was compiled for. */
export interface CompiledShape {
  /** Batch sizes compiled for (strictly increasing), e.g. `[1, 6]`. */
  readonly batchSizes?: readonly number[];
  /** Sequence length compiled for, e.g. 128: shorter token arrays are padded, longer ones refused. */
  readonly sequenceLength?: number;
  /** Value used for padding (token id and mask). Default 0. */
  readonly padValue?: number;
}

/** A model input: one token array, or named token arrays (e.g. `input_ids` and `attention_mask`). */
export type SequenceItem = readonly number[] | Readonly<Record<string, readonly number[]>>;

/**
 * Pads every array of `item` to `sequenceLength`; refuses a longer one, naming the field and lengths only.
 *
 * @example
 * ```ts
 * padToSequenceLength({ input_ids: [101, 7592, 102] }, 5, 'items[0]'); // { input_ids: [101, 7592, 102, 0, 0] }
 * ```
 */
export function padToSequenceLength<T extends SequenceItem>(
  item: T,
  sequenceLength: number,
  field: string,
  padValue = 0,
): T {
  const pad = (values: readonly number[], at: string): number[] => {
    if (!Array.isArray(values)) throw new ValidationError(at, 'must be an array of numbers');
    if (values.length > sequenceLength) {
      throw new ValidationError(
        at,
        `has length ${values.length}, over the compiled sequence length ${sequenceLength}; truncate or split it`,
      );
    }
    const out = values.slice();
    while (out.length < sequenceLength) out.push(padValue);
    return out;
  };
  if (Array.isArray(item)) return pad(item, field) as unknown as T;
  if (item === null || typeof item !== 'object')
    throw new ValidationError(field, 'must be an array or an object of arrays');
  return Object.fromEntries(
    Object.entries(item as Record<string, readonly number[]>).map(([key, values]) => [
      key,
      pad(values, `${field}.${key}`),
    ]),
  ) as unknown as T;
}

/**
 * A padding item shaped like `sample`: every number replaced by `padValue` (for the batcher's `padItem`).
 *
 * @example
 * ```ts
 * paddingLike({ input_ids: [1, 2], attention_mask: [1, 1] }); // { input_ids: [0, 0], attention_mask: [0, 0] }
 * ```
 */
export function paddingLike<T>(sample: T, padValue = 0): T {
  const fill = (value: unknown): unknown => {
    if (typeof value === 'number') return padValue;
    if (Array.isArray(value)) return value.map(fill);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, fill(v)]));
    }
    return value;
  };
  return fill(sample) as T;
}
