import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbTokenVault, type PhiDetector, PhiMasker } from '../../../src/phi/index.js';
import { awsError, DynamoDbStandIn } from '../../../src/testing/index.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';
import { literalDetector, ORIGINAL_POST_TERMS, originalPostNote } from '../../unit/phi/helpers.js';

const TABLE = 'EntityMap';

describe('DynamoDbTokenVault with a real DynamoDBClient against the stand-in', () => {
  let dynamo: DynamoDbStandIn;
  beforeAll(async () => {
    dynamo = await DynamoDbStandIn.start([{ name: TABLE, hashKey: 'MessageHash', rangeKey: 'EntityHash' }]);
  });
  afterAll(() => dynamo.close());

  it('stores the original design key schema and round-trips the note exactly', async () => {
    const client = new DynamoDBClient(dynamo.clientConfig());
    const vault = new DynamoDbTokenVault({ client, tableName: TABLE, ttlSeconds: 3600, now: () => 1_700_000_000_000 });
    const masker = new PhiMasker({
      detector: literalDetector(ORIGINAL_POST_TERMS),
      policy: { defaultAction: 'vault' },
      vault,
    });
    const note = originalPostNote();
    const result = await masker.mask(note);
    const items = dynamo.items(TABLE);
    expect(items.length).toBe(new Set(result.entities.map((e) => e.token)).size);
    expect(items.length).toBeGreaterThan(25); // more than one BatchWriteItem
    expect(Object.keys(items[0]!).sort()).toEqual(['Entity', 'EntityHash', 'ExpiresAt', 'MessageHash']);
    expect(items.every((i) => i.MessageHash?.S === result.vaultScope)).toBe(true);
    expect(items[0]!.ExpiresAt).toEqual({ N: String(1_700_000_000 + 3600) });
    expect(await masker.reidentify(result.text, result)).toBe(note);
  });

  it('retries unprocessed items and keys', async () => {
    const client = new DynamoDBClient(dynamo.clientConfig());
    const vault = new DynamoDbTokenVault({ client, tableName: TABLE });
    dynamo.leaveUnprocessed(2);
    const entries = ['a', 'b', 'c'].map((t) => ({ scope: 'retry', token: t, value: `v-${t}` }));
    await vault.put(entries);
    dynamo.leaveUnprocessed(1);
    const found = await vault.get('retry', ['a', 'b', 'c', 'missing']);
    expect(Object.fromEntries(found)).toEqual({ a: 'v-a', b: 'v-b', c: 'v-c' });
  });

  it('fails closed when the table cannot be written, with no PHI in the error or logs', async () => {
    dynamo.server.script('BatchWriteItem', [awsError('ResourceNotFoundException', 400)]);
    const client = new DynamoDBClient(dynamo.clientConfig({ maxAttempts: 1 }));
    const logger = recordingLogger();
    const detector: PhiDetector = {
      name: 'all',
      detect: async (text) => ({ entities: [{ type: 'NAME', score: 1, begin: 0, end: text.length }], warnings: [] }),
    };
    const masker = new PhiMasker({
      detector,
      policy: { defaultAction: 'vault' },
      vault: new DynamoDbTokenVault({ client, tableName: TABLE, logger }),
      logger,
    });
    const error = await masker.mask(SENTINEL).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServiceError', service: 'DynamoDB', errorName: 'ResourceNotFoundException' });
    expectNoSentinel(logger.lines, error);
  });
});

describe('DynamoDbStandIn single-item calls with a real DynamoDBClient', () => {
  let dynamo: DynamoDbStandIn;
  let client: DynamoDBClient;
  beforeAll(async () => {
    dynamo = await DynamoDbStandIn.start([{ name: 'Plain', hashKey: 'Id' }]);
    client = new DynamoDBClient(dynamo.clientConfig({ maxAttempts: 1 }));
  });
  afterAll(() => dynamo.close());

  it('puts and gets an item by its hash key, and answers an absent key with no item', async () => {
    await client.send(new PutItemCommand({ TableName: 'Plain', Item: { Id: { S: 'a' }, Value: { S: 'one' } } }));
    const found = await client.send(new GetItemCommand({ TableName: 'Plain', Key: { Id: { S: 'a' } } }));
    expect(found.Item).toEqual({ Id: { S: 'a' }, Value: { S: 'one' } });
    const absent = await client.send(new GetItemCommand({ TableName: 'Plain', Key: { Id: { S: 'b' } } }));
    expect(absent.Item).toBeUndefined();
    expect(dynamo.size('Plain')).toBe(1);
    expect(dynamo.size('NoSuchTable')).toBe(0);
  });

  it('answers an unknown table and an item without its key as DynamoDB does', async () => {
    await expect(
      client.send(new PutItemCommand({ TableName: 'NoSuchTable', Item: { Id: { S: 'a' } } })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      client.send(new PutItemCommand({ TableName: 'Plain', Item: { Other: { S: 'a' } } })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      client.send(new GetItemCommand({ TableName: 'NoSuchTable', Key: { Id: { S: 'a' } } })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      client.send(new GetItemCommand({ TableName: 'Plain', Key: { Id: { N: '1' } } })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
