import { LexRuntimeServiceClient } from '@aws-sdk/client-lex-runtime-service';
import { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CheckpointList,
  type CheckpointResult,
  type DigressResult,
  type IntentSnapshot,
  LexCheckpointSession,
  type LexSession,
  type LexTurn,
  type ResumeResult,
} from '../../src/lex/index.js';

const v1 = new LexCheckpointSession({
  client: new LexRuntimeServiceClient({}),
  botName: 'HomeImprovementBot',
  botAlias: 'Prod',
  userId: 'abc1234',
});
const v2 = LexCheckpointSession.v2({
  client: new LexRuntimeV2Client({}),
  botId: 'ABCDEFGHIJ',
  botAliasId: 'TSTALIASID',
  localeId: 'en_US',
  sessionId: 'abc1234',
});

describe('LexCheckpointSession types', () => {
  it('returns our own result types from every method, on V1 and V2 alike', () => {
    for (const session of [v1, v2]) {
      expectTypeOf(session.postText('hi')).toEqualTypeOf<Promise<LexTurn>>();
      expectTypeOf(session.getSession()).toEqualTypeOf<Promise<LexSession>>();
      expectTypeOf(session.checkpoint('a', { intentName: 'OrderWindows' })).toEqualTypeOf<Promise<CheckpointResult>>();
      expectTypeOf(session.resume('a')).toEqualTypeOf<Promise<ResumeResult>>();
      expectTypeOf(session.listCheckpoints()).toEqualTypeOf<Promise<CheckpointList>>();
      expectTypeOf(session.digress('OrderCurtains', { checkpointLabel: 'a' })).toEqualTypeOf<Promise<DigressResult>>();
      expectTypeOf(session.returnFromDigression()).toEqualTypeOf<Promise<ResumeResult>>();
      expectTypeOf(session.putSession({ sessionAttributes: { tier: 'gold' } })).toEqualTypeOf<Promise<LexTurn>>();
    }
  });

  it('models missing values as undefined and enums as unions (no "None" placeholders)', () => {
    expectTypeOf<LexTurn['slots'][string]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<LexTurn['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<IntentSnapshot['confirmationStatus']>().toEqualTypeOf<'None' | 'Confirmed' | 'Denied' | undefined>();
    expectTypeOf<ResumeResult>().toExtend<LexTurn>();
  });

  it('takes every call option object with a signal', () => {
    const signal = new AbortController().signal;
    expectTypeOf(v1.postText).parameter(1).toEqualTypeOf<{ readonly signal?: AbortSignal | undefined } | undefined>();
    v1.resume('a', { signal });
    v2.deleteSession({ signal });
  });

  it('rejects wrong option shapes at compile time', () => {
    // @ts-expect-error digress needs the label to come back to
    v1.digress('OrderCurtains', {});
    // @ts-expect-error client and clientConfig are mutually exclusive
    new LexCheckpointSession({
      client: new LexRuntimeServiceClient({}),
      clientConfig: {},
      botName: 'b',
      botAlias: 'a',
      userId: 'u1',
    });
    // @ts-expect-error V1 sessions need a user id
    new LexCheckpointSession({ client: new LexRuntimeServiceClient({}), botName: 'b', botAlias: 'a' });
    // @ts-expect-error dialog action types are Lex's own
    v2.putSession({ dialogAction: { type: 'Goodbye' } });
    // @ts-expect-error V2 sessions need a locale
    LexCheckpointSession.v2({
      client: new LexRuntimeV2Client({}),
      botId: 'ABCDEFGHIJ',
      botAliasId: 'A',
      sessionId: 's1',
    });
  });
});
