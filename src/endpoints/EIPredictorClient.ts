/**
 * `EIPredictorClient`: the TypeScript face of TF 1.x's `EIPredictor` — `predict(feeds) → outputs` with
 * `inputNames`/`outputNames` maps and a `signatureName` — over a TensorFlow Serving model, reached through a
 * SageMaker endpoint or a TF Serving REST URL. `compare()` replaces the `use_ei` toggle: the same feeds against
 * two targets, warm-up reported apart, latency percentiles side by side.
 *
 * Elastic Inference itself is gone (see `EI_MIGRATION_HINT`); the TF Serving protocol is not.
 *
 * @module
 */
import { throwIfAborted } from '../kit/abort.js';
import { ValidationError } from '../kit/errors.js';
import type { Logger } from '../kit/log.js';
import { SageMakerRuntimeInvoker } from './aws/SageMakerRuntimeInvoker.js';
import type { SageMakerRuntimeClientOptions } from './aws/sagemakerRuntimeClient.js';
import { TfServingRestTransport } from './aws/TfServingRestTransport.js';
import type { EndpointTransport } from './EndpointTransport.js';
import { PayloadTooLargeError } from './errors.js';
import { LatencyHistogram } from './LatencyHistogram.js';
import { type LatencySummary, summarizeLatency } from './metrics.js';
import type { EndpointRetryOptions } from './retryPolicy.js';
import {
  decodeExamplesResponse,
  decodePredictResponse,
  encodeExamplesRequest,
  encodePredictRequest,
  type Feeds,
  type TfExample,
  type TfServingFormat,
  tfsCustomAttributes,
} from './tfServing.js';
import { checkTimeout } from './validation.js';

/** Where the TF Serving model lives. */
export type EIPredictorTarget =
  | (SageMakerRuntimeClientOptions & {
      /** A SageMaker endpoint running a TensorFlow Serving container. */
      readonly endpointName: string;
      /** Not with `endpointName`. */
      readonly url?: never;
      /** Not with `endpointName`. */
      readonly transport?: never;
    })
  | {
      /** A TF Serving REST base URL, e.g. `http://localhost:8501`. */
      readonly url: string;
      /** `fetch` to use. Default the global one. */
      readonly fetch?: typeof fetch;
      /** Not with `url`. */
      readonly endpointName?: never;
      /** Not with `url`. */
      readonly client?: never;
      /** Not with `url`. */
      readonly clientConfig?: never;
      /** Not with `url`. */
      readonly transport?: never;
    }
  | {
      /** Any transport. */
      readonly transport: EndpointTransport;
      /** Not with `transport`. */
      readonly endpointName?: never;
      /** Not with `transport`. */
      readonly url?: never;
      /** Not with `transport`. */
      readonly client?: never;
      /** Not with `transport`. */
      readonly clientConfig?: never;
    };

/** Settings of {@link EIPredictorClient}, after EIPredictor's parameters. */
export interface EIPredictorSettings extends EndpointRetryOptions {
  /** The model name: `/v1/models/<name>` on TF Serving, `tfs-model-name` on a multi-model SageMaker endpoint. */
  readonly modelName?: string;
  /** EIPredictor's `signature_def_key`. Default: the server's `serving_default`. */
  readonly signatureName?: string;
  /** Friendly feed name → the model's input alias. */
  readonly inputNames?: Readonly<Record<string, string>>;
  /** Friendly output name → the model's output alias (also selects which outputs are returned). */
  readonly outputNames?: Readonly<Record<string, string>>;
  /** Request format. Default `row` (`instances`). */
  readonly format?: TfServingFormat;
  /** Deadline per call, in ms. */
  readonly timeoutMs?: number;
  /** Receives metadata only. */
  readonly logger?: Logger;
}

/** Options of {@link EIPredictorClient}. */
export type EIPredictorClientOptions = EIPredictorTarget & EIPredictorSettings;

/** Per-call options. */
export interface PredictCallOptions {
  /** Cancels the call. */
  readonly signal?: AbortSignal;
  /** Deadline in ms (overrides the client's). */
  readonly timeoutMs?: number;
}

/** Latency of one side of {@link EIPredictorClient.compare}. */
export interface CompareSide {
  /** The first call (model loading, connection set-up), in ms. */
  readonly warmupMs: number;
  /** Percentiles of the other calls, in ms. */
  readonly latencyMs: LatencySummary;
  /** Calls measured after the warm-up. */
  readonly runs: number;
}

/** Result of {@link EIPredictorClient.compare}. */
export interface CompareResult {
  /** The target that had (or stands for) the accelerator. */
  readonly withEi: CompareSide;
  /** The plain target. */
  readonly withoutEi: CompareSide;
  /** `withoutEi.p50 / withEi.p50`: above 1 means the first target is faster. */
  readonly speedupP50: number;
}

/**
 * A TensorFlow Serving predictor with EIPredictor's interface.
 *
 * @example
 * ```ts
 * const predictor = new EIPredictorClient({
 *   url: 'http://localhost:8501',
 *   modelName: 'ssd_resnet50_v1_coco',
 *   inputNames: { inputs: 'inputs' },
 *   outputNames: { detection_classes: 'detection_classes', num_detections: 'num_detections' },
 * });
 * const outputs = await predictor.predict({ inputs: [image] });
 * ```
 */
export class EIPredictorClient {
  readonly #transport: EndpointTransport;
  readonly #owns: boolean;
  readonly #settings: EIPredictorSettings;
  readonly #sageMaker: boolean;

  /**
   * @throws ValidationError for a bad target, names, format or timeout.
   */
  constructor(options: EIPredictorClientOptions) {
    if (options === null || typeof options !== 'object') throw new ValidationError('options', 'must be an object');
    this.#settings = options;
    checkTimeout(options.timeoutMs, 'options.timeoutMs');
    for (const key of ['inputNames', 'outputNames'] as const) {
      const names = options[key];
      if (names === undefined) continue;
      if (names === null || typeof names !== 'object') throw new ValidationError(`options.${key}`, 'must be an object');
      for (const [friendly, alias] of Object.entries(names)) {
        if (typeof alias !== 'string' || alias.length === 0) {
          throw new ValidationError(`options.${key}.${friendly}`, 'must be a non-empty tensor alias');
        }
      }
    }
    if (options.format !== undefined && options.format !== 'row' && options.format !== 'columnar') {
      throw new ValidationError('options.format', `must be 'row' or 'columnar', got ${String(options.format)}`);
    }
    const retry = {
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    };
    if (options.transport !== undefined) {
      if (typeof options.transport?.invoke !== 'function') {
        throw new ValidationError('options.transport', 'must have an invoke() method');
      }
      this.#transport = options.transport;
      this.#owns = false;
      this.#sageMaker = false;
    } else if (options.url !== undefined) {
      if (options.modelName === undefined) throw new ValidationError('options.modelName', 'is required with url');
      this.#transport = new TfServingRestTransport({
        url: options.url,
        modelName: options.modelName,
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        ...retry,
      });
      this.#owns = true;
      this.#sageMaker = false;
    } else {
      this.#transport = new SageMakerRuntimeInvoker({
        ...(options.client === undefined ? { clientConfig: options.clientConfig } : { client: options.client }),
        endpointName: options.endpointName,
        ...retry,
      } as ConstructorParameters<typeof SageMakerRuntimeInvoker>[0]);
      this.#owns = true;
      this.#sageMaker = true;
    }
    if (this.#sageMaker && options.modelName !== undefined) tfsCustomAttributes({ modelName: options.modelName });
  }

  /**
   * Runs the model on named feeds and returns named outputs (EIPredictor's `predictor(feed_dict)`).
   *
   * @example
   * ```ts
   * const { num_detections, detection_classes } = await predictor.predict({ inputs: [pixels] }, { signal });
   * ```
   */
  async predict(feeds: Feeds, options: PredictCallOptions = {}): Promise<Record<string, unknown>> {
    const format = this.#settings.format ?? 'row';
    const body = encodePredictRequest(feeds, {
      format,
      ...(this.#settings.signatureName === undefined ? {} : { signatureName: this.#settings.signatureName }),
      ...(this.#settings.inputNames === undefined ? {} : { inputNames: this.#settings.inputNames }),
    });
    const response = await this.#send(body, 'predict', options);
    return decodePredictResponse(response, {
      format,
      ...(this.#settings.outputNames === undefined ? {} : { outputNames: this.#settings.outputNames }),
    });
  }

  /**
   * TF Serving `:classify`: one list of `[label, score]` pairs per example.
   *
   * @example
   * ```ts
   * const [classes] = await predictor.classify([{ petal_length: 1.4, petal_width: 0.2 }]);
   * ```
   */
  async classify(
    examples: readonly TfExample[],
    options: PredictCallOptions & { context?: TfExample } = {},
  ): Promise<unknown[]> {
    return this.#examples('classify', examples, options);
  }

  /**
   * TF Serving `:regress`: one number per example.
   *
   * @example
   * ```ts
   * const [price] = await predictor.regress([{ rooms: 3, area: 72 }]);
   * ```
   */
  async regress(
    examples: readonly TfExample[],
    options: PredictCallOptions & { context?: TfExample } = {},
  ): Promise<unknown[]> {
    return this.#examples('regress', examples, options);
  }

  /**
   * Sends the same feeds `runs` times to each predictor in turn and reports latency side by side; the first call
   * of each is the warm-up, reported apart (EIPredictor's first call "can take several seconds").
   *
   * @example
   * ```ts
   * const report = await EIPredictorClient.compare({ withEi: accelerated, withoutEi: plain, feeds, runs: 20 });
   * console.log(report.withEi.latencyMs.p50, report.withoutEi.latencyMs.p50);
   * ```
   */
  static async compare(options: {
    readonly withEi: EIPredictorClient;
    readonly withoutEi: EIPredictorClient;
    readonly feeds: Feeds;
    readonly runs?: number;
    readonly signal?: AbortSignal;
  }): Promise<CompareResult> {
    const runs = options.runs ?? 20;
    if (!Number.isInteger(runs) || runs < 2)
      throw new ValidationError('options.runs', `must be an integer ≥ 2, got ${runs}`);
    for (const key of ['withEi', 'withoutEi'] as const) {
      if (!(options[key] instanceof EIPredictorClient))
        throw new ValidationError(`options.${key}`, 'must be an EIPredictorClient');
    }
    const measure = async (predictor: EIPredictorClient): Promise<CompareSide> => {
      const histogram = new LatencyHistogram();
      let warmupMs = Number.NaN;
      for (let i = 0; i < runs; i++) {
        throwIfAborted(options.signal);
        const startedAt = performance.now();
        await predictor.predict(options.feeds, options.signal ? { signal: options.signal } : {});
        const ms = performance.now() - startedAt;
        if (i === 0) warmupMs = ms;
        else histogram.record(ms);
      }
      return { warmupMs, latencyMs: summarizeLatency(histogram), runs: runs - 1 };
    };
    const withEi = await measure(options.withEi);
    const withoutEi = await measure(options.withoutEi);
    return { withEi, withoutEi, speedupP50: withoutEi.latencyMs.p50 / withEi.latencyMs.p50 };
  }

  /**
   * Destroys what this predictor created (a SageMaker client); an injected client or transport is left alone.
   *
   * @example
   * ```ts
   * predictor.destroy();
   * ```
   */
  destroy(): void {
    if (this.#owns) this.#transport.destroy?.();
  }

  async #examples(
    method: 'classify' | 'regress',
    examples: readonly TfExample[],
    options: PredictCallOptions & { context?: TfExample },
  ): Promise<unknown[]> {
    const body = encodeExamplesRequest(examples, {
      ...(this.#settings.signatureName === undefined ? {} : { signatureName: this.#settings.signatureName }),
      ...(options.context === undefined ? {} : { context: options.context }),
    });
    return decodeExamplesResponse(await this.#send(body, method, options), examples.length, method);
  }

  async #send(
    body: Uint8Array,
    method: 'predict' | 'classify' | 'regress',
    options: PredictCallOptions,
  ): Promise<Uint8Array> {
    if (body.byteLength > this.#transport.maxPayloadBytes) {
      throw new PayloadTooLargeError('feeds', body.byteLength, this.#transport.maxPayloadBytes);
    }
    const customAttributes = tfsCustomAttributes({
      method,
      ...(this.#settings.modelName === undefined || !this.#sageMaker ? {} : { modelName: this.#settings.modelName }),
    });
    const timeoutMs = checkTimeout(options.timeoutMs, 'options.timeoutMs') ?? this.#settings.timeoutMs;
    const response = await this.#transport.invoke(
      {
        body,
        contentType: 'application/json',
        accept: 'application/json',
        ...(customAttributes ? { customAttributes } : {}),
      },
      { ...(options.signal ? { signal: options.signal } : {}), ...(timeoutMs === undefined ? {} : { timeoutMs }) },
    );
    return response.body;
  }
}
