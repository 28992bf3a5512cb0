import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
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
