/**
 * Request and response codecs for SageMaker endpoints: how a batch of items becomes one request body and how
 * the response body becomes one result per item. JSON, JSON Lines, CSV and raw bytes.
 *
 * @module
 */
import { ResponseShapeError, ValidationError } from '../kit/errors.js';
import { assertJsonEncodable, parseTolerantJson, stringifyStrictJson } from './json.js';

/** Encodes a batch into one body and decodes the answer into one result per item. */
export interface BatchCodec<I, O> {
  /** `Content-Type` of the request. */
  readonly contentType: string;
  /** `Accept` of the request. */
  readonly accept: string;
  /** False when a body can carry only one item (raw bytes): the batcher then sends batches of one. */
  readonly batching: boolean;
  /**
   * Checks one item before it joins a batch, so a bad item fails alone (with a `ValidationError`) instead of
   * failing the batch it would have shared.
   */
  check?(item: I, field: string): void;
  /** One body for `items`; `field` names the input in validation errors. */
  encode(items: readonly I[], field: string): Uint8Array;
  /** One result per item; `count` is the number of items sent. */
  decode(body: Uint8Array, count: number): O[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function checkCount(got: number, count: number, what: string): void {
  if (got !== count) {
    throw new ResponseShapeError('InvokeEndpoint', 'Body', `has ${got} ${what} for ${count} inputs`);
  }
}

/** Options of {@link jsonCodec}. */
export interface JsonCodecOptions {
  /** Wrap the batch as `{ [requestKey]: items }` (e.g. `instances`, `inputs`). Default: a bare array. */
  readonly requestKey?: string;
  /** Read results from `response[responseKey]` (e.g. `predictions`). Default: the body is the array. */
  readonly responseKey?: string;
}

/**
 * JSON: the batch is one array (optionally wrapped in an object); the answer is an array of as many results.
 * Parsing tolerates `NaN`/`Infinity`; encoding refuses them with a `ValidationError`.
 *
 * @example
 * ```ts
 * const codec = jsonCodec<number[], number[]>({ requestKey: 'instances', responseKey: 'predictions' });
 * ```
 */
export function jsonCodec<I = unknown, O = unknown>(options: JsonCodecOptions = {}): BatchCodec<I, O> {
  const { requestKey, responseKey } = options;
  return {
    contentType: 'application/json',
    accept: 'application/json',
    batching: true,
    check: assertJsonEncodable,
    encode(items, field) {
      const text = stringifyStrictJson(requestKey === undefined ? items : { [requestKey]: items }, field);
      return encoder.encode(text);
    },
    decode(body, count) {
      const parsed = parseTolerantJson(decoder.decode(body), 'InvokeEndpoint');
      const results =
        responseKey === undefined ? parsed : ((parsed as Record<string, unknown> | null)?.[responseKey] ?? undefined);
      if (!Array.isArray(results)) {
        throw new ResponseShapeError('InvokeEndpoint', responseKey ?? 'Body', 'is not a JSON array');
      }
      checkCount(results.length, count, 'results');
      return results as O[];
    },
  };
}

/**
 * JSON Lines: one JSON value per line in both directions.
 *
 * @example
 * ```ts
 * const codec = jsonLinesCodec<{ text: string }, { label: string }>();
 * ```
 */
export function jsonLinesCodec<I = unknown, O = unknown>(): BatchCodec<I, O> {
  return {
    contentType: 'application/jsonlines',
    accept: 'application/jsonlines',
    batching: true,
    check: assertJsonEncodable,
    encode(items, field) {
      return encoder.encode(`${items.map((item, i) => stringifyStrictJson(item, `${field}[${i}]`)).join('\n')}\n`);
    },
    decode(body, count) {
      const lines = decoder
        .decode(body)
        .split(/\r?\n/)
        .filter((line) => line.trim().length > 0);
      checkCount(lines.length, count, 'lines');
      return lines.map((line) => parseTolerantJson(line, 'InvokeEndpoint') as O);
    },
  };
}

/** One CSV cell. */
export type CsvCell = string | number;

function csvCell(cell: CsvCell, field: string): string {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new ValidationError(field, `must be a finite number, got ${String(cell)}`);
    return String(cell);
  }
  if (typeof cell !== 'string') throw new ValidationError(field, `must be a string or a number, got ${typeof cell}`);
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function csvRow(row: readonly CsvCell[], field: string): string {
  if (!Array.isArray(row)) throw new ValidationError(field, 'must be an array of cells');
  return row.map((cell, j) => csvCell(cell, `${field}[${j}]`)).join(',');
}

function parseCsvLine(line: string): CsvCell[] {
  const cells: CsvCell[] = [];
  let at = 0;
  while (at <= line.length) {
    let cell = '';
    let quoted = false;
    if (line[at] === '"') {
      quoted = true;
      at++;
      while (at < line.length) {
        if (line[at] === '"' && line[at + 1] === '"') {
          cell += '"';
          at += 2;
        } else if (line[at] === '"') {
          at++;
          break;
        } else cell += line[at++];
      }
    }
    const end = line.indexOf(',', at);
    cell += line.slice(at, end < 0 ? line.length : end);
    const trimmed = cell.trim();
    cells.push(!quoted && trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : cell);
    if (end < 0) break;
    at = end + 1;
  }
  return cells;
}

/**
 * CSV (`text/csv`): each item is one row; each answer line is one result row (numbers parsed as numbers).
 *
 * @example
 * ```ts
 * const codec = csvCodec();
 * codec.encode([[5.1, 3.5, 1.4, 0.2]], 'rows'); // "5.1,3.5,1.4,0.2\n"
 * ```
 */
export function csvCodec(): BatchCodec<readonly CsvCell[], CsvCell[]> {
  return {
    contentType: 'text/csv',
    accept: 'text/csv',
    batching: true,
    check(row, field) {
      csvRow(row, field);
    },
    encode(items, field) {
      const lines = items.map((row, i) => csvRow(row, `${field}[${i}]`));
      return encoder.encode(`${lines.join('\n')}\n`);
    },
    decode(body, count) {
      const lines = decoder
        .decode(body)
        .split(/\r?\n/)
        .filter((line) => line.length > 0);
      checkCount(lines.length, count, 'lines');
      return lines.map(parseCsvLine);
    },
  };
}

/**
 * Raw bytes with a content type of your choice (images, audio, protobuf). One item per request.
 *
 * @example
 * ```ts
 * const codec = rawCodec('image/jpeg', 'application/json');
 * ```
 */
export function rawCodec(contentType: string, accept = contentType): BatchCodec<Uint8Array, Uint8Array> {
  return {
    contentType,
    accept,
    batching: false,
    check(item, field) {
      if (!(item instanceof Uint8Array)) throw new ValidationError(field, 'must be a Uint8Array');
    },
    encode(items, field) {
      if (items.length !== 1) throw new ValidationError(field, `must hold exactly one body, got ${items.length}`);
      const [body] = items;
      if (!(body instanceof Uint8Array)) throw new ValidationError(`${field}[0]`, 'must be a Uint8Array');
      return body;
    },
    decode(body, count) {
      checkCount(1, count, 'bodies');
      return [body];
    },
  };
}
