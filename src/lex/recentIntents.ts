/**
 * Pure operations on Lex V1's recent-intent view (`recentIntentSummaryView`): at most 3 intents, most recent
 * first, and replaced wholesale by PutSession — so every change is made on a full copy read just before.
 *
 * @module
 */
import { LexIntentNotFoundError } from './errors.js';
import { LEX_LIMITS } from './limits.js';
import type { IntentSnapshot } from './types.js';
import { validateCheckpointLabel } from './validation.js';

/**
 * Returns a new view with `label` on the most recent intent named `intentName` (or on the most recent intent
 * when no name is given), and removed from every other intent, so a label always names one intent. The view
 * is cut to Lex's 3 entries.
 *
 * @throws {@link LexIntentNotFoundError} when the intent is not in the view.
 * @example
 * ```ts
 * const next = labelRecentIntent(session.recentIntents, 'windowSelection', 'OrderWindows');
 * ```
 */
export function labelRecentIntent(
  view: readonly IntentSnapshot[],
  label: string,
  intentName?: string,
): IntentSnapshot[] {
  validateCheckpointLabel(label);
  const kept = view.slice(0, LEX_LIMITS.maxRecentIntents);
  const index =
    intentName === undefined ? (kept.length > 0 ? 0 : -1) : kept.findIndex((i) => i.intentName === intentName);
  if (index < 0)
    throw new LexIntentNotFoundError(
      intentName,
      kept.map((i) => i.intentName),
    );
  return kept.map((intent, i) => {
    if (i === index) return { ...intent, checkpointLabel: label };
    return intent.checkpointLabel === label ? withoutLabel(intent) : intent;
  });
}

/**
 * Returns a new view with `label` removed wherever it appears.
 *
 * @example
 * ```ts
 * const next = unlabelRecentIntents(view, 'windowSelection');
 * ```
 */
export function unlabelRecentIntents(view: readonly IntentSnapshot[], label: string): IntentSnapshot[] {
  return view.slice(0, LEX_LIMITS.maxRecentIntents).map((i) => (i.checkpointLabel === label ? withoutLabel(i) : i));
}

/**
 * The most recent intent carrying `label`, or `undefined`.
 *
 * @example
 * ```ts
 * const windows = findLabelledIntent(view, 'windowSelection');
 * ```
 */
export function findLabelledIntent(view: readonly IntentSnapshot[], label: string): IntentSnapshot | undefined {
  return view.find((intent) => intent.checkpointLabel === label);
}

/**
 * The distinct checkpoint labels in a view, most recent first.
 *
 * @example
 * ```ts
 * labelsInView(view); // ['windowSelection']
 * ```
 */
export function labelsInView(view: readonly IntentSnapshot[]): string[] {
  const labels = view.map((i) => i.checkpointLabel).filter((l): l is string => l !== undefined);
  return [...new Set(labels)];
}

function withoutLabel(intent: IntentSnapshot): IntentSnapshot {
  const { checkpointLabel: _dropped, ...rest } = intent;
  return rest;
}
