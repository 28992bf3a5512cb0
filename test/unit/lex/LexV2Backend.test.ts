/**
 * LexCheckpointSession on Lex V2 at the send() level: the checkpoint store in a session attribute, the
 * session state it puts, header decoding and error mapping.
 */
import { gzipSync } from 'node:zlib';
import {
  ConflictException,
  GetSessionCommand,
  LexRuntimeV2Client,
  PutSessionCommand,
  RecognizeTextCommand,
  ResourceNotFoundException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-lex-runtime-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { isServiceError, isValidationError } from '../../../src/kit/errors.js';
import {
  DEFAULT_CHECKPOINT_ATTRIBUTE,
  decodeCheckpointStore,
  isLexSessionNotFoundError,
  LexCheckpointSession,
} from '../../../src/lex/index.js';

const lex = mockClient(LexRuntimeV2Client);
const ids = { botId: 'HOMEIMPBOT', botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'abc1234' };
const meta = (requestId: string, httpStatusCode = 200) => ({ $metadata: { requestId, httpStatusCode } });
const slot = (value: string) => ({ value: { originalValue: value, interpretedValue: value, resolvedValues: [value] } });
const gz = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value))).toString('base64');

const windowsState = {
  dialogAction: { type: 'ElicitSlot' as const, slotToElicit: 'windowStyle' },
  intent: {
    name: 'OrderWindows',
    slots: { windowSize: slot('large'), windowStyle: null as never },
    state: 'InProgress' as const,
    confirmationState: 'None' as const,
  },
  sessionAttributes: { color: 'blue' },
};

function session(options: { verifyWrites?: boolean } = {}) {
  return LexCheckpointSession.v2({
    client: new LexRuntimeV2Client({ region: 'us-east-1' }),
    ...ids,
    verifyWrites: false,
    ...options,
  });
}

describe('LexCheckpointSession on Lex V2 (send level)', () => {
  beforeEach(() => {
    lex.reset();
  });

  it('postText sends RecognizeText and maps the session state to our turn', async () => {
    lex.on(RecognizeTextCommand).resolves({
      ...meta('r-1'),
      sessionId: 'abc1234',
      sessionState: windowsState,
      messages: [
        { content: 'Which style?', contentType: 'PlainText' },
        { content: 'We have four.', contentType: 'PlainText' },
      ],
    });
    const turn = await session().postText('large');
    expect(lex).toHaveReceivedCommandWith(RecognizeTextCommand, { ...ids, text: 'large' });
    expect(turn).toEqual({
      requestId: 'r-1',
      sessionId: 'abc1234',
      intentName: 'OrderWindows',
      dialogState: 'ElicitSlot',
      slots: { windowSize: 'large', windowStyle: undefined },
      slotToElicit: 'windowStyle',
      message: 'Which style?\nWe have four.',
      messages: ['Which style?', 'We have four.'],
      sessionAttributes: { color: 'blue' },
    });
  });

  it('checkpoint stores the current intent in the reserved attribute and writes the state back unchanged', async () => {
    lex.on(GetSessionCommand).resolves({ ...meta('r-get'), sessionId: 'abc1234', sessionState: windowsState });
    lex.on(PutSessionCommand).resolves({ ...meta('r-put') });
    await expect(session().checkpoint('windowSelection')).resolves.toMatchObject({
      requestId: 'r-put',
      intentName: 'OrderWindows',
      slotToElicit: 'windowStyle',
    });
    const input = lex.commandCalls(PutSessionCommand)[0]!.args[0].input;
    expect(input.sessionState?.dialogAction).toEqual(windowsState.dialogAction);
    expect(input.sessionState?.intent).toEqual(windowsState.intent);
    expect(input.sessionState?.sessionAttributes?.color).toBe('blue');
    const store = decodeCheckpointStore(input.sessionState?.sessionAttributes?.[DEFAULT_CHECKPOINT_ATTRIBUTE]);
    expect(store.checkpoints[0]?.intent).toMatchObject({
      intentName: 'OrderWindows',
      slots: { windowSize: 'large' },
      dialogActionType: 'ElicitSlot',
      slotToElicit: 'windowStyle',
    });
  });

  it('resume puts ElicitSlot with V2 slot values and decodes the gzip headers of the answer', async () => {
    const cp = JSON.stringify([
      1,
      3,
      'w',
      [['windowSelection', 'OrderWindows', 'S', 'windowStyle', { windowSize: 'large' }]],
      [],
    ]);
    lex.on(GetSessionCommand).resolves({
      ...meta('r-get'),
      sessionState: {
        dialogAction: { type: 'Close' },
        intent: { name: 'OrderCurtains', state: 'Fulfilled' },
        sessionAttributes: { [DEFAULT_CHECKPOINT_ATTRIBUTE]: cp },
      },
    });
    lex.on(PutSessionCommand).resolves({
      ...meta('r-put'),
      sessionId: 'abc1234',
      sessionState: gz({ ...windowsState, sessionAttributes: {} }),
      messages: gz([{ content: 'Which style?', contentType: 'PlainText' }]),
    });
    const resumed = await session().resume('windowSelection');
    const input = lex.commandCalls(PutSessionCommand)[0]!.args[0].input;
    expect(input.sessionState?.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'windowStyle' });
    expect(input.sessionState?.intent).toEqual({
      name: 'OrderWindows',
      slots: { windowSize: slot('large') },
      state: 'InProgress',
      confirmationState: 'None',
    });
    expect(input.responseContentType).toBe('text/plain; charset=utf-8');
    expect(
      decodeCheckpointStore(input.sessionState?.sessionAttributes?.[DEFAULT_CHECKPOINT_ATTRIBUTE]).checkpoints,
    ).toEqual([]);
    expect(resumed).toMatchObject({ message: 'Which style?', slotToElicit: 'windowStyle', dialogState: 'ElicitSlot' });
  });

  it('falls back to the written state when the answer headers cannot be decoded', async () => {
    const cp = JSON.stringify([1, 0, 0, [['x', 'OrderBlinds', 'D']], ['x']]);
    lex
      .on(GetSessionCommand)
      .resolves({ ...meta('r'), sessionState: { sessionAttributes: { [DEFAULT_CHECKPOINT_ATTRIBUTE]: cp } } });
    lex.on(PutSessionCommand).resolves({ ...meta('r-put'), sessionState: 'not base64 json', messages: '%%%' });
    const back = await session().returnFromDigression();
    expect(back).toMatchObject({
      label: 'x',
      intentName: 'OrderBlinds',
      message: undefined,
      dialogAction: { type: 'Delegate' },
    });
  });

  it('maps ResourceNotFoundException to LexSessionNotFoundError', async () => {
    lex.on(GetSessionCommand).rejects(new ResourceNotFoundException({ message: 'gone', ...meta('r-404', 404) }));
    const error = await session()
      .checkpoint('x')
      .catch((e: unknown) => e);
    expect(isLexSessionNotFoundError(error)).toBe(true);
    expect(error).toMatchObject({ requestId: 'r-404' });
  });

  it.each([
    ['ConflictException', new ConflictException({ message: 'c', ...meta('r', 409) }), 'CONFLICT', false],
    ['ValidationException', new ValidationException({ message: 'v', ...meta('r', 400) }), 'SERVICE', false],
    ['ThrottlingException', new ThrottlingException({ message: 't', ...meta('r', 429) }), 'THROTTLED', true],
  ])('maps %s to a ServiceError', async (_name, exception, code, retryable) => {
    lex.on(RecognizeTextCommand).rejects(exception);
    const s = LexCheckpointSession.v2({
      client: new LexRuntimeV2Client({ region: 'us-east-1' }),
      ...ids,
      throttleRetries: 0,
    });
    const error = await s.postText('hello').catch((e: unknown) => e);
    expect(isServiceError(error)).toBe(true);
    expect(error).toMatchObject({ code, retryable, service: 'LexRuntimeV2', operation: 'RecognizeText' });
  });

  it('validates V2 ids at construction', () => {
    const client = new LexRuntimeV2Client({ region: 'us-east-1' });
    const make = (over: Partial<typeof ids>) => () => LexCheckpointSession.v2({ client, ...ids, ...over });
    for (const bad of [{ botId: 'short' }, { sessionId: 'x' }, { localeId: '' }, { botAliasId: '' }]) {
      let error: unknown;
      try {
        make(bad)();
      } catch (e) {
        error = e;
      }
      expect(isValidationError(error)).toBe(true);
    }
    expect(make({})().version).toBe('v2');
  });
});
