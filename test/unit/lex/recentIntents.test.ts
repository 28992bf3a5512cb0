import { describe, expect, it } from 'vitest';
import {
  buildResumeDialogAction,
  definedSlots,
  findLabelledIntent,
  type IntentSnapshot,
  isLexIntentNotFoundError,
  labelRecentIntent,
  labelsInView,
  unlabelRecentIntents,
} from '../../../src/lex/index.js';

const curtains: IntentSnapshot = {
  intentName: 'OrderCurtains',
  slots: { curtainSize: undefined, curtainStyle: undefined },
  dialogActionType: 'ElicitSlot',
  slotToElicit: 'curtainSize',
  confirmationStatus: 'None',
};
const windows: IntentSnapshot = {
  intentName: 'OrderWindows',
  slots: { windowSize: 'large', windowStyle: undefined },
  dialogActionType: 'ElicitSlot',
  slotToElicit: 'windowStyle',
  confirmationStatus: 'None',
};

describe('labelRecentIntent', () => {
  it('labels the named intent and leaves the others unlabelled (no "None" labels)', () => {
    const view = labelRecentIntent([curtains, windows], 'windowSelection', 'OrderWindows');
    expect(view[1]).toEqual({ ...windows, checkpointLabel: 'windowSelection' });
    expect(view[0]).toEqual(curtains);
    expect('checkpointLabel' in view[0]!).toBe(false);
  });

  it('labels the most recent intent when no name is given', () => {
    expect(labelRecentIntent([curtains, windows], 'here')[0]?.checkpointLabel).toBe('here');
  });

  it('moves a label: one label names one intent', () => {
    const first = labelRecentIntent([curtains, windows], 'x', 'OrderWindows');
    const moved = labelRecentIntent(first, 'x', 'OrderCurtains');
    expect(labelsInView(moved)).toEqual(['x']);
    expect(findLabelledIntent(moved, 'x')?.intentName).toBe('OrderCurtains');
  });

  it('keeps at most 3 entries and does not mutate its input', () => {
    const input = [curtains, windows, curtains, windows];
    const view = labelRecentIntent(input, 'x');
    expect(view).toHaveLength(3);
    expect(input[0]).toBe(curtains);
    expect(curtains.checkpointLabel).toBeUndefined();
  });

  it('throws LexIntentNotFoundError naming the intents it has', () => {
    let error: unknown;
    try {
      labelRecentIntent([curtains], 'x', 'OrderWindows');
    } catch (e) {
      error = e;
    }
    expect(isLexIntentNotFoundError(error)).toBe(true);
    expect(error).toMatchObject({ intentName: 'OrderWindows', recentIntents: ['OrderCurtains'] });
    expect(() => labelRecentIntent([], 'x')).toThrow(/no current intent/);
  });

  it('validates the label first', () => {
    expect(() => labelRecentIntent([windows], 'bad label')).toThrow(/\[a-zA-Z0-9-\]/);
  });
});

describe('unlabelRecentIntents / labelsInView / findLabelledIntent', () => {
  it('removes a label everywhere and finds nothing afterwards', () => {
    const view = labelRecentIntent([curtains, windows], 'x', 'OrderWindows');
    const cleared = unlabelRecentIntents(view, 'x');
    expect(labelsInView(cleared)).toEqual([]);
    expect(findLabelledIntent(cleared, 'x')).toBeUndefined();
  });
});

describe('buildResumeDialogAction', () => {
  it('resumes a slot elicitation with ElicitSlot, the slot to elicit and only the filled slots', () => {
    expect(buildResumeDialogAction(windows)).toEqual({
      type: 'ElicitSlot',
      intentName: 'OrderWindows',
      slots: { windowSize: 'large' },
      slotToElicit: 'windowStyle',
    });
  });

  it('resumes a confirmation with ConfirmIntent', () => {
    const confirming: IntentSnapshot = { ...windows, dialogActionType: 'ConfirmIntent', slotToElicit: undefined };
    expect(buildResumeDialogAction(confirming)).toMatchObject({ type: 'ConfirmIntent', intentName: 'OrderWindows' });
  });

  it.each(['Delegate', 'ElicitIntent', 'Close'] as const)('falls back to Delegate from %s', (type) => {
    expect(buildResumeDialogAction({ ...windows, dialogActionType: type }).type).toBe('Delegate');
  });

  it('falls back to Delegate when ElicitSlot lacks a slot to elicit', () => {
    expect(buildResumeDialogAction({ ...windows, slotToElicit: undefined }).type).toBe('Delegate');
  });

  it('never writes "None" or null for a missing slot value', () => {
    expect(definedSlots({ a: 'x', b: undefined, c: null })).toEqual({ a: 'x' });
  });
});
