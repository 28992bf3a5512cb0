/**
 * JSON at the edges of a model server: parsing that accepts the `NaN`, `Infinity` and `-Infinity` tokens
 * TensorFlow Serving (and some Python servers) emit, and serialising that refuses non-finite numbers instead of
 * letting `JSON.stringify` turn them into `null` behind the caller's back.
 *
 * @module
 */
import { ResponseShapeError, ValidationError } from '../kit/errors.js';

const MARKER = '\u0000aws-ml-kit-non-finite:';
const NON_FINITE: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

/**
 * Parses JSON, also accepting bare `NaN`, `Infinity` and `-Infinity` tokens outside strings.
 *
 * @throws ResponseShapeError when the text is not JSON even with those tokens (the text is never quoted).
 * @example
 * ```ts
 * parseTolerantJson('{"predictions":[NaN, -Infinity, 1.5]}'); // { predictions: [NaN, -Infinity, 1.5] }
 * ```
 */
export function parseTolerantJson(text: string, operation = 'model server'): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Fall through: retry with the non-finite tokens quoted.
  }
  let out = '';
  let inString = false;
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const token = ch === 'N' ? 'NaN' : ch === 'I' ? 'Infinity' : ch === '-' && text[i + 1] === 'I' ? '-Infinity' : '';
    if (token && text.startsWith(token, i)) {
      out += JSON.stringify(MARKER + token);
      i += token.length - 1;
      changed = true;
      continue;
    }
    out += ch;
  }
  try {
    if (!changed) throw new SyntaxError('not JSON');
    return JSON.parse(out, (_key, value: unknown) =>
      typeof value === 'string' && value.startsWith(MARKER) ? NON_FINITE[value.slice(MARKER.length)] : value,
    );
  } catch {
    throw new ResponseShapeError(operation, 'body', `is not JSON (${text.length} characters)`);
  }
}

/**
 * `JSON.stringify` that refuses what JSON cannot carry: a non-finite number fails with a `ValidationError`
 * naming its path (not its neighbours' values); `undefined`, functions and symbols inside arrays likewise.
 *
 * @example
 * ```ts
 * stringifyStrictJson({ inputs: [[1, 2]] }, 'feeds'); // '{"inputs":[[1,2]]}'
 * stringifyStrictJson([1, NaN], 'items'); // throws ValidationError: items[1] must be a finite number …
 * ```
 */
export function stringifyStrictJson(value: unknown, field: string): string {
  checkJsonValue(value, field, 0);
  return JSON.stringify(value);
}

/**
 * Checks that JSON can carry `value` (see {@link stringifyStrictJson}) without serialising it.
 *
 * @example
 * ```ts
 * assertJsonEncodable({ input_ids: [101, 102] }, 'item'); // ok
 * ```
 */
export function assertJsonEncodable(value: unknown, field: string): void {
  checkJsonValue(value, field, 0);
}

function checkJsonValue(value: unknown, path: string, depth: number): void {
  if (depth > 256) throw new ValidationError(path, 'is nested more than 256 levels deep');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new ValidationError(path, `must be a finite number: JSON cannot carry ${String(value)}`);
    }
    return;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'bigint') throw new ValidationError(path, 'must not be a bigint: JSON cannot carry it');
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') {
        throw new ValidationError(`${path}[${i}]`, 'must be a JSON value, got undefined or a function');
      }
      checkJsonValue(item, `${path}[${i}]`, depth + 1);
    }
    return;
  }
  if (ArrayBuffer.isView(value)) {
    const view = value as unknown as ArrayLike<number>;
    for (let i = 0; i < view.length; i++) {
      if (typeof view[i] === 'number' && !Number.isFinite(view[i])) {
        throw new ValidationError(`${path}[${i}]`, `must be a finite number: JSON cannot carry ${String(view[i])}`);
      }
    }
    return;
  }
  if (typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return;
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue; // dropped, as JSON does
      checkJsonValue(item, `${path}.${key}`, depth + 1);
    }
    return;
  }
  throw new ValidationError(path, `must be a JSON value, got ${typeof value}`);
}
