/**
 * LexCheckpointSession on Lex V1 at the send() level: which commands, with which inputs, and how errors map.
 */
import {
  BadRequestException,
  ConflictException,
  DeleteSessionCommand,
  GetSessionCommand,
  LexRuntimeServiceClient,
  LimitExceededException,
  NotFoundException,
  PostTextCommand,
  PutSessionCommand,
} from '@aws-sdk/client-lex-runtime-service';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { isServiceError } from '../../../src/kit/errors.js';
import {
  DEFAULT_CHECKPOINT_ATTRIBUTE,
  decodeCheckpointStore,
  isLexSessionNotFoundError,
  isLexUnknownCheckpointError,
  LexCheckpointSession,
} from '../../../src/lex/index.js';
import { recordingLogger } from '../../helpers/sentinel.js';

const lex = mockClient(LexRuntimeServiceClient);
const ids = { botName: 'HomeImprovementBot', botAlias: 'Prod', userId: 'abc1234' };
const meta = (requestId: string, httpStatusCode = 200) => ({ $metadata: { requestId, httpStatusCode } });

const windowsSummary = {
  intentName: 'OrderWindows',
  slots: { windowSize: 'large', windowStyle: null as unknown as string },
  confirmationStatus: 'None' as const,
  dialogActionType: 'ElicitSlot' as const,
  slotToElicit: 'windowStyle',
};
const curtainsSummary = {
  intentName: 'OrderCurtains',
  slots: { curtainSize: null as unknown as string, curtainStyle: null as unknown as string },
  confirmationStatus: 'None' as const,
  dialogActionType: 'ElicitSlot' as const,
  slotToElicit: 'curtainSize',
};

function session(options: { verifyWrites?: boolean; throttleRetries?: number } = {}) {
  return new LexCheckpointSession({ client: new LexRuntimeServiceClient({ region: 'us-east-1' }), ...ids, ...options });
}

describe('LexCheckpointSession on Lex V1 (send level)', () => {
  beforeEach(() => {
    lex.reset();
  });

  it('postText sends PostText for the bound bot, alias and user and maps nulls to undefined', async () => {
    lex.on(PostTextCommand).resolves({
      ...meta('r-1'),
      intentName: 'OrderWindows',
      dialogState: 'ElicitSlot',
      slotToElicit: 'windowSize',
      slots: { windowSize: null as unknown as string, windowStyle: null as unknown as string },
      message: 'What size?',
      sessionAttributes: { color: 'blue', [DEFAULT_CHECKPOINT_ATTRIBUTE]: '[1,0,0,[],[]]' },
    });
    const turn = await session().postText('I want windows');
    expect(lex).toHaveReceivedCommandWith(PostTextCommand, { ...ids, inputText: 'I want windows' });
    expect(turn).toEqual({
      requestId: 'r-1',
      sessionId: undefined,
      intentName: 'OrderWindows',
      dialogState: 'ElicitSlot',
      slots: { windowSize: undefined, windowStyle: undefined },
      slotToElicit: 'windowSize',
      message: 'What size?',
      messages: ['What size?'],
      sessionAttributes: { color: 'blue' },
    });
  });

  it('checkpoint reads, then writes the full recent-intent view with one label, no "None" strings', async () => {
    lex.on(GetSessionCommand).resolves({
      ...meta('r-get'),
      recentIntentSummaryView: [curtainsSummary, windowsSummary],
      sessionAttributes: { color: 'blue' },
      dialogAction: {
        type: 'ElicitSlot',
        intentName: 'OrderCurtains',
        slotToElicit: 'curtainSize',
        message: 'How long?',
      },
    });
    lex.on(PutSessionCommand).resolves({ ...meta('r-put') });
    const result = await session({ verifyWrites: false }).checkpoint('windowSelection', { intentName: 'OrderWindows' });
    expect(result).toEqual({
      requestId: 'r-put',
      label: 'windowSelection',
      intentName: 'OrderWindows',
      dialogActionType: 'ElicitSlot',
      slotToElicit: 'windowStyle',
    });
    const put = lex.commandCalls(PutSessionCommand)[0]!.args[0].input;
    expect(put.recentIntentSummaryView).toEqual([
      {
        intentName: 'OrderCurtains',
        slots: {},
        confirmationStatus: 'None',
        dialogActionType: 'ElicitSlot',
        slotToElicit: 'curtainSize',
      },
      {
        intentName: 'OrderWindows',
        slots: { windowSize: 'large' },
        confirmationStatus: 'None',
        dialogActionType: 'ElicitSlot',
        slotToElicit: 'windowStyle',
        checkpointLabel: 'windowSelection',
      },
    ]);
    // The current dialog is written back as it was, without its message, so Lex asks the same question.
    expect(put.dialogAction).toEqual({ type: 'ElicitSlot', intentName: 'OrderCurtains', slotToElicit: 'curtainSize' });
    expect(put.sessionAttributes?.color).toBe('blue');
    expect(JSON.stringify(put.recentIntentSummaryView)).not.toMatch(
      /"(checkpointLabel|windowStyle|curtainSize)":"None"/,
    );
    const store = decodeCheckpointStore(put.sessionAttributes?.[DEFAULT_CHECKPOINT_ATTRIBUTE]);
    expect(store.checkpoints.map((c) => c.label)).toEqual(['windowSelection']);
  });

  it('resume finds the labelled intent in the view, then puts ElicitSlot rebuilt from it and the view without the used-up label', async () => {
    // Unfiltered: checkpointLabelFilter would return the same entry, but not the rest of the view, which must be
    // written back for the label to be used up (PutSession replaces the whole view).
    lex.on(GetSessionCommand, ids).resolves({
      ...meta('r-get'),
      recentIntentSummaryView: [curtainsSummary, { ...windowsSummary, checkpointLabel: 'windowSelection' }],
      // Lex's dialogAction is the current (curtains) state: resume must not use it.
      dialogAction: { type: 'Close', intentName: 'OrderCurtains', fulfillmentState: 'Fulfilled' },
      sessionAttributes: {},
    });
    lex.on(PutSessionCommand).resolves({
      ...meta('r-put'),
      intentName: 'OrderWindows',
      dialogState: 'ElicitSlot',
      slotToElicit: 'windowStyle',
      slots: JSON.stringify({ windowSize: 'large', windowStyle: null }),
      encodedMessage: Buffer.from('Which style?').toString('base64'),
    });
    const resumed = await session({ verifyWrites: false }).resume('windowSelection');
    expect(lex.commandCalls(GetSessionCommand)[0]!.args[0].input.checkpointLabelFilter).toBeUndefined();
    expect(lex).toHaveReceivedCommandWith(PutSessionCommand, {
      ...ids,
      dialogAction: {
        type: 'ElicitSlot',
        intentName: 'OrderWindows',
        slots: { windowSize: 'large' },
        slotToElicit: 'windowStyle',
      },
      accept: 'text/plain; charset=utf-8',
    });
    const view = lex.commandCalls(PutSessionCommand)[0]!.args[0].input.recentIntentSummaryView;
    expect(view?.map((i) => [i.intentName, i.checkpointLabel])).toEqual([
      ['OrderCurtains', undefined],
      ['OrderWindows', undefined],
    ]);
    expect(resumed).toMatchObject({
      label: 'windowSelection',
      requestId: 'r-put',
      slotToElicit: 'windowStyle',
      slots: { windowSize: 'large', windowStyle: undefined },
      message: 'Which style?',
    });
  });

  it('treats unreadable slot and attribute headers in a PutSession response as empty', async () => {
    lex.on(GetSessionCommand).resolves({ ...meta('r'), recentIntentSummaryView: [windowsSummary] });
    lex.on(PutSessionCommand).resolves({ ...meta('r-put'), slots: '{not json', sessionAttributes: 'nor this' });
    const turn = await session({ verifyWrites: false }).putSession({ sessionAttributes: { tier: 'gold' } });
    expect(turn).toMatchObject({ requestId: 'r-put', slots: {}, sessionAttributes: {} });
  });

  it('lists existing labels when resuming an unknown one and writes nothing', async () => {
    lex
      .on(GetSessionCommand)
      .resolves({ ...meta('r'), recentIntentSummaryView: [{ ...windowsSummary, checkpointLabel: 'x1' }] });
    const error = await session()
      .resume('nope')
      .catch((e: unknown) => e);
    expect(isLexUnknownCheckpointError(error)).toBe(true);
    expect(error).toMatchObject({ existingLabels: ['x1'] });
    expect(lex).toHaveReceivedCommandTimes(GetSessionCommand, 1);
    expect(lex).toHaveReceivedCommandTimes(PutSessionCommand, 0);
  });

  it('verifies a write by reading it back', async () => {
    let written: Record<string, string> | undefined;
    lex.on(GetSessionCommand).callsFake(async () => ({
      ...meta('r'),
      recentIntentSummaryView: [windowsSummary],
      sessionAttributes: written ?? {},
    }));
    lex.on(PutSessionCommand).callsFake(async (input) => {
      written = input.sessionAttributes;
      return meta('r-put');
    });
    await session().checkpoint('windowSelection');
    expect(lex).toHaveReceivedCommandTimes(GetSessionCommand, 2);
    expect(lex).toHaveReceivedCommandTimes(PutSessionCommand, 1);
  });

  it('maps NotFoundException to LexSessionNotFoundError with the request id', async () => {
    lex.on(GetSessionCommand).rejects(new NotFoundException({ message: 'session not found', ...meta('r-404', 404) }));
    const error = await session()
      .listCheckpoints()
      .catch((e: unknown) => e);
    expect(isLexSessionNotFoundError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'NOT_FOUND', requestId: 'r-404', operation: 'listCheckpoints' });
  });

  it.each([
    ['ConflictException', new ConflictException({ message: 'two clients', ...meta('r-409', 409) }), 'CONFLICT', false],
    ['BadRequestException', new BadRequestException({ message: 'bad', ...meta('r-400', 400) }), 'SERVICE', false],
  ])('maps %s to a ServiceError', async (_name, exception, code, retryable) => {
    lex.on(PostTextCommand).rejects(exception);
    const error = await session()
      .postText('hello')
      .catch((e: unknown) => e);
    expect(isServiceError(error)).toBe(true);
    expect(error).toMatchObject({
      code,
      retryable,
      errorName: exception.name,
      service: 'LexRuntime',
      operation: 'PostText',
    });
  });

  it('retries LimitExceededException after its Retry-After, then succeeds', async () => {
    const logger = recordingLogger();
    const throttled = new LimitExceededException({
      message: 'slow down',
      ...meta('r-429', 429),
      retryAfterSeconds: '0',
    });
    lex
      .on(PostTextCommand)
      .rejectsOnce(throttled)
      .resolves({ ...meta('r-ok'), dialogState: 'ElicitIntent' });
    const s = new LexCheckpointSession({
      client: new LexRuntimeServiceClient({ region: 'us-east-1' }),
      ...ids,
      logger,
    });
    await expect(s.postText('hello')).resolves.toMatchObject({ requestId: 'r-ok' });
    expect(lex).toHaveReceivedCommandTimes(PostTextCommand, 2);
    expect(logger.lines.join('\n')).toMatch(/lex throttled, retrying.*"attempt":1/);
  });

  it('fails fast when Retry-After is longer than it is willing to wait', async () => {
    const throttled = new LimitExceededException({
      message: 'slow down',
      ...meta('r-429', 429),
      retryAfterSeconds: '3600',
    });
    lex.on(PostTextCommand).rejects(throttled);
    const error = await session()
      .postText('hello')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'THROTTLED', retryable: true });
    expect(lex).toHaveReceivedCommandTimes(PostTextCommand, 1);
  });

  it('deleteSession sends DeleteSession and returns the ids', async () => {
    lex.on(DeleteSessionCommand).resolves({ ...meta('r-del'), sessionId: 's-1' });
    await expect(session().deleteSession()).resolves.toEqual({ requestId: 'r-del', sessionId: 's-1' });
    expect(lex).toHaveReceivedCommandWith(DeleteSessionCommand, ids);
  });

  it('never destroys an injected client, and announces V1 end of support to a logger', () => {
    const logger = recordingLogger();
    const client = new LexRuntimeServiceClient({ region: 'us-east-1' });
    const s = new LexCheckpointSession({ client, ...ids, logger });
    s.destroy();
    expect(s.version).toBe('v1');
    expect(logger.lines.join('\n')).toContain('lex-v1-end-of-support-2025-09-15');
  });

  it('rejects both client and clientConfig', () => {
    expect(
      () =>
        new LexCheckpointSession({
          client: new LexRuntimeServiceClient({}),
          clientConfig: {},
          ...ids,
        } as never),
    ).toThrow(/either client or clientConfig/);
  });
});
