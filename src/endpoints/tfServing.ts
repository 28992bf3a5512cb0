/**
 * TensorFlow Serving REST codecs (the protocol EI-enabled TF Serving and SageMaker's TFS containers speak):
 * `:predict` in row (`instances`) or columnar (`inputs`) form, `{ "b64": … }` binary values for `_bytes`
 * tensors, `:classify`/`:regress` with `examples`, and the SageMaker `CustomAttributes` that choose the method
 * and the model. Pure: bodies in, bodies out.
 *
 * @module
 */
import { ResponseShapeError, ValidationError } from '../kit/errors.js';
import { parseTolerantJson, stringifyStrictJson } from './json.js';

/** `row` sends `instances` (one entry per example; every input shares the batch dimension); `columnar` sends `inputs`. */
export type TfServingFormat = 'row' | 'columnar';

/** The TF Serving methods. */
export type TfServingMethod = 'predict' | 'classify' | 'regress';

/** Named input tensors, each with its batch dimension first (row format) or any shape (columnar). */
export type Feeds = Readonly<Record<string, unknown>>;

/** How feeds and outputs are named, as EIPredictor's `input_names`/`output_names`. */
export interface TensorNaming {
  /** Friendly feed name → the model's input alias (default: the same name). */
  readonly inputNames?: Readonly<Record<string, string>>;
  /** Friendly output name → the model's output alias (default: the same name). */
  readonly outputNames?: Readonly<Record<string, string>>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Base64 of bytes, for `{ "b64": … }`.
 *
 * @example
 * ```ts
 * toBase64(new Uint8Array([255, 216])); // "/9g="
 * ```
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Bytes of base64 text.
 *
 * @example
 * ```ts
 * fromBase64('/9g='); // Uint8Array [255, 216]
 * ```
 */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function encodeBinary(value: unknown, tensor: string, field: string): unknown {
  if (value instanceof Uint8Array) {
    if (!tensor.endsWith('_bytes')) {
      throw new ValidationError(field, `holds binary data, so its tensor alias must end in "_bytes" (got ${tensor})`);
    }
    return { b64: toBase64(value) };
  }
  if (Array.isArray(value)) return value.map((item, i) => encodeBinary(item, tensor, `${field}[${i}]`));
  return value;
}

function decodeBinary(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeBinary);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'b64' && typeof (value as { b64: unknown }).b64 === 'string') {
      return fromBase64((value as { b64: string }).b64);
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decodeBinary(item)]));
  }
  return value;
}

function tensorName(naming: Readonly<Record<string, string>> | undefined, name: string): string {
  return naming?.[name] ?? name;
}

/** Options of {@link encodePredictRequest}. */
export interface PredictRequestOptions extends TensorNaming {
  /** Default `row`. */
  readonly format?: TfServingFormat;
  /** The SignatureDef to use; TF Serving's default is `serving_default`. */
  readonly signatureName?: string;
}

/**
 * The `:predict` body for `feeds`. Row format needs every feed to be an array of the same length (the batch);
 * a single feed is sent as bare instances, several as one object per instance.
 *
 * @throws ValidationError when feeds are empty, batch sizes disagree, a value is not finite, or binary data goes
 * to a tensor whose alias does not end in `_bytes`.
 * @example
 * ```ts
 * encodePredictRequest({ inputs: [[1, 2], [3, 4]] }); // {"instances":[[1,2],[3,4]]}
 * ```
 */
export function encodePredictRequest(feeds: Feeds, options: PredictRequestOptions = {}): Uint8Array {
  const format = options.format ?? 'row';
  if (format !== 'row' && format !== 'columnar') {
    throw new ValidationError('options.format', `must be 'row' or 'columnar', got ${String(format)}`);
  }
  if (feeds === null || typeof feeds !== 'object' || Array.isArray(feeds)) {
    throw new ValidationError('feeds', 'must be an object of named tensors');
  }
  const names = Object.keys(feeds);
  if (names.length === 0) throw new ValidationError('feeds', 'must name at least one input');
  const body: Record<string, unknown> = {};
  if (options.signatureName !== undefined) body.signature_name = options.signatureName;
  if (format === 'columnar') {
    const inputs: Record<string, unknown> = {};
    for (const name of names) {
      const tensor = tensorName(options.inputNames, name);
      inputs[tensor] = encodeBinary(feeds[name], tensor, `feeds.${name}`);
    }
    body.inputs = inputs;
  } else {
    let batch: number | undefined;
    for (const name of names) {
      const value = feeds[name];
      if (!Array.isArray(value)) {
        throw new ValidationError(`feeds.${name}`, 'must be an array whose first dimension is the batch (row format)');
      }
      if (batch === undefined) batch = value.length;
      else if (value.length !== batch) {
        throw new ValidationError(
          `feeds.${name}`,
          `must have the same batch size as feeds.${names[0]} (${batch}) in row format, got ${value.length}; use format 'columnar' for differing sizes`,
        );
      }
    }
    const encoded = names.map((name) => {
      const tensor = tensorName(options.inputNames, name);
      return [tensor, encodeBinary(feeds[name], tensor, `feeds.${name}`) as unknown[]] as const;
    });
    body.instances =
      encoded.length === 1
        ? encoded[0]![1]
        : Array.from({ length: batch ?? 0 }, (_, i) => Object.fromEntries(encoded.map(([t, v]) => [t, v[i]])));
  }
  return encoder.encode(stringifyStrictJson(body, 'feeds'));
}

/** Options of {@link decodePredictResponse}. */
export interface PredictResponseOptions {
  /** The format the request used. Default `row`. */
  readonly format?: TfServingFormat;
  /** Friendly output name → output alias. */
  readonly outputNames?: Readonly<Record<string, string>>;
}

/**
 * The outputs of a `:predict` answer, by friendly name. Row answers (`predictions`) are turned into one array
 * per output; a single unnamed output is returned under the only `outputNames` key, or `predictions`/`outputs`.
 * `NaN`/`Infinity` tokens are accepted; `{ "b64": … }` values become `Uint8Array`s.
 *
 * @example
 * ```ts
 * decodePredictResponse(new TextEncoder().encode('{"predictions":[{"score":0.9},{"score":NaN}]}'));
 * // { score: [0.9, NaN] }
 * ```
 */
export function decodePredictResponse(body: Uint8Array, options: PredictResponseOptions = {}): Record<string, unknown> {
  const parsed = parseTolerantJson(decoder.decode(body), 'TensorFlowServing.predict') as Record<string, unknown> | null;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ResponseShapeError('TensorFlowServing.predict', 'body', 'is not a JSON object');
  }
  if (typeof parsed.error === 'string') {
    throw new ResponseShapeError('TensorFlowServing.predict', 'error', 'was returned by the model server');
  }
  const format = options.format ?? 'row';
  const key = format === 'row' ? 'predictions' : 'outputs';
  if (!(key in parsed)) throw new ResponseShapeError('TensorFlowServing.predict', key, 'is missing');
  const raw = decodeBinary(parsed[key]);
  let byTensor: Record<string, unknown>;
  if (format === 'row') {
    if (!Array.isArray(raw)) throw new ResponseShapeError('TensorFlowServing.predict', key, 'is not an array');
    const named = raw.length > 0 && raw.every((p) => p !== null && typeof p === 'object' && !Array.isArray(p));
    byTensor = named
      ? Object.fromEntries(
          Object.keys(raw[0] as object).map((tensor) => [
            tensor,
            raw.map((p) => (p as Record<string, unknown>)[tensor]),
          ]),
        )
      : { [singleName(options.outputNames, key)]: raw };
  } else {
    byTensor =
      raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !(raw instanceof Uint8Array)
        ? (raw as Record<string, unknown>)
        : { [singleName(options.outputNames, key)]: raw };
  }
  if (!options.outputNames) return byTensor;
  const outputs: Record<string, unknown> = {};
  for (const [friendly, tensor] of Object.entries(options.outputNames)) {
    if (tensor in byTensor) outputs[friendly] = byTensor[tensor];
    else if (friendly in byTensor) outputs[friendly] = byTensor[friendly];
    else throw new ResponseShapeError('TensorFlowServing.predict', `${key}.${tensor}`, 'is missing');
  }
  return outputs;
}

function singleName(outputNames: Readonly<Record<string, string>> | undefined, fallback: string): string {
  const keys = outputNames ? Object.keys(outputNames) : [];
  // A single unnamed tensor: report it under its alias so the friendly-name mapping below finds it.
  return keys.length === 1 ? outputNames![keys[0]!]! : fallback;
}

/** A `tf.Example` in TF Serving's JSON form: feature name → value or list of values. */
export type TfExample = Readonly<Record<string, unknown>>;

/**
 * The `:classify` / `:regress` body.
 *
 * @example
 * ```ts
 * encodeExamplesRequest([{ x: 1.5 }], { context: { country: 'NL' } }); // {"examples":[{"x":1.5}],"context":{…}}
 * ```
 */
export function encodeExamplesRequest(
  examples: readonly TfExample[],
  options: { readonly signatureName?: string; readonly context?: TfExample } = {},
): Uint8Array {
  if (!Array.isArray(examples) || examples.length === 0) {
    throw new ValidationError('examples', 'must be a non-empty array of tf.Example objects');
  }
  examples.forEach((example, i) => {
    if (example === null || typeof example !== 'object' || Array.isArray(example)) {
      throw new ValidationError(`examples[${i}]`, 'must be an object of features');
    }
  });
  const body: Record<string, unknown> = {};
  if (options.signatureName !== undefined) body.signature_name = options.signatureName;
  if (options.context !== undefined) body.context = options.context;
  body.examples = examples;
  return encoder.encode(stringifyStrictJson(body, 'examples'));
}

/**
 * The `results` of a `:classify` (lists of `[label, score]`) or `:regress` (numbers) answer, one per example.
 *
 * @example
 * ```ts
 * decodeExamplesResponse(new TextEncoder().encode('{"results":[0.5, 1.25]}'), 2, 'regress'); // [0.5, 1.25]
 * ```
 */
export function decodeExamplesResponse(body: Uint8Array, count: number, method: 'classify' | 'regress'): unknown[] {
  const operation = `TensorFlowServing.${method}`;
  const parsed = parseTolerantJson(decoder.decode(body), operation) as { results?: unknown; error?: unknown } | null;
  if (parsed !== null && typeof parsed === 'object' && typeof parsed.error === 'string') {
    throw new ResponseShapeError(operation, 'error', 'was returned by the model server');
  }
  const results = parsed?.results;
  if (!Array.isArray(results)) throw new ResponseShapeError(operation, 'results', 'is not an array');
  if (results.length !== count) {
    throw new ResponseShapeError(operation, 'results', `has ${results.length} entries for ${count} examples`);
  }
  return results;
}

/**
 * SageMaker TFS containers choose the method and model from `CustomAttributes`: `tfs-method=classify`,
 * `tfs-model-name=<name>` (comma-separated).
 *
 * @example
 * ```ts
 * tfsCustomAttributes({ method: 'regress', modelName: 'price' }); // "tfs-method=regress,tfs-model-name=price"
 * ```
 */
export function tfsCustomAttributes(options: {
  readonly method?: TfServingMethod;
  readonly modelName?: string;
  readonly extra?: string;
}): string | undefined {
  const parts: string[] = [];
  if (options.method !== undefined && options.method !== 'predict') parts.push(`tfs-method=${options.method}`);
  if (options.modelName !== undefined) {
    if (!/^[\w.-]{1,128}$/.test(options.modelName)) {
      throw new ValidationError('modelName', 'must be 1 to 128 letters, digits, "_", "." or "-"');
    }
    parts.push(`tfs-model-name=${options.modelName}`);
  }
  if (options.extra) parts.push(options.extra);
  return parts.length > 0 ? parts.join(',') : undefined;
}

/** What {@link parseTfsCustomAttributes} reads. */
export interface TfsAttributes {
  /** `tfs-method`, default `predict`. */
  method: TfServingMethod;
  /** `tfs-model-name`, when given. */
  modelName: string | undefined;
}

/**
 * Reads `tfs-method` and `tfs-model-name` back out of `CustomAttributes`.
 *
 * @example
 * ```ts
 * parseTfsCustomAttributes('tfs-method=classify,tfs-model-name=m'); // { method: 'classify', modelName: 'm' }
 * ```
 */
export function parseTfsCustomAttributes(attributes: string | undefined): TfsAttributes {
  let method: TfServingMethod = 'predict';
  let modelName: string | undefined;
  for (const part of (attributes ?? '').split(/[,;]/)) {
    const [key, value] = part.split('=').map((s) => s.trim());
    if (key === 'tfs-method' && (value === 'predict' || value === 'classify' || value === 'regress')) method = value;
    if (key === 'tfs-model-name' && value) modelName = value;
  }
  return { method, modelName };
}
