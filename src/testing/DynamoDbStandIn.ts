/**
 * A small local stand-in for Amazon DynamoDB, enough for key-value use through a real `DynamoDBClient`:
 * `PutItem`, `GetItem`, `BatchWriteItem` and `BatchGetItem` on tables with a string hash key and an optional
 * string range key. It can leave items unprocessed to exercise retry paths. It is no database: no
 * expressions beyond `ProjectionExpression` attribute names, no conditions, no indexes.
 *
 * @module
 */
import { awsError, type StandInClientConfig, type StandInReply, StandInServer } from './StandInServer.js';

/** A DynamoDB attribute value in wire form, e.g. `{ S: 'x' }`. */
export type DynamoDbStandInAttribute = Record<string, unknown>;
/** An item in wire form. */
export type DynamoDbStandInItem = Record<string, DynamoDbStandInAttribute>;
type Item = DynamoDbStandInItem;

/** A table's key schema. */
export interface DynamoDbStandInTable {
  /** Table name. */
  readonly name: string;
  /** Name of the string hash (partition) key attribute. */
  readonly hashKey: string;
  /** Name of the string range (sort) key attribute, if the table has one. */
  readonly rangeKey?: string;
}

/**
 * A local Amazon DynamoDB for key-value use: item and batch reads and writes, in memory.
 *
 * @example
 * ```ts
 * const dynamo = await DynamoDbStandIn.start([{ name: 'EntityMap', hashKey: 'MessageHash', rangeKey: 'EntityHash' }]);
 * const client = new DynamoDBClient(dynamo.clientConfig());
 * ```
 */
export class DynamoDbStandIn {
  /** The underlying server, for recorded calls and fault scripts. */
  readonly server: StandInServer;
  readonly #tables = new Map<string, { schema: DynamoDbStandInTable; items: Map<string, Item> }>();
  #unprocessedRounds = 0;

  private constructor(server: StandInServer, tables: readonly DynamoDbStandInTable[]) {
    this.server = server;
    for (const schema of tables) this.#tables.set(schema.name, { schema, items: new Map() });
  }

  /**
   * Starts the stand-in with the given tables.
   *
   * @example
   * ```ts
   * const dynamo = await DynamoDbStandIn.start([{ name: 'EntityMap', hashKey: 'MessageHash', rangeKey: 'EntityHash' }]);
   * ```
   */
  static async start(tables: readonly DynamoDbStandInTable[]): Promise<DynamoDbStandIn> {
    const server = await StandInServer.start();
    const standIn = new DynamoDbStandIn(server, tables);
    server.on('PutItem', (r) => standIn.#putItem(r.json()));
    server.on('GetItem', (r) => standIn.#getItem(r.json()));
    server.on('BatchWriteItem', (r) => standIn.#batchWrite(r.json()));
    server.on('BatchGetItem', (r) => standIn.#batchGet(r.json()));
    return standIn;
  }

  /**
   * SDK client configuration pointing at the stand-in.
   *
   * @example
   * ```ts
   * const client = new DynamoDBClient(dynamo.clientConfig());
   * ```
   */
  clientConfig(options: { maxAttempts?: number } = {}): StandInClientConfig {
    return this.server.clientConfig(options);
  }

  /**
   * The next `rounds` batch calls process only their first item and return the rest as unprocessed.
   *
   * @example
   * ```ts
   * dynamo.leaveUnprocessed(2); // exercise BatchWriteItem / BatchGetItem retry loops
   * ```
   */
  leaveUnprocessed(rounds: number): this {
    this.#unprocessedRounds = rounds;
    return this;
  }

  /**
   * Number of items in a table.
   *
   * @example
   * ```ts
   * dynamo.size('EntityMap'); // 3
   * ```
   */
  size(table: string): number {
    return this.#tables.get(table)?.items.size ?? 0;
  }

  /**
   * Raw items of a table (for assertions in tests).
   *
   * @example
   * ```ts
   * dynamo.items('EntityMap')[0]?.MessageHash; // { S: '…' }
   * ```
   */
  items(table: string): Item[] {
    return [...(this.#tables.get(table)?.items.values() ?? [])];
  }

  /**
   * Stops the server.
   *
   * @example
   * ```ts
   * await dynamo.close();
   * ```
   */
  close(): Promise<void> {
    return this.server.close();
  }

  #table(name: unknown): { schema: DynamoDbStandInTable; items: Map<string, Item> } | undefined {
    return typeof name === 'string' ? this.#tables.get(name) : undefined;
  }

  #key(schema: DynamoDbStandInTable, item: Item): string | undefined {
    const hash = item[schema.hashKey]?.S;
    const range = schema.rangeKey === undefined ? '' : item[schema.rangeKey]?.S;
    return typeof hash === 'string' && typeof range === 'string' ? JSON.stringify([hash, range]) : undefined;
  }

  #putItem(body: { TableName?: string; Item?: Item }): StandInReply {
    const table = this.#table(body.TableName);
    if (!table) return awsError('ResourceNotFoundException', 400);
    const key = body.Item && this.#key(table.schema, body.Item);
    if (!key || !body.Item) return awsError('ValidationException', 400);
    table.items.set(key, body.Item);
    return { json: {} };
  }

  #getItem(body: { TableName?: string; Key?: Item }): StandInReply {
    const table = this.#table(body.TableName);
    if (!table) return awsError('ResourceNotFoundException', 400);
    const key = body.Key && this.#key(table.schema, body.Key);
    if (!key) return awsError('ValidationException', 400);
    const item = table.items.get(key);
    return { json: item ? { Item: item } : {} };
  }

  /** How many items this batch call may process: 1 while scripted unprocessed rounds remain (using one up). */
  #roundLimit(): number {
    if (this.#unprocessedRounds <= 0) return Number.POSITIVE_INFINITY;
    this.#unprocessedRounds--;
    return 1;
  }

  #batchWrite(body: { RequestItems?: Record<string, Array<{ PutRequest?: { Item: Item } }>> }): StandInReply {
    const unprocessed: Record<string, unknown[]> = {};
    const limit = this.#roundLimit();
    let processed = 0;
    for (const [name, requests] of Object.entries(body.RequestItems ?? {})) {
      const table = this.#table(name);
      if (!table) return awsError('ResourceNotFoundException', 400);
      if (requests.length > 25) return awsError('ValidationException', 400);
      for (const request of requests) {
        const item = request.PutRequest?.Item;
        const key = item && this.#key(table.schema, item);
        if (!item || !key) return awsError('ValidationException', 400);
        if (processed >= limit) {
          unprocessed[name] = [...(unprocessed[name] ?? []), request];
          continue;
        }
        table.items.set(key, item);
        processed++;
      }
    }
    return { json: { UnprocessedItems: unprocessed } };
  }

  #batchGet(body: {
    RequestItems?: Record<
      string,
      { Keys: Item[]; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> }
    >;
  }): StandInReply {
    const responses: Record<string, Item[]> = {};
    const unprocessed: Record<string, unknown> = {};
    const limit = this.#roundLimit();
    let served = 0;
    for (const [name, request] of Object.entries(body.RequestItems ?? {})) {
      const table = this.#table(name);
      if (!table) return awsError('ResourceNotFoundException', 400);
      if (request.Keys.length > 100) return awsError('ValidationException', 400);
      const projected = request.ProjectionExpression?.split(',').map(
        (p) => request.ExpressionAttributeNames?.[p.trim()] ?? p.trim(),
      );
      const rest: Item[] = [];
      for (const keyItem of request.Keys) {
        if (served >= limit) {
          rest.push(keyItem);
          continue;
        }
        served++;
        const key = this.#key(table.schema, keyItem);
        const item = key === undefined ? undefined : table.items.get(key);
        if (!item) continue;
        const out = projected ? Object.fromEntries(projected.filter((p) => p in item).map((p) => [p, item[p]!])) : item;
        responses[name] = [...(responses[name] ?? []), out];
      }
      if (rest.length > 0) unprocessed[name] = { ...request, Keys: rest };
    }
    return { json: { Responses: responses, UnprocessedKeys: unprocessed } };
  }
}
