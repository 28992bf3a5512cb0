/**
 * A local TensorFlow Serving REST server (`/v1/models/<name>[/versions/<v>]:predict|classify|regress`) for
 * testing TF Serving clients offline. It simulates: scripted latency per batch size, per-instance answers from
 * a function you give, `NaN`/`Infinity` tokens in answers (as TF Serving emits them), `{"error": …}` replies
 * and throttling. It runs no model.
 *
 * @module
 */
import { type StandInReply, StandInServer } from './StandInServer.js';

/** Options of {@link TfServingStandIn.start}. */
export interface TfServingStandInOptions {
  /** Model names served. Default `['model']`. */
  readonly models?: readonly string[];
  /** Answers one instance (row format) or the whole `inputs` (columnar). Default: echo. */
  readonly predict?: (input: unknown, index: number) => unknown;
  /** Answers one example of `:classify`/`:regress`. Default: `[['0', 1]]` or `0`. */
  readonly example?: (example: unknown, method: 'classify' | 'regress') => unknown;
  /** Latency per request, in ms: a number or a function of the batch size. Default 0. */
  readonly latencyMs?: number | ((batchSize: number) => number);
  /** Write non-finite numbers as bare `NaN`/`Infinity` tokens (TF Serving does). Default true. */
  readonly nonFiniteTokens?: boolean;
}

/** What the stand-in saw. */
export interface TfServingStandInStats {
  /** Requests received. */
  requests: number;
  /** Method of each request, in arrival order. */
  readonly methods: string[];
  /** Batch size of each `:predict`, in arrival order. */
  readonly batchSizes: number[];
  /** Signature names asked for. */
  readonly signatureNames: string[];
}

function serialize(value: unknown, tokens: boolean): string {
  if (!tokens) return JSON.stringify(value);
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `__stand_in_non_finite__:${String(v)}` : v,
  ).replace(/"__stand_in_non_finite__:(NaN|Infinity|-Infinity)"/g, '$1');
}

/**
 * A local TF Serving REST API.
 *
 * @example
 * ```ts
 * const tfs = await TfServingStandIn.start({ models: ['ssd'], predict: (x) => ({ score: 0.9 }) });
 * const predictor = new EIPredictorClient({ url: tfs.url, modelName: 'ssd' });
 * // …
 * await tfs.close();
 * ```
 */
export class TfServingStandIn {
  /** The underlying server (`script('TfServing', [...])` queues faults). */
  readonly server: StandInServer;
  /** What the stand-in saw. */
  readonly stats: TfServingStandInStats = { requests: 0, methods: [], batchSizes: [], signatureNames: [] };
  readonly #options: TfServingStandInOptions;

  private constructor(server: StandInServer, options: TfServingStandInOptions) {
    this.server = server;
    this.#options = options;
  }

  /**
   * Starts the stand-in on an ephemeral loopback port.
   *
   * @example
   * ```ts
   * const tfs = await TfServingStandIn.start({ latencyMs: (n) => 2 + n });
   * ```
   */
  static async start(options: TfServingStandInOptions = {}): Promise<TfServingStandIn> {
    const server = await StandInServer.start();
    const standIn = new TfServingStandIn(server, options);
    server.route('POST', '/v1/models/{rest+}', 'TfServing', (request) =>
      standIn.#answer(request.params.rest!, request.json<Record<string, unknown>>()),
    );
    return standIn;
  }

  /**
   * The base URL to give a TF Serving client.
   *
   * @example
   * ```ts
   * new TfServingRestTransport({ url: tfs.url, modelName: 'model' });
   * ```
   */
  get url(): string {
    return this.server.url;
  }

  /**
   * A TF Serving error reply (`{"error": …}`) with `status`.
   *
   * @example
   * ```ts
   * tfs.server.script('TfServing', [TfServingStandIn.errorReply(400)]);
   * ```
   */
  static errorReply(status = 400): StandInReply {
    return { status, headers: { 'content-type': 'application/json' }, body: '{"error": "stand-in error"}' };
  }

  /**
   * Stops the server.
   *
   * @example
   * ```ts
   * await tfs.close();
   * ```
   */
  close(): Promise<void> {
    return this.server.close();
  }

  async #answer(rest: string, body: Record<string, unknown> | undefined): Promise<StandInReply> {
    this.stats.requests++;
    const match = /^([\w.-]+)(?:\/versions\/(\d+))?:(predict|classify|regress)$/.exec(rest);
    const models = this.#options.models ?? ['model'];
    if (!match || !models.includes(match[1]!)) return TfServingStandIn.errorReply(404);
    const method = match[3] as 'predict' | 'classify' | 'regress';
    this.stats.methods.push(method);
    if (body === null || typeof body !== 'object') return TfServingStandIn.errorReply(400);
    if (typeof body.signature_name === 'string') this.stats.signatureNames.push(body.signature_name);
    const tokens = this.#options.nonFiniteTokens ?? true;
    let answer: unknown;
    let batch = 1;
    if (method === 'predict') {
      const predict = this.#options.predict ?? ((input: unknown) => input);
      if (Array.isArray(body.instances)) {
        batch = body.instances.length;
        answer = { predictions: body.instances.map((instance, i) => predict(instance, i)) };
      } else if ('inputs' in body) {
        answer = { outputs: predict(body.inputs, 0) };
      } else {
        return TfServingStandIn.errorReply(400);
      }
      this.stats.batchSizes.push(batch);
    } else {
      if (!Array.isArray(body.examples)) return TfServingStandIn.errorReply(400);
      batch = body.examples.length;
      const example =
        this.#options.example ?? ((_e: unknown, m: 'classify' | 'regress') => (m === 'classify' ? [['0', 1]] : 0));
      answer = { results: body.examples.map((e) => example(e, method)) };
    }
    const latency = this.#options.latencyMs;
    const ms = typeof latency === 'function' ? latency(batch) : (latency ?? 0);
    return {
      ...(ms > 0 ? { delayMs: ms } : {}),
      headers: { 'content-type': 'application/json' },
      body: serialize(answer, tokens),
    };
  }
}
