/**
 * The stand-ins answer what the library would never send the way Lex does: the same validation rules and
 * error names, checked with raw SDK commands.
 */
import {
  GetSessionCommand,
  LexRuntimeServiceClient,
  PostTextCommand,
  PutSessionCommand,
} from '@aws-sdk/client-lex-runtime-service';
import {
  LexRuntimeV2Client,
  PutSessionCommand as PutSessionV2Command,
  RecognizeTextCommand,
} from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LexCheckpointSession } from '../../../src/lex/index.js';
import { LexV1StandIn, LexV2StandIn, LoopbackHttp1Handler } from '../../../src/testing/index.js';
import { BOT, V2_BOT_ID } from './harness.js';

const tooLarge = { big: 'x'.repeat(10_000) };
const errorName = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: { name?: string }) => e.name,
  );

describe('LexV1StandIn', () => {
  let lex: LexV1StandIn;
  let client: LexRuntimeServiceClient;
  const ids = { botName: BOT.name, botAlias: 'Prod', userId: 'standin-v1' };
  const summary = { intentName: 'OrderWindows', dialogActionType: 'ElicitSlot' as const, slotToElicit: 'windowSize' };
  beforeAll(async () => {
    lex = await LexV1StandIn.start({ bot: BOT });
    client = new LexRuntimeServiceClient(lex.clientConfig({ maxAttempts: 1 }));
    await client.send(new PostTextCommand({ ...ids, inputText: 'windows' }));
  });
  afterAll(async () => {
    client.destroy();
    await lex.close();
  });

  it('rejects what Lex V1 rejects with BadRequestException', async () => {
    const put = (input: Record<string, unknown>) => errorName(client.send(new PutSessionCommand({ ...ids, ...input })));
    expect(await errorName(client.send(new GetSessionCommand({ ...ids, checkpointLabelFilter: 'not_ok' })))).toBe(
      'BadRequestException',
    );
    expect(await put({ recentIntentSummaryView: [summary, summary, summary, summary] })).toBe('BadRequestException');
    expect(await put({ recentIntentSummaryView: [{ ...summary, checkpointLabel: 'a b' }] })).toBe(
      'BadRequestException',
    );
    expect(await put({ recentIntentSummaryView: [{ intentName: 'OrderWindows' }] })).toBe('BadRequestException');
    expect(await put({ recentIntentSummaryView: [{ ...summary, intentName: 'OrderPizza' }] })).toBe(
      'BadRequestException',
    );
    expect(await put({ dialogAction: { type: 'Delegate', intentName: 'OrderPizza' } })).toBe('BadRequestException');
    // Slot names and slotToElicit must be the intent's own.
    expect(await put({ recentIntentSummaryView: [{ ...summary, slotToElicit: 'curtainSize' }] })).toBe(
      'BadRequestException',
    );
    expect(await put({ recentIntentSummaryView: [{ ...summary, slots: { colour: 'red' } }] })).toBe(
      'BadRequestException',
    );
    expect(
      await put({ dialogAction: { type: 'Delegate', intentName: 'OrderWindows', slots: { colour: 'red' } } }),
    ).toBe('BadRequestException');
    expect(await put({ sessionAttributes: tooLarge })).toBe('BadRequestException');
    expect(
      await errorName(client.send(new PostTextCommand({ ...ids, inputText: 'hi', sessionAttributes: tooLarge }))),
    ).toBe('BadRequestException');
    expect(await errorName(client.send(new GetSessionCommand({ ...ids, botName: 'OtherBot' })))).toBe(
      'NotFoundException',
    );
  });

  it('simulates closing an intent, a denied confirmation and an utterance it does not understand', async () => {
    const closed = await client.send(
      new PutSessionCommand({
        ...ids,
        dialogAction: { type: 'Close', intentName: 'OrderWindows', fulfillmentState: 'Failed' },
      }),
    );
    expect(closed.dialogState).toBe('Failed');
    const user = { ...ids, userId: 'standin-v1-b' };
    expect((await client.send(new PostTextCommand({ ...user, inputText: 'good morning' }))).dialogState).toBe(
      'ElicitIntent',
    );
    await client.send(new PostTextCommand({ ...user, inputText: 'large casement windows' }));
    const denied = await client.send(new PostTextCommand({ ...user, inputText: 'no' }));
    expect(denied).toMatchObject({ dialogState: 'Failed', intentName: 'OrderWindows' });
  });
});

describe('LexV2StandIn', () => {
  let lex: LexV2StandIn;
  let client: LexRuntimeV2Client;
  const ids = { botId: V2_BOT_ID, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'standin-v2' };
  beforeAll(async () => {
    lex = await LexV2StandIn.start({ bot: BOT, botId: V2_BOT_ID });
    client = new LexRuntimeV2Client(lex.clientConfig({ maxAttempts: 1 }));
  });
  afterAll(async () => {
    client.destroy();
    await lex.close();
  });

  it('rejects what Lex V2 rejects with ValidationException', async () => {
    const put = (sessionState: Record<string, unknown>) =>
      errorName(client.send(new PutSessionV2Command({ ...ids, sessionState })));
    expect(await put({ intent: { name: 'OrderPizza' }, dialogAction: { type: 'Delegate' } })).toBe(
      'ValidationException',
    );
    expect(await put({ sessionAttributes: tooLarge })).toBe('ValidationException');
    expect(await errorName(client.send(new RecognizeTextCommand({ ...ids, sessionId: 'x', text: 'hi' })))).toBe(
      'ValidationException',
    );
  });

  it('takes a session state with RecognizeText, and Close and ElicitIntent with PutSession', async () => {
    const turn = await client.send(
      new RecognizeTextCommand({
        ...ids,
        text: 'casement',
        sessionState: {
          dialogAction: { type: 'ElicitSlot', slotToElicit: 'windowStyle' },
          intent: { name: 'OrderWindows', slots: { windowSize: { value: { interpretedValue: 'large' } } } },
        },
      }),
    );
    expect(turn.sessionState?.intent?.slots?.windowStyle?.value?.interpretedValue).toBe('casement');

    await client.send(
      new PutSessionV2Command({
        ...ids,
        sessionState: { dialogAction: { type: 'Close' }, intent: { name: 'OrderCurtains', state: 'Failed' } },
      }),
    );
    expect(lex.session('TSTALIASID', 'en_US', 'standin-v2')?.dialogState).toBe('Failed');

    const session = LexCheckpointSession.v2({ client, ...ids });
    const elicit = await session.putSession({ dialogAction: { type: 'ElicitIntent' } });
    expect(elicit).toMatchObject({ dialogState: 'ElicitIntent', intentName: undefined });
  });
});

describe('LoopbackHttp1Handler', () => {
  it('sends query parameters and stream bodies, rejects when already aborted, and has nothing to configure', async () => {
    const lex = await LexV1StandIn.start({ bot: BOT });
    try {
      const { endpoint } = lex.clientConfig();
      const { hostname, port } = new URL(String(endpoint));
      const handler = new LoopbackHttp1Handler();
      expect(handler.httpHandlerConfigs()).toEqual({});
      handler.updateHttpClientConfig();
      handler.destroy();
      const base = { hostname, port: Number(port), headers: { 'content-type': 'application/json' } };
      const path = `/bot/${BOT.name}/alias/Prod/user/handler-user`;
      const { Readable } = await import('node:stream');
      const posted = await handler.handle({
        ...base,
        method: 'POST',
        path: `${path}/text`,
        body: Readable.from([JSON.stringify({ inputText: 'windows' })]),
      });
      expect(posted.response.statusCode).toBe(200);
      posted.response.body.resume();
      const read = await handler.handle({
        ...base,
        method: 'GET',
        path: `${path}/session/`,
        query: { checkpointLabelFilter: ['bad_label'], ignored: null },
      });
      expect(read.response.statusCode).toBe(400);
      read.response.body.resume();
      const aborted = handler.handle({ ...base, method: 'GET', path }, { abortSignal: AbortSignal.abort() });
      await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      await lex.close();
    }
  });
});
