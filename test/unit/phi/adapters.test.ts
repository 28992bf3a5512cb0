import { ComprehendMedicalClient, DetectPHICommand } from '@aws-sdk/client-comprehendmedical';
import { BatchGetItemCommand, BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from '../../../src/kit/offsets.js';
import { ComprehendMedicalPhiDetector, DynamoDbTokenVault } from '../../../src/phi/index.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';

describe('ComprehendMedicalPhiDetector (send level)', () => {
  it('converts code-point offsets to string indices', async () => {
    const cm = mockClient(ComprehendMedicalClient);
    // "😀😀 Jane": the service counts the two emoji as two code points.
    cm.on(DetectPHICommand).resolves({
      Entities: [{ BeginOffset: 3, EndOffset: 7, Text: 'Jane', Type: 'NAME', Score: 0.9 }],
      ModelVersion: '1',
    });
    const detector = new ComprehendMedicalPhiDetector({ client: new ComprehendMedicalClient({}) });
    const { entities } = await detector.detect('😀😀 Jane');
    expect(entities).toEqual([{ type: 'NAME', score: 0.9, begin: 5, end: 9, source: 'comprehend-medical' }]);
    expect(cm).toHaveReceivedCommandWith(DetectPHICommand, { Text: '😀😀 Jane' });
  });

  it('sends every chunk under maxChunkBytes', async () => {
    const cm = mockClient(ComprehendMedicalClient);
    cm.on(DetectPHICommand).resolves({ Entities: [], ModelVersion: '1' });
    const detector = new ComprehendMedicalPhiDetector({ client: new ComprehendMedicalClient({}), maxChunkBytes: 500 });
    await detector.detect('Étude clinique du patient. '.repeat(100));
    const calls = cm.commandCalls(DetectPHICommand);
    expect(calls.length).toBeGreaterThan(5);
    for (const call of calls) expect(utf8ByteLength(call.args[0].input.Text ?? '')).toBeLessThanOrEqual(500);
  });

  it('logs metadata only and keeps PHI out of errors', async () => {
    const cm = mockClient(ComprehendMedicalClient);
    cm.on(DetectPHICommand).rejects(
      Object.assign(new Error(`bad input ${SENTINEL}`), {
        name: 'InvalidRequestException',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const logger = recordingLogger();
    const detector = new ComprehendMedicalPhiDetector({ client: new ComprehendMedicalClient({}), logger });
    const error = await detector.detect(`Patient ${SENTINEL}`).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServiceError', errorName: 'InvalidRequestException' });
    expectNoSentinel(logger.lines, error);
    expect(logger.lines.join('\n')).toContain('DetectPHI');
  });

  it('validates options and input', async () => {
    expect(() => new ComprehendMedicalPhiDetector({ maxChunkBytes: 30_000 })).toThrow(/maxChunkBytes/);
    expect(() => new ComprehendMedicalPhiDetector({ concurrency: 0 })).toThrow(/concurrency/);
    expect(() => new ComprehendMedicalPhiDetector({ quotaUtilization: 1.5 })).toThrow(/quotaUtilization/);
    expect(
      () => new ComprehendMedicalPhiDetector({ client: new ComprehendMedicalClient({}), clientConfig: {} } as never),
    ).toThrow(/either client or clientConfig/);
    const detector = new ComprehendMedicalPhiDetector({ client: new ComprehendMedicalClient({}) });
    await expect(detector.detect(1 as never)).rejects.toMatchObject({ name: 'ValidationError' });
    expect(await detector.detect('')).toEqual({ entities: [], warnings: [] });
  });
});

describe('DynamoDbTokenVault (send level)', () => {
  it('writes in batches of 25 with the original key schema and reads back', async () => {
    const ddb = mockClient(DynamoDBClient);
    ddb.on(BatchWriteItemCommand).resolves({ UnprocessedItems: {} });
    ddb.on(BatchGetItemCommand).resolves({
      Responses: { EntityMap: [{ EntityHash: { S: 't1' }, Entity: { S: 'Jane' } }] },
      UnprocessedKeys: {},
    });
    const vault = new DynamoDbTokenVault({ client: new DynamoDBClient({}), tableName: 'EntityMap' });
    await vault.put(Array.from({ length: 30 }, (_, i) => ({ scope: 'h', token: `t${i}`, value: `v${i}` })));
    expect(ddb).toHaveReceivedCommandTimes(BatchWriteItemCommand, 2);
    const first = ddb.commandCalls(BatchWriteItemCommand)[0]!.args[0].input.RequestItems!.EntityMap!;
    expect(first).toHaveLength(25);
    expect(first[0]!.PutRequest!.Item).toEqual({
      MessageHash: { S: 'h' },
      EntityHash: { S: 't0' },
      Entity: { S: 'v0' },
    });
    expect(Object.fromEntries(await vault.get('h', ['t1']))).toEqual({ t1: 'Jane' });
  });

  it('gives up with a retryable error when items stay unprocessed', async () => {
    const ddb = mockClient(DynamoDBClient);
    ddb.on(BatchWriteItemCommand).callsFake((input) => ({ UnprocessedItems: input.RequestItems }));
    const vault = new DynamoDbTokenVault({
      client: new DynamoDBClient({}),
      tableName: 'EntityMap',
      maxUnprocessedRetries: 1,
    });
    const error = await vault.put([{ scope: 'h', token: 't', value: SENTINEL }]).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServiceError', retryable: true, code: 'THROTTLED' });
    expectNoSentinel([], error);
  });

  it('validates the table name', () => {
    expect(() => new DynamoDbTokenVault({ tableName: 'x' })).toThrow(/tableName/);
  });

  it('refuses an unbounded or invalid retry count (the retry loop must end)', () => {
    for (const maxUnprocessedRetries of [Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5, 51]) {
      expect(() => new DynamoDbTokenVault({ tableName: 'EntityMap', maxUnprocessedRetries })).toThrow(
        expect.objectContaining({ name: 'ValidationError', field: 'options.maxUnprocessedRetries' }),
      );
    }
    expect(() => new DynamoDbTokenVault({ tableName: 'EntityMap', maxUnprocessedRetries: 0 })).not.toThrow();
  });
});
