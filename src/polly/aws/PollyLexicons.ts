/**
 * `PollyLexicons`: put, get, list and delete pronunciation lexicons, with the eventual consistency after a
 * put handled (the new content is polled for until visible, with backoff and a bound).
 *
 * @module
 */
import type {
  GetLexiconCommandOutput,
  LexiconAttributes,
  ListLexiconsCommandOutput,
  PollyClient,
  PollyClientConfig,
} from '@aws-sdk/client-polly';
import { raceAbort, throwIfAborted, withDeadline } from '../../kit/abort.js';
import type { ClientOptions, LazyClient } from '../../kit/clients.js';
import { isServiceError } from '../../kit/errors.js';
import { createSafeLogger, type Logger } from '../../kit/log.js';
import { RateLimiter } from '../../kit/rate-limit.js';
import { type BackoffOptions, pollUntil } from '../../kit/retry.js';
import { POLLY_LIMITS } from '../limits.js';
import { checkLexiconName, PronunciationLexicon } from '../PronunciationLexicon.js';
import { loadPolly, pollyClient, sendPolly } from './pollyClient.js';

/** Settings of {@link PollyLexicons} besides the client. */
export interface PollyLexiconsSettings {
  /** Limiter of lexicon calls. Default: 2 requests/s (Polly's lexicon quota); `false` to disable. */
  readonly rateLimiter?: RateLimiter | false;
  /** Backoff while waiting for a put to become visible. Default {@link DEFAULT_POLLY_LEXICONS_OPTIONS}. */
  readonly visibilityBackoff?: BackoffOptions;
  /** Longest wait for a put to become visible. Default 30 s. */
  readonly visibilityTimeoutMs?: number;
  /** Receives metadata only. */
  readonly logger?: Logger;
}

/** Options of {@link PollyLexicons}. */
export type PollyLexiconsOptions = ClientOptions<PollyClient, PollyClientConfig> & PollyLexiconsSettings;

/** Documented defaults of {@link PollyLexicons}. */
export const DEFAULT_POLLY_LEXICONS_OPTIONS: {
  /** Lexicon calls per second (Polly's quota is 2). */
  readonly requestsPerSecond: number;
  /** Longest wait for a put to become visible. */
  readonly visibilityTimeoutMs: number;
  /** Backoff between visibility checks. */
  readonly visibilityBackoff: Readonly<BackoffOptions>;
} = Object.freeze({
  requestsPerSecond: POLLY_LIMITS.lexiconRequestsPerSecond,
  visibilityTimeoutMs: 30_000,
  visibilityBackoff: Object.freeze({ initialDelayMs: 500, maxDelayMs: 5_000, factor: 2, jitter: 0.3 }),
});

/** A stored lexicon, from {@link PollyLexicons.get}. */
export interface StoredLexicon {
  /** The PLS document. */
  readonly content: string;
  /** Its description. */
  readonly description: LexiconDescription;
}

/** A lexicon's description. */
export interface LexiconDescription {
  /** Lexicon name. */
  readonly name: string;
  /** `ipa` or `x-sampa`. */
  readonly alphabet: string | undefined;
  /** Language code. */
  readonly languageCode: string | undefined;
  /** Entries. */
  readonly lexemesCount: number | undefined;
  /** Size in bytes. */
  readonly sizeBytes: number | undefined;
  /** Last modification. */
  readonly lastModified: Date | undefined;
  /** ARN. */
  readonly arn: string | undefined;
}

/** Per-call options. */
export interface LexiconCallOptions {
  /** Cancels the call. */
  readonly signal?: AbortSignal;
  /** Deadline of the call (for `put`: including the wait until visible). */
  readonly timeoutMs?: number;
}

/**
 * Manages Polly pronunciation lexicons.
 *
 * @example
 * ```ts
 * const lexicons = new PollyLexicons({ clientConfig: { region: 'eu-west-1' } });
 * await lexicons.put(new PronunciationLexicon({ name: 'Acronyms', language: 'en-US' }).add({ graphemes: ['Y2K'], alias: 'year 2000' }));
 * ```
 */
export class PollyLexicons {
  readonly #client: LazyClient<PollyClient, PollyClientConfig>;
  readonly #limiter: RateLimiter | undefined;
  readonly #backoff: BackoffOptions;
  readonly #visibilityTimeoutMs: number;
  readonly #logger: Logger;

  /** @throws ValidationError for both `client` and `clientConfig`. */
  constructor(options: PollyLexiconsOptions = {}) {
    const d = DEFAULT_POLLY_LEXICONS_OPTIONS;
    this.#client = pollyClient(options, 'PollyLexicons');
    this.#limiter =
      options.rateLimiter === false
        ? undefined
        : (options.rateLimiter ?? new RateLimiter({ requestsPerSecond: d.requestsPerSecond, burstSeconds: 2 }));
    this.#backoff = { ...d.visibilityBackoff, ...options.visibilityBackoff };
    this.#visibilityTimeoutMs = options.visibilityTimeoutMs ?? d.visibilityTimeoutMs;
    this.#logger = createSafeLogger(options.logger);
  }

  /**
   * Stores (or overwrites) a lexicon and waits until `get` returns the new content. The PLS is checked first:
   * a malformed lexicon or one over Polly's limits is a `ValidationError` before any request.
   *
   * @throws WaitTimeoutError if the new content is not visible within `visibilityTimeoutMs`.
   * @example
   * ```ts
   * await lexicons.put(lexicon);                       // a PronunciationLexicon
   * await lexicons.put({ name: 'Acronyms', content: plsXml }, { timeoutMs: 10_000 });
   * ```
   */
  async put(
    lexicon: PronunciationLexicon | { name: string; content: string },
    options: LexiconCallOptions = {},
  ): Promise<void> {
    const name = lexicon.name;
    checkLexiconName(name, 'name');
    const content = lexicon instanceof PronunciationLexicon ? lexicon.toXml() : lexicon.content;
    if (!(lexicon instanceof PronunciationLexicon)) PronunciationLexicon.parse(name, content);
    const signal = withDeadline(options.signal, options.timeoutMs);
    const [client, sdk] = await this.#ready(signal);
    await sendPolly(client, new sdk.PutLexiconCommand({ Name: name, Content: content }), 'PutLexicon', {
      signal,
      logger: this.#logger,
      meta: { chars: content.length },
    });
    await pollUntil(
      async () => {
        const stored = await this.#getContent(name, signal);
        return { done: stored === content, value: undefined };
      },
      {
        ...this.#backoff,
        signal,
        timeoutMs: this.#visibilityTimeoutMs,
        what: 'PutLexicon visibility',
        onWait: (attempt, delayMs) =>
          this.#logger.debug('lexicon not visible yet', { operation: 'GetLexicon', attempt, delayMs }),
      },
    );
  }

  /**
   * A lexicon's content and description, or `undefined` if there is none by that name.
   *
   * @example
   * ```ts
   * const stored = await lexicons.get('Acronyms');
   * ```
   */
  async get(name: string, options: LexiconCallOptions = {}): Promise<StoredLexicon | undefined> {
    checkLexiconName(name, 'name');
    const signal = withDeadline(options.signal, options.timeoutMs);
    const output = await this.#get(name, signal);
    if (!output?.Lexicon) return undefined;
    return { content: output.Lexicon.Content ?? '', description: describe(name, output.LexiconAttributes) };
  }

  /**
   * Every lexicon of the account and region (all pages).
   *
   * @example
   * ```ts
   * for (const l of await lexicons.list()) console.log(l.name, l.lexemesCount);
   * ```
   */
  async list(options: LexiconCallOptions = {}): Promise<LexiconDescription[]> {
    const signal = withDeadline(options.signal, options.timeoutMs);
    const out: LexiconDescription[] = [];
    let token: string | undefined;
    do {
      const [client, sdk] = await this.#ready(signal);
      const page = await sendPolly<ListLexiconsCommandOutput>(
        client,
        new sdk.ListLexiconsCommand(token === undefined ? {} : { NextToken: token }),
        'ListLexicons',
        { signal, logger: this.#logger },
      );
      for (const l of page.Lexicons ?? []) out.push(describe(l.Name ?? '', l.Attributes));
      token = page.NextToken;
    } while (token);
    return out;
  }

  /**
   * Deletes a lexicon; `false` if there was none by that name.
   *
   * @example
   * ```ts
   * await lexicons.delete('Acronyms');
   * ```
   */
  async delete(name: string, options: LexiconCallOptions = {}): Promise<boolean> {
    checkLexiconName(name, 'name');
    const signal = withDeadline(options.signal, options.timeoutMs);
    const [client, sdk] = await this.#ready(signal);
    try {
      await sendPolly(client, new sdk.DeleteLexiconCommand({ Name: name }), 'DeleteLexicon', {
        signal,
        logger: this.#logger,
      });
      return true;
    } catch (error) {
      if (isServiceError(error) && error.errorName === 'LexiconNotFoundException') return false;
      throw error;
    }
  }

  /**
   * Destroys the client if this object created it.
   *
   * @example
   * ```ts
   * lexicons.destroy();
   * ```
   */
  destroy(): void {
    this.#client.destroy();
  }

  /** The client and SDK, loaded, and a slot of the lexicon limiter: every call starts here, raced against `signal`. */
  async #ready(signal: AbortSignal | undefined): Promise<[PollyClient, typeof import('@aws-sdk/client-polly')]> {
    throwIfAborted(signal);
    const loaded = await raceAbort(Promise.all([this.#client.get(), loadPolly('PollyLexicons')]), signal);
    await this.#limiter?.acquire(1, { signal });
    return loaded;
  }

  async #getContent(name: string, signal: AbortSignal | undefined): Promise<string | undefined> {
    return (await this.#get(name, signal))?.Lexicon?.Content;
  }

  async #get(name: string, signal: AbortSignal | undefined): Promise<GetLexiconCommandOutput | undefined> {
    const [client, sdk] = await this.#ready(signal);
    try {
      return await sendPolly<GetLexiconCommandOutput>(client, new sdk.GetLexiconCommand({ Name: name }), 'GetLexicon', {
        signal,
        logger: this.#logger,
      });
    } catch (error) {
      if (isServiceError(error) && error.errorName === 'LexiconNotFoundException') return undefined;
      throw error;
    }
  }
}

function describe(name: string, attributes: LexiconAttributes | undefined): LexiconDescription {
  return {
    name,
    alphabet: attributes?.Alphabet,
    languageCode: attributes?.LanguageCode,
    lexemesCount: attributes?.LexemesCount,
    sizeBytes: attributes?.Size,
    lastModified: attributes?.LastModified,
    arn: attributes?.LexiconArn,
  };
}
