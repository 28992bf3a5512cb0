/**
 * LexCheckpointSession against a scripted backend: what it reads, what it writes.
 */
import { describe, expect, it } from 'vitest';
import {
  type BackendSession,
  type BackendWrite,
  type IntentSnapshot,
  type LexBackend,
  LexCheckpointSession,
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
