/**
 * Rebuilds the dialog action that continues an intent exactly where a checkpoint left it.
 *
 * @module
 */
import type { IntentSnapshot, LexDialogAction } from './types.js';

/**
 * The dialog action that resumes `snapshot`:
 * - waiting for a slot → `ElicitSlot` with that `slotToElicit` and the slots filled so far;
 * - waiting for a yes/no → `ConfirmIntent` with the slots;
 * - anything else → `Delegate`, letting the bot pick the next step from the slots.
 *
 * It is derived from the checkpointed intent, never from the session's current `dialogAction` (which describes
 * whatever intent is active now).
 *
 * @example
 * ```ts
 * buildResumeDialogAction({ intentName: 'OrderWindows', slots: { windowSize: 'large' }, dialogActionType: 'ElicitSlot', slotToElicit: 'windowStyle' });
 * // { type: 'ElicitSlot', intentName: 'OrderWindows', slots: { windowSize: 'large' }, slotToElicit: 'windowStyle' }
 * ```
 */
export function buildResumeDialogAction(snapshot: IntentSnapshot): LexDialogAction {
  const slots = definedSlots(snapshot.slots);
  const base = { intentName: snapshot.intentName, slots };
  if (snapshot.dialogActionType === 'ElicitSlot' && snapshot.slotToElicit !== undefined) {
    return { type: 'ElicitSlot', ...base, slotToElicit: snapshot.slotToElicit };
  }
  if (snapshot.dialogActionType === 'ConfirmIntent') {
    return { type: 'ConfirmIntent', ...base, confirmationStatus: 'None' };
  }
  return { type: 'Delegate', ...base };
}

/**
 * Keeps only slots that have a value: an unfilled slot is simply absent, never the string `"None"`.
 *
 * @example
 * ```ts
 * definedSlots({ windowSize: 'large', windowStyle: undefined }); // { windowSize: 'large' }
 * ```
 */
export function definedSlots(slots: Readonly<Record<string, string | null | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(slots)) if (typeof value === 'string') out[name] = value;
  return out;
}
