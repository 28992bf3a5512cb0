import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isLimitError, isResponseShapeError } from '../../../src/kit/errors.js';
import {
  assertSessionAttributesBudget,
  type CheckpointStore,
  consumeCheckpoint,
  DEFAULT_MAX_SESSION_ATTRIBUTE_BYTES,
  decodeCheckpointStore,
  emptyCheckpointStore,
  encodeCheckpointStore,
  getCheckpoint,
  type IntentSnapshot,
  isConsistentStore,
  isLexUnknownCheckpointError,
  peekDigression,
  pushDigression,
  putCheckpoint,
  sessionAttributesHeaderBytes,
  storedLabels,
} from '../../../src/lex/index.js';

const windows: IntentSnapshot = {
  intentName: 'OrderWindows',
  slots: { windowSize: 'large', windowStyle: undefined },
  dialogActionType: 'ElicitSlot',
  slotToElicit: 'windowStyle',
  confirmationStatus: 'None',
};
const curtains: IntentSnapshot = { intentName: 'OrderCurtains', slots: {}, dialogActionType: 'Delegate' };

describe('CheckpointStore operations', () => {
  it('stores, replaces and reads checkpoints by label', () => {
    let store = putCheckpoint(emptyCheckpointStore(), 'windowSelection', windows);
    store = putCheckpoint(store, 'other', curtains);
    store = putCheckpoint(store, 'windowSelection', curtains);
    expect(storedLabels(store)).toEqual(['other', 'windowSelection']);
    expect(getCheckpoint(store, 'windowSelection')?.intent).toMatchObject({
      intentName: 'OrderCurtains',
      checkpointLabel: 'windowSelection',
    });
    expect(getCheckpoint(store, 'missing')).toBeUndefined();
  });

  it('pushes digressions (innermost first) and moves a re-pushed label to the top', () => {
    let store = putCheckpoint(putCheckpoint(emptyCheckpointStore(), 'a', windows), 'b', curtains);
    store = pushDigression(pushDigression(store, 'a'), 'b');
    expect(store.stack).toEqual(['b', 'a']);
    expect(pushDigression(store, 'a').stack).toEqual(['a', 'b']);
    expect(peekDigression(store)).toBe('b');
  });

  it('refuses to push a label it does not store, listing the ones it does', () => {
    const store = putCheckpoint(emptyCheckpointStore(), 'a', windows);
    let error: unknown;
    try {
      pushDigression(store, 'zzz');
    } catch (e) {
      error = e;
    }
    expect(isLexUnknownCheckpointError(error)).toBe(true);
    expect(error).toMatchObject({ existingLabels: ['a'] });
  });

  it('consuming a label on the stack closes the digressions opened after it', () => {
    let store = emptyCheckpointStore();
    for (const label of ['a', 'b', 'c']) store = pushDigression(putCheckpoint(store, label, windows), label);
    expect(store.stack).toEqual(['c', 'b', 'a']);
    const after = consumeCheckpoint(store, 'b');
    expect(after.stack).toEqual(['a']);
    expect(storedLabels(after)).toEqual(['a', 'c']);
    expect(isConsistentStore(after)).toBe(true);
  });

  it('detects inconsistent stores', () => {
    const bad: CheckpointStore = { revision: 0, writer: undefined, checkpoints: [], stack: ['ghost'] };
    expect(isConsistentStore(bad)).toBe(false);
  });
});

describe('encodeCheckpointStore / decodeCheckpointStore', () => {
  it('round-trips a store and keeps missing values missing', () => {
    let store = putCheckpoint(emptyCheckpointStore(), 'windowSelection', {
      ...windows,
      fulfillmentState: 'ReadyForFulfillment',
    });
    store = pushDigression(store, 'windowSelection');
    store = { ...store, revision: 7, writer: 'w1' };
    const decoded = decodeCheckpointStore(encodeCheckpointStore(store));
    expect(decoded.revision).toBe(7);
    expect(decoded.writer).toBe('w1');
    expect(decoded.stack).toEqual(['windowSelection']);
    expect(decoded.checkpoints[0]?.intent).toEqual({
      intentName: 'OrderWindows',
      slots: { windowSize: 'large' },
      dialogActionType: 'ElicitSlot',
      slotToElicit: 'windowStyle',
      confirmationStatus: 'None',
      fulfillmentState: 'ReadyForFulfillment',
      checkpointLabel: 'windowSelection',
    });
    expect(encodeCheckpointStore(store)).not.toContain('"None"');
  });

  it('is compact: the walk-through checkpoint takes under 100 characters', () => {
    const store = putCheckpoint(emptyCheckpointStore(), 'windowSelection', windows);
    expect(encodeCheckpointStore(store)).toBe(
      '[1,0,0,[["windowSelection","OrderWindows","S","windowStyle",{"windowSize":"large"},"n"]],[]]',
    );
  });

  it('reads an absent attribute as an empty store', () => {
    expect(decodeCheckpointStore(undefined)).toEqual(emptyCheckpointStore());
    expect(decodeCheckpointStore('')).toEqual(emptyCheckpointStore());
  });

  it.each([
    ['not JSON', 'secret value{'],
    ['wrong version', '[2,0,0,[],[]]'],
    ['malformed', '[1,"x",0,[],[]]'],
    ['bad checkpoint', '[1,0,0,[[1,2]],[]]'],
    ['bad action', '[1,0,0,[["a","I1","Q"]],[]]'],
    ['inconsistent', '[1,0,0,[],["ghost"]]'],
  ])('rejects a %s value with a ResponseShapeError that does not quote it', (_what, value) => {
    let error: unknown;
    try {
      decodeCheckpointStore(value, 'awsmlkit.cp');
    } catch (e) {
      error = e;
    }
    expect(isResponseShapeError(error)).toBe(true);
    expect((error as Error).message).toContain('sessionAttributes.awsmlkit.cp');
    expect((error as Error).message).not.toContain('secret');
  });

  const snapshot = fc.record({
    intentName: fc.stringMatching(/^[A-Za-z]{1,12}$/),
    slots: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.option(fc.string(), { nil: undefined })),
    dialogActionType: fc.constantFrom('ElicitIntent', 'ConfirmIntent', 'ElicitSlot', 'Close', 'Delegate' as const),
    slotToElicit: fc.option(fc.stringMatching(/^[a-z]{1,8}$/), { nil: undefined }),
    confirmationStatus: fc.option(fc.constantFrom('None', 'Confirmed', 'Denied' as const), { nil: undefined }),
    fulfillmentState: fc.option(fc.constantFrom('Fulfilled', 'Failed', 'ReadyForFulfillment' as const), {
      nil: undefined,
    }),
  });

  test.prop([fc.array(fc.tuple(fc.stringMatching(/^[a-zA-Z0-9-]{1,20}$/), snapshot), { maxLength: 8 })])(
    'decode(encode(store)) reproduces every checkpoint',
    (entries) => {
      let store = emptyCheckpointStore();
      for (const [label, intent] of entries) store = putCheckpoint(store, label, intent as IntentSnapshot);
      const decoded = decodeCheckpointStore(encodeCheckpointStore(store));
      expect(storedLabels(decoded)).toEqual(storedLabels(store));
      for (const { label, intent } of store.checkpoints) {
        const got = getCheckpoint(decoded, label)!.intent;
        const filled = Object.fromEntries(Object.entries(intent.slots).filter(([, v]) => v !== undefined));
        expect(got.slots).toEqual(filled);
        expect(got.dialogActionType).toBe(intent.dialogActionType);
        expect(got.slotToElicit).toBe(intent.slotToElicit || undefined);
        expect(got.confirmationStatus).toBe(intent.confirmationStatus);
        expect(got.fulfillmentState).toBe(intent.fulfillmentState);
      }
    },
  );
});

describe('session attribute budget', () => {
  it('measures attributes as a base64 JSON header', () => {
    expect(sessionAttributesHeaderBytes({})).toBe(4);
    expect(sessionAttributesHeaderBytes({ a: 'b' })).toBe(12);
    expect(sessionAttributesHeaderBytes({ a: 'é' })).toBe(16); // UTF-8: é is 2 bytes
  });

  it('passes at the budget and fails one byte over with a LimitError naming sizes only', () => {
    const value = 'v'.repeat(9_207);
    const attributes = { k: value };
    expect(sessionAttributesHeaderBytes(attributes)).toBe(DEFAULT_MAX_SESSION_ATTRIBUTE_BYTES);
    expect(() => assertSessionAttributesBudget(attributes, DEFAULT_MAX_SESSION_ATTRIBUTE_BYTES)).not.toThrow();
    let error: unknown;
    try {
      assertSessionAttributesBudget({ k: `${value}vvv` }, DEFAULT_MAX_SESSION_ATTRIBUTE_BYTES);
    } catch (e) {
      error = e;
    }
    expect(isLimitError(error)).toBe(true);
    expect((error as Error).message).toMatch(/12292 bytes as a base64 header, over the 12288-byte budget/);
    expect((error as Error).message).not.toContain('vvvv');
  });

  it('rejects a nonsensical budget', () => {
    expect(() => assertSessionAttributesBudget({}, 0)).toThrow(/positive integer/);
  });
});
