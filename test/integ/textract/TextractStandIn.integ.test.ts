import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GetDocumentAnalysisCommand,
  GetDocumentTextDetectionCommand,
  StartDocumentTextDetectionCommand,
  TextractClient,
} from '@aws-sdk/client-textract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { S3StandIn, StandInServer, TextractStandIn } from '../../../src/testing/index.js';

const blocks = (n: number) => Array.from({ length: n }, (_, i) => ({ BlockType: 'WORD', Id: `w${i}`, Page: 1 }));

describe('TextractStandIn with a real TextractClient', () => {
  let standIn: TextractStandIn;
  let client: TextractClient;
  beforeEach(async () => {
    standIn = await TextractStandIn.start({
      textDetectionJob: [{ Blocks: blocks(1500) }, { Blocks: blocks(10) }],
      pollsBeforeDone: 0,
    });
    client = new TextractClient(standIn.clientConfig({ maxAttempts: 1 }));
  });
  afterEach(() => standIn.close());

  const start = async () =>
    (
      await client.send(
        new StartDocumentTextDetectionCommand({ DocumentLocation: { S3Object: { Bucket: 'b', Name: 'k' } } }),
      )
    ).JobId!;

  it('merges paginated saved responses and pages results by at most 1,000 blocks by default', async () => {
    const jobId = await start();
    const first = await client.send(new GetDocumentTextDetectionCommand({ JobId: jobId }));
    expect(first).toMatchObject({ JobStatus: 'SUCCEEDED', DocumentMetadata: { Pages: 1 } });
    expect(first.Blocks).toHaveLength(1000);
    const second = await client.send(new GetDocumentTextDetectionCommand({ JobId: jobId, NextToken: first.NextToken }));
    expect(second.Blocks).toHaveLength(510);
    expect(second.NextToken).toBeUndefined();
  });

  it('honours MaxResults, and refuses unknown job ids, the wrong Get operation and forged tokens', async () => {
    const jobId = await start();
    const page = await client.send(new GetDocumentTextDetectionCommand({ JobId: jobId, MaxResults: 7 }));
    expect(page.Blocks).toHaveLength(7);
    await expect(client.send(new GetDocumentTextDetectionCommand({ JobId: 'nope' }))).rejects.toMatchObject({
      name: 'InvalidJobIdException',
    });
    await expect(client.send(new GetDocumentAnalysisCommand({ JobId: jobId }))).rejects.toMatchObject({
      name: 'InvalidJobIdException',
    });
    await expect(
      client.send(new GetDocumentTextDetectionCommand({ JobId: jobId, NextToken: 'forged' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('comes back after server.reset() with reset(), forgetting its jobs', async () => {
    const jobId = await start();
    standIn.server.reset();
    standIn.reset();
    expect(standIn.jobs).toEqual([]);
    expect(standIn.server.calls).toEqual([]);
    await expect(client.send(new GetDocumentTextDetectionCommand({ JobId: jobId }))).rejects.toMatchObject({
      name: 'InvalidJobIdException',
    });
    expect(await start()).toBe(jobId); // ids restart
  });

  it('reports jobs without content, and refuses a bad page size', async () => {
    await start();
    expect(standIn.jobs).toEqual([{ jobId: 'stand-in-job-1', api: 'textDetection', status: 'SUCCEEDED', polls: 0 }]);
    await expect(TextractStandIn.start({ pageSize: 1001 })).rejects.toThrow(RangeError);
  });

  it('refuses a bad page size before starting a server (nothing is left listening)', async () => {
    const startServer = vi.spyOn(StandInServer, 'start');
    try {
      await expect(TextractStandIn.start({ pageSize: 0 })).rejects.toThrow(RangeError);
      expect(startServer).not.toHaveBeenCalled();
    } finally {
      startServer.mockRestore();
    }
  });
});

describe('S3StandIn with a real S3Client', () => {
  let s3: S3StandIn;
  let client: S3Client;
  beforeEach(async () => {
    s3 = await S3StandIn.start({ buckets: ['docs'] });
    client = new S3Client(s3.clientConfig({ maxAttempts: 1 }));
  });
  afterEach(() => s3.close());

  it('stores, reads, heads and reports objects; unknown keys and buckets fail like S3', async () => {
    await client.send(
      new PutObjectCommand({
        Bucket: 'docs',
        Key: 'a/b.pdf',
        Body: new Uint8Array([1, 2, 3]),
        ContentType: 'application/pdf',
      }),
    );
    expect(s3.keys('docs')).toEqual(['a/b.pdf']);
    const got = await client.send(new GetObjectCommand({ Bucket: 'docs', Key: 'a/b.pdf' }));
    expect([...(await got.Body!.transformToByteArray())]).toEqual([1, 2, 3]);
    expect(got.ContentType).toBe('application/pdf');
    const head = await client.send(new HeadObjectCommand({ Bucket: 'docs', Key: 'a/b.pdf' }));
    expect(head.ContentLength).toBe(3);
    await expect(client.send(new GetObjectCommand({ Bucket: 'docs', Key: 'missing' }))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
    await expect(client.send(new HeadObjectCommand({ Bucket: 'docs', Key: 'missing' }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
    s3.server.reset();
    s3.reset();
    await expect(client.send(new HeadObjectCommand({ Bucket: 'docs', Key: 'a/b.pdf' }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
    await expect(client.send(new GetObjectCommand({ Bucket: 'other', Key: 'k' }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
  });
});
