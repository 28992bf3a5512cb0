/**
 * Cheap checks at the public entry points, run before any request. Messages name the field and the rule and
 * quote no user text.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { LEX_LIMITS } from './limits.js';
import type { LexDialogAction } from './types.js';

/**
 * Checks a checkpoint label against Lex's rule `[a-zA-Z0-9-]{1,255}` (no underscores, dots or spaces).
 *
 * @example
 * ```ts
 * validateCheckpointLabel('windowSelection'); // ok
 * validateCheckpointLabel('window_selection'); // throws ValidationError
 * ```
 */
export function validateCheckpointLabel(label: unknown, field = 'label'): asserts label is string {
  if (typeof label !== 'string') throw new ValidationError(field, `must be a string, got ${typeof label}`);
  if (!LEX_LIMITS.checkpointLabelPattern.test(label)) {
    // The label is an identifier the caller chose, but it failed the rule, so only its length is reported.
    throw new ValidationError(
      field,
      `must match [a-zA-Z0-9-]{1,255} (letters, digits and hyphens only; no underscores, dots or spaces), got ${label.length} characters`,
    );
  }
}

/**
 * Checks a Lex V1 user id: 2–100 characters of `[0-9a-zA-Z._:-]`.
 *
 * @example
 * ```ts
 * validateUserId('abc1234'); // ok
 * ```
 */
export function validateUserId(userId: unknown, field = 'userId'): asserts userId is string {
  if (typeof userId !== 'string' || !LEX_LIMITS.userIdPattern.test(userId)) {
    const got = typeof userId === 'string' ? `${userId.length} characters` : typeof userId;
    throw new ValidationError(field, `must be 2-100 characters of [0-9a-zA-Z._:-], got ${got}`);
  }
}

/**
 * Checks a Lex V2 session id: 2–100 characters of `[0-9a-zA-Z._:-]`.
 *
 * @example
 * ```ts
 * validateSessionId('session-42'); // ok
 * ```
 */
export function validateSessionId(sessionId: unknown, field = 'sessionId'): asserts sessionId is string {
  if (typeof sessionId !== 'string' || !LEX_LIMITS.sessionIdPattern.test(sessionId)) {
    const got = typeof sessionId === 'string' ? `${sessionId.length} characters` : typeof sessionId;
    throw new ValidationError(field, `must be 2-100 characters of [0-9a-zA-Z._:-], got ${got}`);
  }
}

/**
 * Checks an utterance: a non-blank string of at most 1,024 characters (Lex counts Unicode characters).
 *
 * @example
 * ```ts
 * validateText('I would like to order windows'); // ok
 * ```
 */
export function validateText(text: unknown, field = 'text'): asserts text is string {
  if (typeof text !== 'string') throw new ValidationError(field, `must be a string, got ${typeof text}`);
  if (text.trim().length === 0) throw new ValidationError(field, 'must not be empty or blank');
  // Lex V2 counts UTF-16 code units (an emoji is two); counting them is the stricter reading for V1 too, so a
  // text that passes here is never refused by either runtime for its length.
  const chars = text.length;
  if (chars > LEX_LIMITS.maxTextChars) {
    throw new ValidationError(field, `must be at most ${LEX_LIMITS.maxTextChars} characters, got ${chars}`);
  }
}

/**
 * Checks that a required name (bot, alias, intent, locale) is a non-empty string.
 *
 * @example
 * ```ts
 * validateName('HomeImprovementBot', 'botName');
 * ```
 */
export function validateName(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 100) {
    throw new ValidationError(field, 'must be a non-empty string of at most 100 characters');
  }
}

const DIALOG_ACTION_TYPES = new Set(['ElicitIntent', 'ConfirmIntent', 'ElicitSlot', 'Close', 'Delegate']);

/**
 * Checks a dialog action for `putSession`: a Lex type, an intent name unless eliciting an intent, and a slot
 * for `ElicitSlot`.
 *
 * @example
 * ```ts
 * validateDialogAction({ type: 'ElicitSlot', intentName: 'OrderWindows', slotToElicit: 'windowSize' });
 * ```
 */
export function validateDialogAction(action: LexDialogAction): void {
  if (!DIALOG_ACTION_TYPES.has(action?.type)) {
    throw new ValidationError(
      'options.dialogAction.type',
      'must be ElicitIntent, ConfirmIntent, ElicitSlot, Close or Delegate',
    );
  }
  if (action.type !== 'ElicitIntent') validateName(action.intentName, 'options.dialogAction.intentName');
  if (action.type === 'ElicitSlot') validateName(action.slotToElicit, 'options.dialogAction.slotToElicit');
}
