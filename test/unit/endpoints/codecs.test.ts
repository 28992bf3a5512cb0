import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertNoElasticInference,
  csvCodec,
  decodeExamplesResponse,
  decodePredictResponse,
  encodeExamplesRequest,
  encodePredictRequest,
  fromBase64,
  isElasticInferenceUnavailableError,
  jsonCodec,
  jsonLinesCodec,
  paddingLike,
  padToSequenceLength,
  parseTfsCustomAttributes,
  parseTolerantJson,
  rawCodec,
  stringifyStrictJson,
  tfsCustomAttributes,
  toBase64,
} from '../../../src/endpoints/index.js';
import { isValidationError } from '../../../src/kit/errors.js';

const enc = (text: string) => new TextEncoder().encode(text);
const dec = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('tolerant and strict JSON', () => {
  it('parses NaN, Infinity and -Infinity outside strings, and leaves them alone inside strings', () => {
    expect(parseTolerantJson('{"a":[NaN,Infinity,-Infinity,1],"s":"NaN \\" Infinity"}')).toEqual({
      a: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1],
      s: 'NaN " Infinity',
    });
    expect(parseTolerantJson('[1,2]')).toEqual([1, 2]);
  });

  it('reports unparseable text by length, never by content', () => {
    expect(() => parseTolerantJson('{secret', 'TFS')).toThrow('TFS response: body is not JSON (7 characters)');
    expect(() => parseTolerantJson('Nope')).toThrow(/not JSON/);
  });

  it('property: any finite JSON value round-trips through stringifyStrictJson and parseTolerantJson', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(parseTolerantJson(stringifyStrictJson(value, 'v'))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('refuses what JSON cannot carry, naming the path', () => {
    expect(() => stringifyStrictJson({ inputs: [[1, Number.NaN]] }, 'feeds')).toThrow(
      'feeds.inputs[0][1] must be a finite number: JSON cannot carry NaN',
    );
    expect(() => stringifyStrictJson([undefined], 'items')).toThrow(/items\[0\] must be a JSON value/);
    expect(() => stringifyStrictJson(10n, 'x')).toThrow(/bigint/);
    expect(() => stringifyStrictJson(new Float32Array([1, Number.POSITIVE_INFINITY]), 't')).toThrow(/t\[1\]/);
    expect(stringifyStrictJson({ skip: undefined, d: new Date(0) }, 'x')).toBe('{"d":"1970-01-01T00:00:00.000Z"}');
  });
});

describe('batch codecs', () => {
  it('json: bare arrays or wrapped in request/response keys, with count checks', () => {
    const codec = jsonCodec<number[], number>({ requestKey: 'instances', responseKey: 'predictions' });
    expect(dec(codec.encode([[1, 2]], 'items'))).toBe('{"instances":[[1,2]]}');
    expect(codec.decode(enc('{"predictions":[NaN]}'), 1)).toEqual([Number.NaN]);
    expect(() => codec.decode(enc('{"predictions":[1,2]}'), 1)).toThrow('has 2 results for 1 inputs');
    expect(() => codec.decode(enc('{"other":1}'), 1)).toThrow('predictions is not a JSON array');
    expect(() => codec.encode([[Number.NaN]], 'items')).toThrow(/items.instances\[0\]\[0\]/);
  });

  it('jsonlines: one value per line', () => {
    const codec = jsonLinesCodec<object, object>();
    expect(dec(codec.encode([{ a: 1 }, { b: 2 }], 'items'))).toBe('{"a":1}\n{"b":2}\n');
    expect(codec.decode(enc('{"a":1}\r\n\n{"b":2}\n'), 2)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(() => codec.decode(enc('{"a":1}'), 2)).toThrow(/1 lines for 2 inputs/);
  });

  it('csv: quotes what needs quoting and parses numbers back', () => {
    const codec = csvCodec();
    expect(dec(codec.encode([[1.5, 'low', 'a,"b"']], 'rows'))).toBe('1.5,low,"a,""b"""\n');
    expect(codec.decode(enc('0.25,"x,y",\n7\n'), 2)).toEqual([[0.25, 'x,y', ''], [7]]);
    expect(() => codec.encode([[Number.NaN]], 'rows')).toThrow(/rows\[0\]\[0\] must be a finite number/);
    expect(() => codec.encode(['a' as never], 'rows')).toThrow(/rows\[0\] must be an array/);
    expect(() => codec.encode([[{} as never]], 'rows')).toThrow(/string or a number/);
  });

  it('raw: one body per request', () => {
    const codec = rawCodec('image/jpeg', 'application/json');
    expect(codec.batching).toBe(false);
    const body = new Uint8Array([1, 2]);
    expect(codec.encode([body], 'images')).toBe(body);
    expect(codec.decode(body, 1)).toEqual([body]);
    expect(() => codec.encode([body, body], 'images')).toThrow(/exactly one/);
    expect(() => codec.encode(['x' as never], 'images')).toThrow(/Uint8Array/);
  });
});

describe('compiled shapes', () => {
  it('pads token arrays to the compiled sequence length and refuses longer ones by length only', () => {
    expect(padToSequenceLength({ input_ids: [101, 102], attention_mask: [1, 1] }, 4, 'item')).toEqual({
      input_ids: [101, 102, 0, 0],
      attention_mask: [1, 1, 0, 0],
    });
    expect(padToSequenceLength([5], 3, 'item', -1)).toEqual([5, -1, -1]);
    expect(() => padToSequenceLength({ input_ids: [1, 2, 3] }, 2, 'items[4]')).toThrow(
      'items[4].input_ids has length 3, over the compiled sequence length 2; truncate or split it',
    );
    expect(() => padToSequenceLength('x' as never, 2, 'item')).toThrow(/must be an array or an object/);
    expect(paddingLike({ ids: [3, 4], name: 'keep' })).toEqual({ ids: [0, 0], name: 'keep' });
  });
});

describe('TF Serving REST codecs', () => {
  it('row format: one object per instance for several inputs, bare values for one, with aliases', () => {
    const body = encodePredictRequest(
      { image: [[1], [2]], size: [3, 4] },
      { inputNames: { image: 'image_tensor' }, signatureName: 'serving_default' },
    );
    expect(JSON.parse(dec(body))).toEqual({
      signature_name: 'serving_default',
      instances: [
        { image_tensor: [1], size: 3 },
        { image_tensor: [2], size: 4 },
      ],
    });
    expect(dec(encodePredictRequest({ x: [[1, 2]] }))).toBe('{"instances":[[1,2]]}');
  });

  it('row format refuses feeds whose batch sizes disagree, before any request', () => {
    expect(() => encodePredictRequest({ a: [1, 2], b: [1] })).toThrow(
      'feeds.b must have the same batch size as feeds.a (2) in row format, got 1',
    );
    expect(() => encodePredictRequest({ a: 1 })).toThrow(/feeds.a must be an array/);
    expect(() => encodePredictRequest({})).toThrow(/at least one input/);
    expect(() => encodePredictRequest({ a: [Number.POSITIVE_INFINITY] })).toThrow(/JSON cannot carry Infinity/);
    expect(() => encodePredictRequest({ a: [1] }, { format: 'grid' as never })).toThrow(/options.format/);
    expect(() => encodePredictRequest([] as never)).toThrow(/named tensors/);
  });

  it('columnar format allows differing sizes; binary goes as b64 to _bytes aliases only', () => {
    const bytes = new Uint8Array([255, 216, 255]);
    const body = JSON.parse(dec(encodePredictRequest({ a: [1, 2], image_bytes: [bytes] }, { format: 'columnar' })));
    expect(body).toEqual({ inputs: { a: [1, 2], image_bytes: [{ b64: toBase64(bytes) }] } });
    expect(fromBase64(body.inputs.image_bytes[0].b64)).toEqual(bytes);
    const error = (() => {
      try {
        encodePredictRequest({ image: [bytes] });
      } catch (e) {
        return e;
      }
    })();
    expect(isValidationError(error)).toBe(true);
    expect(String(error)).toContain('alias must end in "_bytes"');
  });

  it('decodes row predictions per output, with friendly names, NaN and b64', () => {
    const row = enc(
      '{"predictions":[{"scores":[0.1,NaN],"mask_bytes":{"b64":"AQI="}},{"scores":[1,2],"mask_bytes":{"b64":""}}]}',
    );
    expect(decodePredictResponse(row, { outputNames: { score: 'scores', mask: 'mask_bytes' } })).toEqual({
      score: [
        [0.1, Number.NaN],
        [1, 2],
      ],
      mask: [new Uint8Array([1, 2]), new Uint8Array()],
    });
    expect(decodePredictResponse(enc('{"predictions":[[1],[2]]}'), { outputNames: { y: 'dense' } })).toEqual({
      y: [[1], [2]],
    });
    expect(decodePredictResponse(enc('{"predictions":[3]}'))).toEqual({ predictions: [3] });
    expect(decodePredictResponse(enc('{"outputs":{"a":[1],"b":[2]}}'), { format: 'columnar' })).toEqual({
      a: [1],
      b: [2],
    });
    expect(decodePredictResponse(enc('{"outputs":[1,2]}'), { format: 'columnar' })).toEqual({ outputs: [1, 2] });
  });

  it('reports TF Serving errors and missing keys without quoting them', () => {
    expect(() => decodePredictResponse(enc('{"error":"input secret is bad"}'))).toThrow(
      'TensorFlowServing.predict response: error was returned by the model server',
    );
    expect(() => decodePredictResponse(enc('{"outputs":{}}'))).toThrow(/predictions is missing/);
    expect(() => decodePredictResponse(enc('[1]'))).toThrow(/not a JSON object/);
    expect(() => decodePredictResponse(enc('{"predictions":{}}'))).toThrow(/not an array/);
    expect(() => decodePredictResponse(enc('{"predictions":[{"a":1}]}'), { outputNames: { b: 'b' } })).toThrow(
      /predictions.b is missing/,
    );
  });

  it(':classify / :regress bodies and results', () => {
    expect(JSON.parse(dec(encodeExamplesRequest([{ x: 1 }], { context: { c: 'nl' }, signatureName: 's' })))).toEqual({
      signature_name: 's',
      context: { c: 'nl' },
      examples: [{ x: 1 }],
    });
    expect(decodeExamplesResponse(enc('{"results":[[["a",0.9]]]}'), 1, 'classify')).toEqual([[['a', 0.9]]]);
    expect(() => decodeExamplesResponse(enc('{"results":[1,2]}'), 1, 'regress')).toThrow(/2 entries for 1 examples/);
    expect(() => decodeExamplesResponse(enc('{"error":"x"}'), 1, 'regress')).toThrow(/error was returned/);
    expect(() => decodeExamplesResponse(enc('{}'), 1, 'regress')).toThrow(/results is not an array/);
    expect(() => encodeExamplesRequest([])).toThrow(/examples must be a non-empty array/);
    expect(() => encodeExamplesRequest([1 as never])).toThrow(/examples\[0\] must be an object/);
  });

  it('CustomAttributes tfs-method / tfs-model-name both ways', () => {
    expect(tfsCustomAttributes({ method: 'classify', modelName: 'iris' })).toBe(
      'tfs-method=classify,tfs-model-name=iris',
    );
    expect(tfsCustomAttributes({ method: 'predict' })).toBeUndefined();
    expect(() => tfsCustomAttributes({ modelName: 'a b' })).toThrow(/^modelName/);
    expect(parseTfsCustomAttributes('tfs-model-name=iris, tfs-method=regress')).toEqual({
      method: 'regress',
      modelName: 'iris',
    });
    expect(parseTfsCustomAttributes(undefined)).toEqual({ method: 'predict', modelName: undefined });
  });
});

describe('Elastic Inference guard', () => {
  it('refuses a production variant with an accelerator, with a migration hint', () => {
    const error = (() => {
      try {
        assertNoElasticInference({
          ProductionVariants: [{ VariantName: 'a' }, { VariantName: 'ei', AcceleratorType: 'ml.eia2.medium' }],
        });
      } catch (e) {
        return e;
      }
    })();
    expect(isElasticInferenceUnavailableError(error)).toBe(true);
    expect(isValidationError(error)).toBe(true);
    expect(error).toMatchObject({
      field: 'ProductionVariants[1].AcceleratorType',
      variantName: 'ei',
      acceleratorType: 'ml.eia2.medium',
    });
    expect(String(error)).toMatch(/no longer available.*Inferentia.*Graviton.*GPU/);
    expect(() => assertNoElasticInference({ ProductionVariants: [{ VariantName: 'a' }] })).not.toThrow();
    expect(() => assertNoElasticInference({})).not.toThrow();
  });
});
