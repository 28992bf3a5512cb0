import { DetectDocumentTextCommand, TextractClient } from '@aws-sdk/client-textract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callService } from '../../../src/kit/service-call.js';
import { awsError, StandInServer } from '../../../src/testing/index.js';

describe('StandInServer with a real TextractClient', () => {
  let server: StandInServer;
  beforeAll(async () => {
    server = await StandInServer.start();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it('routes by x-amz-target and records sizes, not bodies', async () => {
    server.on('DetectDocumentText', () => ({ json: { Blocks: [{ BlockType: 'PAGE', Id: 'p1' }] } }));
    const client = new TextractClient(server.clientConfig());
    const out = await client.send(new DetectDocumentTextCommand({ Document: { Bytes: new Uint8Array(10) } }));
    expect(out.Blocks?.[0]?.Id).toBe('p1');
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]).toMatchObject({ operation: 'DetectDocumentText', status: 200 });
    expect(server.calls[0]!.bodyBytes).toBeGreaterThan(0);
    expect(Object.keys(server.calls[0]!)).not.toContain('body');
  });

  it('retries a scripted throttling sequence through the SDK retry strategy', async () => {
    server.script('DetectDocumentText', [awsError('ThrottlingException'), awsError('ThrottlingException')]);
    server.on('DetectDocumentText', () => ({ json: { Blocks: [] } }));
    const client = new TextractClient(server.clientConfig({ maxAttempts: 3 }));
    const out = await client.send(new DetectDocumentTextCommand({ Document: { Bytes: new Uint8Array(1) } }));
    expect(out.$metadata.attempts).toBe(3);
    expect(server.callsOf('DetectDocumentText').map((c) => c.status)).toEqual([400, 400, 200]);
  });

  it('maps a modeled error to a ServiceError with the request id', async () => {
    server.on('DetectDocumentText', () => awsError('InvalidParameterException'));
    const client = new TextractClient(server.clientConfig({ maxAttempts: 1 }));
    const call = callService(client, new DetectDocumentTextCommand({ Document: { Bytes: new Uint8Array(1) } }), {
      service: 'Textract',
      operation: 'DetectDocumentText',
    });
    await expect(call).rejects.toMatchObject({
      name: 'ServiceError',
      errorName: 'InvalidParameterException',
      httpStatusCode: 400,
      requestId: expect.stringMatching(/^stand-in-/),
      retryable: false,
    });
  });

  it('surfaces an abort as the signal reason', async () => {
    server.on('DetectDocumentText', () => ({ json: {}, delayMs: 2_000 }));
    const client = new TextractClient(server.clientConfig({ maxAttempts: 1 }));
    const reason = new Error('caller cancelled');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 50);
    const call = callService(client, new DetectDocumentTextCommand({ Document: { Bytes: new Uint8Array(1) } }), {
      service: 'Textract',
      operation: 'DetectDocumentText',
      signal: controller.signal,
    });
    await expect(call).rejects.toBe(reason);
  });

  it('answers 500 for malformed bodies and dropped connections without crashing', async () => {
    server.script('DetectDocumentText', [{ body: '{not json' }, { dropConnection: true }]);
    const client = new TextractClient(server.clientConfig({ maxAttempts: 1 }));
    const send = () => client.send(new DetectDocumentTextCommand({ Document: { Bytes: new Uint8Array(1) } }));
    await expect(send()).rejects.toThrow();
    await expect(send()).rejects.toThrow();
  });
});

describe('callService with a malformed body', () => {
  it('reports a ResponseShapeError, retryable, with the request id', async () => {
    const server = await StandInServer.start();
    try {
      server.on('DetectDocumentText', () => ({
        json: undefined,
        body: '{"Blocks": [',
        headers: { 'content-type': 'application/x-amz-json-1.1' },
      }));
      const client = new TextractClient(server.clientConfig({ maxAttempts: 1 }));
      const call = callService(client, new DetectDocumentTextCommand({ Document: { Bytes: new Uint8Array(1) } }), {
        service: 'Textract',
        operation: 'DetectDocumentText',
      });
      await expect(call).rejects.toMatchObject({ name: 'ResponseShapeError', retryable: true, path: 'body' });
    } finally {
      await server.close();
    }
  });
});
