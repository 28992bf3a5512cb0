/**
 * A local stand-in for Amazon Comprehend Medical (`DetectPHI`, `DetectEntitiesV2`) that a real
 * `ComprehendMedicalClient` can talk to. It enforces the service's 20,000-byte text limit and, optionally, its
 * throughput quotas (answering 429 `TooManyRequestsException` like the service). It runs no model: it replays
 * recorded responses by exact input text, or reports the literal terms you give it, with code-point offsets
 * like the real service.
 *
 * @module
 */
import { codePointLength, OffsetMap, utf8ByteLength } from '../kit/offsets.js';
import { awsError, type StandInClientConfig, type StandInReply, StandInServer } from './StandInServer.js';

/** A literal term the stand-in reports wherever it occurs as a whole word. */
export interface StandInTerm {
  /** The literal text to find, matched case-sensitively at word boundaries. */
  readonly text: string;
  /** Entity type to report, e.g. `NAME` or `DATE`. */
  readonly type: string;
  /** Default `PROTECTED_HEALTH_INFORMATION`. */
  readonly category?: string;
  /** Default 0.99. */
  readonly score?: number;
}

/** Options of {@link ComprehendMedicalStandIn.start}. */
export interface ComprehendMedicalStandInOptions {
  /** Terms reported for texts without a recording. */
  readonly terms?: readonly StandInTerm[];
  /** Largest accepted text in UTF-8 bytes. Default 20,000. */
  readonly maxTextBytes?: number;
  /** Requests per second before answering 429. Default: unlimited. */
  readonly requestsPerSecond?: number;
  /** Characters (code points) per second before answering 429. Default: unlimited. */
  readonly charactersPerSecond?: number;
  /** Delay before each answer, to simulate service latency. Default 0. */
  readonly latencyMs?: number;
  /** Region reported in {@link ComprehendMedicalStandIn.clientConfig}. Default `us-east-1`. */
  readonly region?: string;
}

/** Counters of what the stand-in saw (sizes only). */
export interface ComprehendMedicalStandInStats {
  /** Requests received, answered or not. */
  requests: number;
  /** Requests answered 429 `TooManyRequestsException`. */
  throttled: number;
  /** Requests answered `TextSizeLimitExceededException`. */
  tooLarge: number;
  /** Code points of text accepted. */
  characters: number;
  /** Largest text received, in UTF-8 bytes. */
  maxRequestBytes: number;
}

/** A recorded response to replay. */
export interface ComprehendMedicalRecording {
  /** Entities exactly as the service returned them (code-point offsets). */
  Entities: unknown[];
  /** Set to simulate a truncated answer. */
  PaginationToken?: string;
  /** Model version reported with the answer. */
  ModelVersion?: string;
}

/**
 * A local Amazon Comprehend Medical: replays recordings or reports literal terms, within the service's size
 * limit and, optionally, its quotas.
 *
 * @example
 * ```ts
 * const standIn = await ComprehendMedicalStandIn.start({ terms: [{ text: 'Jane Doe', type: 'NAME' }] });
 * const client = new ComprehendMedicalClient(standIn.clientConfig());
 * const detector = new ComprehendMedicalPhiDetector({ client });
 * // …
 * await standIn.close();
 * ```
 */
export class ComprehendMedicalStandIn {
  /** The underlying server, for fault scripts (`standIn.server.script('DetectPHI', [...])`). */
  readonly server: StandInServer;
  /** What the stand-in has seen so far (sizes and counts, never text). */
  readonly stats: ComprehendMedicalStandInStats = {
    requests: 0,
    throttled: 0,
    tooLarge: 0,
    characters: 0,
    maxRequestBytes: 0,
  };
  readonly #recordings = new Map<string, ComprehendMedicalRecording>();
  #terms: readonly StandInTerm[];
  readonly #options: ComprehendMedicalStandInOptions;
  readonly #buckets: { requests: number; chars: number; at: number };

  private constructor(server: StandInServer, options: ComprehendMedicalStandInOptions) {
    this.server = server;
    this.#options = options;
    this.#terms = checkTerms(options.terms ?? []);
    this.#buckets = {
      requests: options.requestsPerSecond ?? Number.POSITIVE_INFINITY,
      chars: options.charactersPerSecond ?? Number.POSITIVE_INFINITY,
      at: performance.now(),
    };
  }

  /**
   * Starts the stand-in on an ephemeral loopback port.
   *
   * @example
   * ```ts
   * const standIn = await ComprehendMedicalStandIn.start({ requestsPerSecond: 40, charactersPerSecond: 40_000 });
   * ```
   */
  static async start(options: ComprehendMedicalStandInOptions = {}): Promise<ComprehendMedicalStandIn> {
    checkTerms(options.terms ?? []); // before the server starts, so a bad term leaves nothing running
    const server = await StandInServer.start(options.region === undefined ? {} : { region: options.region });
    const standIn = new ComprehendMedicalStandIn(server, options);
    for (const operation of ['DetectPHI', 'DetectEntitiesV2']) {
      server.on(operation, (request) => standIn.#answer(operation, request.json<{ Text?: string }>()?.Text));
    }
    return standIn;
  }

  /**
   * SDK client configuration pointing at the stand-in.
   *
   * @example
   * ```ts
   * const client = new ComprehendMedicalClient(standIn.clientConfig({ maxAttempts: 3 }));
   * ```
   */
  clientConfig(options: { maxAttempts?: number } = {}): StandInClientConfig {
    return this.server.clientConfig(options);
  }

  /**
   * Replays `response` whenever exactly `inputText` is sent (offsets are returned as recorded).
   *
   * @example
   * ```ts
   * standIn.record(saved.inputText, saved.response);
   * ```
   */
  record(inputText: string, response: ComprehendMedicalRecording): this {
    this.#recordings.set(inputText, response);
    return this;
  }

  /**
   * Replaces the literal terms.
   *
   * @example
   * ```ts
   * standIn.setTerms([{ text: 'Jane Doe', type: 'NAME', score: 0.98 }]);
   * ```
   */
  setTerms(terms: readonly StandInTerm[]): this {
    this.#terms = checkTerms(terms);
    return this;
  }

  /**
   * Stops the server.
   *
   * @example
   * ```ts
   * await standIn.close();
   * ```
   */
  close(): Promise<void> {
    return this.server.close();
  }

  async #answer(operation: string, text: string | undefined): Promise<StandInReply> {
    this.stats.requests++;
    if (typeof text !== 'string' || text.length === 0) return awsError('InvalidRequestException', 400);
    const bytes = utf8ByteLength(text);
    this.stats.maxRequestBytes = Math.max(this.stats.maxRequestBytes, bytes);
    if (bytes > (this.#options.maxTextBytes ?? 20_000)) {
      this.stats.tooLarge++;
      return awsError('TextSizeLimitExceededException', 400);
    }
    const chars = codePointLength(text);
    if (!this.#admit(chars)) {
      this.stats.throttled++;
      return awsError('TooManyRequestsException', 429);
    }
    this.stats.characters += chars;
    const recording = this.#recordings.get(text);
    const json = recording ?? { Entities: this.#entities(text, operation), ModelVersion: 'stand-in' };
    return { json, ...(this.#options.latencyMs ? { delayMs: this.#options.latencyMs } : {}) };
  }

  /** Token buckets of one second, like the service's per-second quotas. */
  #admit(chars: number): boolean {
    const { requestsPerSecond = Number.POSITIVE_INFINITY, charactersPerSecond = Number.POSITIVE_INFINITY } =
      this.#options;
    const now = performance.now();
    const elapsed = (now - this.#buckets.at) / 1000;
    this.#buckets.at = now;
    this.#buckets.requests = Math.min(requestsPerSecond, this.#buckets.requests + elapsed * requestsPerSecond);
    this.#buckets.chars = Math.min(charactersPerSecond, this.#buckets.chars + elapsed * charactersPerSecond);
    if (this.#buckets.requests < 1 || this.#buckets.chars < chars) return false;
    this.#buckets.requests -= 1;
    this.#buckets.chars -= chars;
    return true;
  }

  #entities(text: string, operation: string): unknown[] {
    const entities: Array<Record<string, unknown>> = [];
    // The service counts Unicode code points, not UTF-16 units.
    const offsets = new OffsetMap(text);
    const isWord = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
    for (const term of this.#terms) {
      const category = term.category ?? 'PROTECTED_HEALTH_INFORMATION';
      if (operation === 'DetectPHI' && category !== 'PROTECTED_HEALTH_INFORMATION') continue;
      for (let at = text.indexOf(term.text); at >= 0; at = text.indexOf(term.text, at + 1)) {
        const end = at + term.text.length;
        if (isWord(text[at - 1]) || isWord(text[end])) continue;
        entities.push({
          BeginOffset: offsets.codePointFromUtf16(at),
          EndOffset: offsets.codePointFromUtf16(end),
          Score: term.score ?? 0.99,
          Text: term.text,
          Category: category,
          Type: term.type,
          Traits: [],
        });
      }
    }
    return entities
      .sort((a, b) => (a.BeginOffset as number) - (b.BeginOffset as number))
      .map((entity, id) => ({ Id: id, ...entity }));
  }
}

function checkTerms(terms: readonly StandInTerm[]): readonly StandInTerm[] {
  for (const [i, term] of terms.entries()) {
    // An empty term would match at every position, forever.
    if (typeof term?.text !== 'string' || term.text.length === 0) {
      throw new RangeError(`terms[${i}].text must be a non-empty string`);
    }
  }
  return terms;
}
