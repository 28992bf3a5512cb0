/**
 * LexCheckpointSession against a scripted backend: what it reads, what it writes.
 */
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src/kit/errors.js';
import {
  type BackendSession,
  type BackendWrite,
  type IntentSnapshot,
  isLexSessionNotFoundError,
  type LexBackend,
  LexCheckpointSession,
  LexIntentNotFoundError,
  type LexTurn,
} from '../../../src/lex/index.js';

const windows: IntentSnapshot = {
  intentName: 'OrderWindows',
  slots: { windowSize: 'large' },
  dialogActionType: 'ElicitSlot',
  slotToElicit: 'windowStyle',
};
const curtains: IntentSnapshot = {
  intentName: 'OrderCurtains',
  slots: {},
  dialogActionType: 'ElicitSlot',
  slotToElicit: 'curtainSize',
};
const turn: LexTurn = {
  requestId: 'r',
  sessionId: 's',
  intentName: undefined,
  dialogState: undefined,
  slots: {},
  slotToElicit: undefined,
  message: undefined,
  messages: [],
  sessionAttributes: {},
};

let key = 0;
/** A V1-like backend whose view lists `view` as given, and which records every write. */
function scriptedBackend(view: IntentSnapshot[], currentIntent: string | undefined) {
  const writes: BackendWrite[] = [];
  let attributes: Readonly<Record<string, string>> = {};
  const backend: LexBackend = {
    version: 'v1',
    nativeCheckpoints: true,
    conversationKey: `scripted/${++key}`,
    postText: async () => turn,
    getSession: async (): Promise<BackendSession> => ({
      requestId: 'r',
      sessionId: 's',
      recentIntents: view,
      dialogAction: currentIntent ? { type: 'ElicitSlot', intentName: currentIntent } : undefined,
      sessionAttributes: attributes,
      raw: undefined,
    }),
    putSession: async (write) => {
      writes.push(write);
      attributes = write.sessionAttributes;
      return turn;
    },
    deleteSession: async () => ({ requestId: 'r', sessionId: 's' }),
    destroy: () => {},
  };
  return { backend, writes };
}

describe('LexCheckpointSession', () => {
  it("labels the intent the dialog action names as current, whatever the view's order", async () => {
    // The API reference does not say in which order recentIntentSummaryView lists intents.
    const { backend, writes } = scriptedBackend([windows, curtains], 'OrderCurtains');
    const session = new LexCheckpointSession({ backend });
    await expect(session.checkpoint('here')).resolves.toMatchObject({ intentName: 'OrderCurtains' });
    expect(writes[0]!.recentIntents!.map((i) => i.checkpointLabel)).toEqual([undefined, 'here']);
  });

  it('labels the first entry when the dialog names no intent', async () => {
    const { backend } = scriptedBackend([windows, curtains], undefined);
    const session = new LexCheckpointSession({ backend, verifyWrites: false });
    await expect(session.checkpoint('here')).resolves.toMatchObject({ intentName: 'OrderWindows' });
  });
});

describe('LexCheckpointSession cancellation', () => {
  it("rejects with the signal's reason while waiting behind another call on the same conversation", async () => {
    const { backend } = scriptedBackend([windows], 'OrderWindows');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const read = backend.getSession.bind(backend);
    let reads = 0;
    backend.getSession = async (signal) => {
      reads++;
      await gate;
      return read(signal);
    };
    const session = new LexCheckpointSession({ backend });
    const first = session.getSession();
    const controller = new AbortController();
    const second = session.listCheckpoints({ signal: controller.signal });
    const reason = new Error('user left');
    controller.abort(reason);
    await expect(second).rejects.toBe(reason);
    release();
    await expect(first).resolves.toMatchObject({ sessionId: 's' });
    // The queued call never reached Lex.
    expect(reads).toBe(1);
  });
});

describe('LexCheckpointSession input checks and error mapping', () => {
  it('rejects bad options and session attributes before any request', async () => {
    const { backend, writes } = scriptedBackend([windows], 'OrderWindows');
    expect(() => new LexCheckpointSession({ backend, maxSessionAttributeBytes: 0 })).toThrow(
      expect.objectContaining({ field: 'options.maxSessionAttributeBytes' }),
    );
    expect(() => new LexCheckpointSession({ backend, maxWriteAttempts: 0.5 })).toThrow(
      expect.objectContaining({ field: 'options.maxWriteAttempts' }),
    );
    // An unbounded retry budget would retry throttling forever.
    for (const throttleRetries of [Number.NaN, Number.POSITIVE_INFINITY, -1, 11]) {
      const v1 = { client: { send: async () => ({}) } as never, botName: 'Bot', botAlias: 'Prod', userId: 'u1' };
      expect(() => new LexCheckpointSession({ ...v1, throttleRetries })).toThrow(
        expect.objectContaining({ field: 'options.throttleRetries' }),
      );
      const v2 = { client: v1.client, botId: 'ABCDEFGHIJ', botAliasId: 'A', localeId: 'en_US', sessionId: 'u1' };
      expect(() => LexCheckpointSession.v2({ ...v2, throttleRetries })).toThrow(
        expect.objectContaining({ field: 'options.throttleRetries' }),
      );
    }
    const session = new LexCheckpointSession({ backend });
    await expect(session.putSession({ sessionAttributes: null as never })).rejects.toMatchObject({
      field: 'options.sessionAttributes',
    });
    await expect(session.putSession({ sessionAttributes: { tier: 3 as never } })).rejects.toMatchObject({
      field: 'options.sessionAttributes',
      rule: 'must have string values only',
    });
    expect(writes).toEqual([]);
  });

  it('maps a vanished session on write and delete to LexSessionNotFoundError, and passes other errors through', async () => {
    const notFound = new ServiceError('LexRuntime.PutSession failed with NotFoundException', {
      service: 'LexRuntime',
      operation: 'PutSession',
      errorName: 'NotFoundException',
      code: 'NOT_FOUND',
      requestId: 'r-404',
    });
    const { backend } = scriptedBackend([windows], 'OrderWindows');
    backend.putSession = () => Promise.reject(notFound);
    backend.deleteSession = () => Promise.reject(notFound);
    const session = new LexCheckpointSession({ backend });
    const written = await session.checkpoint('here').catch((e: unknown) => e);
    expect(isLexSessionNotFoundError(written)).toBe(true);
    expect(written).toMatchObject({ operation: 'checkpoint', requestId: 'r-404', cause: notFound });
    await expect(session.deleteSession()).rejects.toMatchObject({ name: 'LexSessionNotFoundError' });
    const other = new Error('socket hang up');
    backend.deleteSession = () => Promise.reject(other);
    await expect(session.deleteSession()).rejects.toBe(other);
  });

  it('reports the intent it looked for in LexIntentNotFoundError.toJSON()', () => {
    const error = new LexIntentNotFoundError('OrderWindows', ['OrderPaint']);
    expect(error.toJSON()).toMatchObject({ intentName: 'OrderWindows', recentIntents: ['OrderPaint'] });
  });
});

describe('LexCheckpointSession with clientConfig', () => {
  it.each([
    [
      'v1',
      () => new LexCheckpointSession({ clientConfig: unreachable, botName: 'Bot', botAlias: 'Prod', userId: 'u1' }),
    ],
    [
      'v2',
      () =>
        LexCheckpointSession.v2({
          clientConfig: unreachable,
          botId: 'ABCDEFGHIJ',
          botAliasId: 'TSTALIASID',
          localeId: 'en_US',
          sessionId: 'u1',
        }),
    ],
  ])('%s creates its own client on first use and destroys it', async (_version, create) => {
    const session = create();
    await expect(session.postText('hello')).rejects.toBeDefined();
    session.destroy();
  });
});

const unreachable = {
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:9',
  maxAttempts: 1,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};
