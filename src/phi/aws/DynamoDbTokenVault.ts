/**
 * A token vault in an Amazon DynamoDB table, with the original design's key schema: the hash key is the
 * SHA-256 of the de-identified message (`MessageHash`), the range key is the token (`EntityHash`), and the
 * original is stored in `Entity`.
 *
 * @module
 */
import type {
  BatchGetItemOutput,
  BatchWriteItemOutput,
  DynamoDBClient,
  DynamoDBClientConfig,
  KeysAndAttributes,
  WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { sleep, throwIfAborted } from '../../kit/abort.js';
import { type ClientOptions, importOptional, LazyClient, loadOnce } from '../../kit/clients.js';
import { ServiceError, ValidationError } from '../../kit/errors.js';
import { createSafeLogger, type Logger } from '../../kit/log.js';
import { backoffDelayMs } from '../../kit/retry.js';
import { callService } from '../../kit/service-call.js';
import type { TokenVault, VaultEntry } from '../TokenVault.js';
import type { DetectOptions } from '../types.js';

const PACKAGE = '@aws-sdk/client-dynamodb';
const FEATURE = 'DynamoDbTokenVault';
const loadDynamoDb = loadOnce(() => importOptional(() => import('@aws-sdk/client-dynamodb'), PACKAGE, FEATURE));
/** Default rounds of re-sending unprocessed items, and the most accepted. */
const DEFAULT_MAX_UNPROCESSED_RETRIES = 5;
const MAX_UNPROCESSED_RETRIES = 50;
/** Backoff before re-sending unprocessed items: 100 ms, 200 ms … up to 2 s, half of it jittered. */
const UNPROCESSED_BACKOFF = { initialDelayMs: 50, maxDelayMs: 2_000, jitter: 0.5 } as const;

/** Attribute names of the original design. */
export const DEFAULT_DYNAMODB_VAULT_ATTRIBUTES = Object.freeze({
  /** Hash key: SHA-256 of the de-identified message (`MaskResult.vaultScope`). */
  scope: 'MessageHash',
  /** Range key: the token that replaced the original. */
  token: 'EntityHash',
  /** The original value. */
  value: 'Entity',
});

/** DynamoDB batch limits: 25 writes per BatchWriteItem, 100 keys per BatchGetItem. */
const WRITE_BATCH = 25;
const READ_BATCH = 100;

/** Options of {@link DynamoDbTokenVault}. */
export type DynamoDbTokenVaultOptions = ClientOptions<DynamoDBClient, DynamoDBClientConfig> & {
  /** Table with a string hash key and a string range key (names in `attributes`). */
  readonly tableName: string;
  /** Attribute names. Default {@link DEFAULT_DYNAMODB_VAULT_ATTRIBUTES}. */
  readonly attributes?: Partial<typeof DEFAULT_DYNAMODB_VAULT_ATTRIBUTES>;
  /** When set, items get `ttlAttribute` = now + ttlSeconds (epoch seconds) for DynamoDB TTL. */
  readonly ttlSeconds?: number;
  /** TTL attribute name. Default `ExpiresAt`. */
  readonly ttlAttribute?: string;
  /** Rounds of retrying unprocessed items (throttled partial batches), 0–50. Default 5. */
  readonly maxUnprocessedRetries?: number;
  /** Receives metadata only (operations, counts). Never handed to the SDK client. */
  readonly logger?: Logger;
  /** Clock in milliseconds since the epoch, for tests. Default `Date.now`. */
  readonly now?: () => number;
};

/**
 * Protect the table: encryption at rest with a customer-managed KMS key, IAM access limited to the
 * re-identification role, and CloudTrail data events for reads.
 *
 * @example
 * ```ts
 * const vault = new DynamoDbTokenVault({ tableName: 'EntityMap', clientConfig: { region: 'us-east-1' } });
 * const masker = new PhiMasker({ detector, policy: { defaultAction: 'vault' }, vault });
 * ```
 */
export class DynamoDbTokenVault implements TokenVault {
  readonly #client: LazyClient<DynamoDBClient, DynamoDBClientConfig>;
  readonly #table: string;
  readonly #names: typeof DEFAULT_DYNAMODB_VAULT_ATTRIBUTES;
  readonly #ttlSeconds: number | undefined;
  readonly #ttlAttribute: string;
  readonly #retries: number;
  readonly #logger: Logger;
  readonly #now: () => number;

  /** @throws ValidationError for a bad table name or TTL, or both `client` and `clientConfig`. */
  constructor(options: DynamoDbTokenVaultOptions) {
    if (typeof options?.tableName !== 'string' || !/^[\w.-]{3,255}$/.test(options.tableName)) {
      throw new ValidationError('options.tableName', 'must be a DynamoDB table name (3-255 of a-z A-Z 0-9 _ . -)');
    }
    this.#client = new LazyClient<DynamoDBClient, DynamoDBClientConfig>(options, {
      packageName: PACKAGE,
      feature: FEATURE,
      create: async (config) => new (await loadDynamoDb()).DynamoDBClient(config),
    });
    this.#table = options.tableName;
    this.#names = { ...DEFAULT_DYNAMODB_VAULT_ATTRIBUTES, ...options.attributes };
    if (options.ttlSeconds !== undefined && !(Number.isInteger(options.ttlSeconds) && options.ttlSeconds > 0)) {
      throw new ValidationError('options.ttlSeconds', `must be a positive integer, got ${options.ttlSeconds}`);
    }
    this.#ttlSeconds = options.ttlSeconds;
    this.#ttlAttribute = options.ttlAttribute ?? 'ExpiresAt';
    this.#retries = options.maxUnprocessedRetries ?? DEFAULT_MAX_UNPROCESSED_RETRIES;
    // A bound is what ends the retry loop while DynamoDB keeps returning unprocessed items.
    if (!(Number.isInteger(this.#retries) && this.#retries >= 0 && this.#retries <= MAX_UNPROCESSED_RETRIES)) {
      throw new ValidationError(
        'options.maxUnprocessedRetries',
        `must be an integer between 0 and ${MAX_UNPROCESSED_RETRIES}, got ${this.#retries}`,
      );
    }
    this.#logger = createSafeLogger(options.logger);
    this.#now = options.now ?? Date.now;
  }

  /**
   * Writes entries with BatchWriteItem (25 per request), retrying unprocessed items with backoff.
   *
   * @example
   * ```ts
   * await vault.put([{ scope: messageHash, token: '[NAME:v:abc]', value: 'Jane' }]);
   * ```
   */
  async put(entries: readonly VaultEntry[], options: DetectOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    if (entries.length === 0) return;
    const [client, { BatchWriteItemCommand }] = await Promise.all([this.#client.get(), loadDynamoDb()]);
    const expires =
      this.#ttlSeconds === undefined ? undefined : String(Math.floor(this.#now() / 1000) + this.#ttlSeconds);
    const requests: WriteRequest[] = entries.map((entry) => ({
      PutRequest: {
        Item: {
          [this.#names.scope]: { S: entry.scope },
          [this.#names.token]: { S: entry.token },
          [this.#names.value]: { S: entry.value },
          ...(expires === undefined ? {} : { [this.#ttlAttribute]: { N: expires } }),
        },
      },
    }));
    for (let i = 0; i < requests.length; i += WRITE_BATCH) {
      let pending = requests.slice(i, i + WRITE_BATCH);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > this.#retries) throw this.#unprocessed('BatchWriteItem', pending.length);
        if (attempt > 0) await sleep(backoffDelayMs(attempt, UNPROCESSED_BACKOFF), options.signal);
        const out = await callService<BatchWriteItemOutput>(
          client,
          new BatchWriteItemCommand({ RequestItems: { [this.#table]: pending } }),
          {
            service: 'DynamoDB',
            operation: 'BatchWriteItem',
            signal: options.signal,
            logger: this.#logger,
            meta: { count: pending.length },
          },
        );
        pending = out.UnprocessedItems?.[this.#table] ?? [];
      }
    }
  }

  /**
   * Reads tokens of one scope with BatchGetItem (100 keys per request), retrying unprocessed keys.
   *
   * @example
   * ```ts
   * const originals = await vault.get(result.vaultScope!, ['[NAME:v:abc]']);
   * ```
   */
  async get(scope: string, tokens: readonly string[], options: DetectOptions = {}): Promise<Map<string, string>> {
    throwIfAborted(options.signal);
    const found = new Map<string, string>();
    const unique = [...new Set(tokens)];
    if (unique.length === 0) return found;
    const [client, { BatchGetItemCommand }] = await Promise.all([this.#client.get(), loadDynamoDb()]);
    const n = this.#names;
    for (let i = 0; i < unique.length; i += READ_BATCH) {
      let pending: KeysAndAttributes | undefined = {
        Keys: unique.slice(i, i + READ_BATCH).map((token) => ({ [n.scope]: { S: scope }, [n.token]: { S: token } })),
        ProjectionExpression: '#t, #v',
        ExpressionAttributeNames: { '#t': n.token, '#v': n.value },
        ConsistentRead: true,
      };
      for (let attempt = 0; pending?.Keys && pending.Keys.length > 0; attempt++) {
        if (attempt > this.#retries) throw this.#unprocessed('BatchGetItem', pending.Keys.length);
        if (attempt > 0) await sleep(backoffDelayMs(attempt, UNPROCESSED_BACKOFF), options.signal);
        const out: BatchGetItemOutput = await callService<BatchGetItemOutput>(
          client,
          new BatchGetItemCommand({ RequestItems: { [this.#table]: pending } }),
          {
            service: 'DynamoDB',
            operation: 'BatchGetItem',
            signal: options.signal,
            logger: this.#logger,
            meta: { count: pending.Keys.length },
          },
        );
        for (const item of out.Responses?.[this.#table] ?? []) {
          const token = item[n.token]?.S;
          const value = item[n.value]?.S;
          if (token !== undefined && value !== undefined) found.set(token, value);
        }
        pending = out.UnprocessedKeys?.[this.#table];
      }
    }
    return found;
  }

  /**
   * Destroys the client if this vault created it.
   *
   * @example
   * ```ts
   * vault.destroy();
   * ```
   */
  destroy(): void {
    this.#client.destroy();
  }

  #unprocessed(operation: string, count: number): ServiceError {
    return new ServiceError(`DynamoDB.${operation} left ${count} items unprocessed after ${this.#retries} retries`, {
      service: 'DynamoDB',
      operation,
      retryable: true,
      code: 'THROTTLED',
    });
  }
}
