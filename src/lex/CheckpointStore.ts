/**
 * The checkpoint store: labelled intent snapshots plus the digression stack, kept in one reserved session
 * attribute so that it works on Lex V2 (which has no checkpoints) and survives Lex V1's 3-intent view.
 *
 * All functions are pure and return new values. Invariants, kept by every operation:
 * labels are unique; every label on the stack names a stored checkpoint; no label is on the stack twice.
 *
 * Encoding (version 1), chosen to be small because the value travels in Lex's 12 KB header budget:
 * the attribute value is a JSON array `[1, revision, writer, checkpoints, stack]`, where each checkpoint is
 * `[label, intentName, action, slotToElicit, slots, confirmation, fulfilment]` with trailing empty fields
 * dropped, action coded `I`/`C`/`S`/`X`/`D` (ElicitIntent, ConfirmIntent, ElicitSlot, Close, Delegate),
 * confirmation `n`/`c`/`d`, fulfilment `f`/`x`/`r`, and `slots` holding only filled slots.
 *
 * @module
 */
import { LimitError, ResponseShapeError, ValidationError } from '../kit/errors.js';
import { LexUnknownCheckpointError } from './errors.js';
import { LEX_LIMITS } from './limits.js';
import type { IntentSnapshot, LexConfirmationStatus, LexDialogActionType, LexFulfillmentState } from './types.js';

/** The reserved session attribute that holds the store. Applications must not write it. */
export const DEFAULT_CHECKPOINT_ATTRIBUTE = 'awsmlkit.cp';

/** One stored checkpoint: a label and the intent it marks. */
export interface StoredCheckpoint {
  /** The checkpoint label. */
  readonly label: string;
  /** The intent as it stood when labelled. */
  readonly intent: IntentSnapshot;
}

/** Checkpoints (oldest first) and the digression stack (innermost first). */
export interface CheckpointStore {
  /** Incremented on every write; with `writer`, it detects a lost update. */
  readonly revision: number;
  /** A random id of the last write. */
  readonly writer: string | undefined;
  /** Stored checkpoints, oldest first; each label once. */
  readonly checkpoints: readonly StoredCheckpoint[];
  /** Labels of open digressions, innermost first. */
  readonly stack: readonly string[];
}

/**
 * An empty store.
 *
 * @example
 * ```ts
 * let store = emptyCheckpointStore();
 * ```
 */
export function emptyCheckpointStore(): CheckpointStore {
  return { revision: 0, writer: undefined, checkpoints: [], stack: [] };
}

/**
 * Stores (or replaces) the checkpoint `label` → `intent`. The intent's own `checkpointLabel` is set to `label`.
 *
 * @example
 * ```ts
 * store = putCheckpoint(store, 'windowSelection', windowsSnapshot);
 * ```
 */
export function putCheckpoint(store: CheckpointStore, label: string, intent: IntentSnapshot): CheckpointStore {
  const others = store.checkpoints.filter((c) => c.label !== label);
  return { ...store, checkpoints: [...others, { label, intent: { ...intent, checkpointLabel: label } }] };
}

/**
 * The stored checkpoint with `label`, or `undefined`.
 *
 * @example
 * ```ts
 * const windows = getCheckpoint(store, 'windowSelection')?.intent;
 * ```
 */
export function getCheckpoint(store: CheckpointStore, label: string): StoredCheckpoint | undefined {
  return store.checkpoints.find((c) => c.label === label);
}

/**
 * Pushes `label` (which must be stored) on the digression stack; if it was already on the stack it moves to
 * the top.
 *
 * @example
 * ```ts
 * store = pushDigression(putCheckpoint(store, 'windowSelection', windows), 'windowSelection');
 * ```
 */
export function pushDigression(store: CheckpointStore, label: string): CheckpointStore {
  if (!getCheckpoint(store, label)) throw new LexUnknownCheckpointError(label, storedLabels(store));
  return { ...store, stack: [label, ...store.stack.filter((l) => l !== label)] };
}

/**
 * The innermost open digression's label, or `undefined` when the stack is empty.
 *
 * @example
 * ```ts
 * const next = peekDigression(store); // 'windowSelection'
 * ```
 */
export function peekDigression(store: CheckpointStore): string | undefined {
  return store.stack[0];
}

/**
 * Removes the checkpoint `label` because the conversation went back to it. If it was on the digression stack,
 * the digressions opened after it (inner ones) are closed too; their checkpoints stay stored.
 *
 * @example
 * ```ts
 * store = consumeCheckpoint(store, 'windowSelection');
 * ```
 */
export function consumeCheckpoint(store: CheckpointStore, label: string): CheckpointStore {
  const at = store.stack.indexOf(label);
  return {
    ...store,
    checkpoints: store.checkpoints.filter((c) => c.label !== label),
    stack: at < 0 ? store.stack : store.stack.slice(at + 1),
  };
}

/**
 * Every stored label, oldest first.
 *
 * @example
 * ```ts
 * storedLabels(store); // ['windowSelection']
 * ```
 */
export function storedLabels(store: CheckpointStore): string[] {
  return store.checkpoints.map((c) => c.label);
}

/**
 * True when the store keeps its invariants (unique labels; the stack only names stored labels, once each).
 *
 * @example
 * ```ts
 * isConsistentStore(store); // true
 * ```
 */
export function isConsistentStore(store: CheckpointStore): boolean {
  const labels = new Set(storedLabels(store));
  return (
    labels.size === store.checkpoints.length &&
    new Set(store.stack).size === store.stack.length &&
    store.stack.every((l) => labels.has(l))
  );
}

const ACTION_CODES: Record<LexDialogActionType, string> = {
  ElicitIntent: 'I',
  ConfirmIntent: 'C',
  ElicitSlot: 'S',
  Close: 'X',
  Delegate: 'D',
};
const CONFIRMATION_CODES: Record<LexConfirmationStatus, string> = { None: 'n', Confirmed: 'c', Denied: 'd' };
const FULFILMENT_CODES: Record<LexFulfillmentState, string> = { Fulfilled: 'f', Failed: 'x', ReadyForFulfillment: 'r' };
const invert = <K extends string>(table: Record<K, string>): Record<string, K> =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k])) as Record<string, K>;
const ACTIONS = invert(ACTION_CODES);
const CONFIRMATIONS = invert(CONFIRMATION_CODES);
const FULFILMENTS = invert(FULFILMENT_CODES);

/**
 * Serialises the store compactly for the reserved session attribute (see the module comment for the format).
 *
 * @example
 * ```ts
 * attributes[DEFAULT_CHECKPOINT_ATTRIBUTE] = encodeCheckpointStore(store);
 * ```
 */
export function encodeCheckpointStore(store: CheckpointStore): string {
  const checkpoints = store.checkpoints.map(({ label, intent }) => {
    const slots: Record<string, string> = {};
    for (const [name, value] of Object.entries(intent.slots)) if (typeof value === 'string') slots[name] = value;
    const row: unknown[] = [
      label,
      intent.intentName,
      ACTION_CODES[intent.dialogActionType],
      intent.slotToElicit ?? 0,
      slots,
      intent.confirmationStatus ? CONFIRMATION_CODES[intent.confirmationStatus] : 0,
      intent.fulfillmentState ? FULFILMENT_CODES[intent.fulfillmentState] : 0,
    ];
    while (row.length > 4 && isEmptyField(row[row.length - 1])) row.pop();
    return row;
  });
  return JSON.stringify([1, store.revision, store.writer ?? 0, checkpoints, store.stack]);
}

function isEmptyField(value: unknown): boolean {
  return value === 0 || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
}

/**
 * Parses the reserved attribute; `undefined` (attribute absent) gives an empty store.
 *
 * @throws `ResponseShapeError` (from the root entry) when the value is not a store this library wrote.
 * @example
 * ```ts
 * const store = decodeCheckpointStore(session.sessionAttributes[DEFAULT_CHECKPOINT_ATTRIBUTE]);
 * ```
 */
export function decodeCheckpointStore(
  value: string | undefined,
  attribute = DEFAULT_CHECKPOINT_ATTRIBUTE,
): CheckpointStore {
  if (value === undefined || value === '') return emptyCheckpointStore();
  const fail = (problem: string): never => {
    throw new ResponseShapeError('LexSession', `sessionAttributes.${attribute}`, problem);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return fail('is not JSON written by aws-ml-kit; do not write this reserved attribute yourself');
  }
  if (!Array.isArray(parsed) || parsed[0] !== 1 || parsed.length !== 5) return fail('has an unknown format version');
  const [, revision, writer, rows, stack] = parsed as [number, unknown, unknown, unknown, unknown];
  if (typeof revision !== 'number' || !Array.isArray(rows) || !Array.isArray(stack)) return fail('is malformed');
  const checkpoints = rows.map((row): StoredCheckpoint => {
    if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'string')
      return fail('has a malformed checkpoint');
    const [label, intentName, action, slotToElicit, slots, confirmation, fulfilment] = row as unknown[];
    const dialogActionType = ACTIONS[String(action)];
    if (!dialogActionType) return fail('has an unknown dialog action code');
    const slotMap: Record<string, string> = {};
    if (typeof slots === 'object' && slots !== null) {
      for (const [k, v] of Object.entries(slots)) if (typeof v === 'string') slotMap[k] = v;
    }
    const intent: IntentSnapshot = {
      intentName: intentName as string,
      slots: slotMap,
      dialogActionType,
      checkpointLabel: label as string,
      ...(typeof slotToElicit === 'string' ? { slotToElicit } : {}),
      ...(typeof confirmation === 'string' && CONFIRMATIONS[confirmation]
        ? { confirmationStatus: CONFIRMATIONS[confirmation] }
        : {}),
      ...(typeof fulfilment === 'string' && FULFILMENTS[fulfilment]
        ? { fulfillmentState: FULFILMENTS[fulfilment] }
        : {}),
    };
    return { label: label as string, intent };
  });
  const store: CheckpointStore = {
    revision,
    writer: typeof writer === 'string' ? writer : undefined,
    checkpoints,
    stack: stack.filter((l): l is string => typeof l === 'string'),
  };
  if (!isConsistentStore(store)) return fail('breaks the store invariants');
  return store;
}

/**
 * Bytes the session attributes take as a Lex header: base64 of their UTF-8 JSON (how V1 sends
 * `x-amz-lex-session-attributes`; V2 sends them inside the session-state header).
 *
 * @example
 * ```ts
 * sessionAttributesHeaderBytes({ a: 'b' }); // 12
 * ```
 */
export function sessionAttributesHeaderBytes(attributes: Readonly<Record<string, string>>): number {
  const jsonBytes = new TextEncoder().encode(JSON.stringify(attributes)).byteLength;
  return 4 * Math.ceil(jsonBytes / 3);
}

/**
 * Throws a {@link LimitError} before a request when the session attributes would exceed `maxBytes`.
 *
 * @example
 * ```ts
 * assertSessionAttributesBudget(attributes, LEX_LIMITS.maxSessionHeaderBytes);
 * ```
 */
export function assertSessionAttributesBudget(attributes: Readonly<Record<string, string>>, maxBytes: number): void {
  if (!(Number.isInteger(maxBytes) && maxBytes > 0)) {
    throw new ValidationError('options.maxSessionAttributeBytes', `must be a positive integer, got ${maxBytes}`);
  }
  const bytes = sessionAttributesHeaderBytes(attributes);
  if (bytes > maxBytes) {
    throw new LimitError(
      'sessionAttributes',
      `the session attributes would take ${bytes} bytes as a base64 header, over the ${maxBytes}-byte budget; resume or drop checkpoints, or keep fewer or shorter slot values and attributes`,
    );
  }
}

/** Default budget for all session attributes, as a base64 header: Lex's 12 KB request + session header quota. */
export const DEFAULT_MAX_SESSION_ATTRIBUTE_BYTES = LEX_LIMITS.maxSessionHeaderBytes;
