/**
 * The library's own view of a Lex conversation, shared by the V1 and V2 backends. Missing values are
 * `undefined` (or an absent key), never the string `"None"`.
 *
 * @module
 */

/** What the bot does next (Lex V1 `DialogActionType`; V2 adds `None`, mapped to `ElicitIntent`). */
export type LexDialogActionType = 'ElicitIntent' | 'ConfirmIntent' | 'ElicitSlot' | 'Close' | 'Delegate';

/** Whether the user confirmed the intent. `'None'` here is Lex's enum value "not asked yet", not a null. */
export type LexConfirmationStatus = 'None' | 'Confirmed' | 'Denied';

/** How far fulfilment got. */
export type LexFulfillmentState = 'Fulfilled' | 'Failed' | 'ReadyForFulfillment';

/** The state of the conversation after a turn (Lex V1 `DialogState`; V2 states are mapped onto it). */
export type LexDialogState =
  | 'ElicitIntent'
  | 'ConfirmIntent'
  | 'ElicitSlot'
  | 'Fulfilled'
  | 'ReadyForFulfillment'
  | 'Failed';

/** Slot values by slot name; an unfilled slot is `undefined`. */
export type LexSlots = Readonly<Record<string, string | undefined>>;

/**
 * One intent as the conversation left it: Lex V1's `IntentSummary` without the `"None"` strings.
 *
 * @example
 * ```ts
 * const windows: IntentSnapshot = {
 *   intentName: 'OrderWindows',
 *   slots: { windowSize: 'large', windowStyle: undefined },
 *   dialogActionType: 'ElicitSlot',
 *   slotToElicit: 'windowStyle',
 * };
 * ```
 */
export interface IntentSnapshot {
  readonly intentName: string;
  readonly slots: LexSlots;
  readonly dialogActionType: LexDialogActionType;
  readonly slotToElicit?: string | undefined;
  readonly confirmationStatus?: LexConfirmationStatus | undefined;
  readonly fulfillmentState?: LexFulfillmentState | undefined;
  /** The checkpoint label on this intent, if any. */
  readonly checkpointLabel?: string | undefined;
}

/** A dialog action to put into the session (what `resume` sends). */
export interface LexDialogAction {
  readonly type: LexDialogActionType;
  readonly intentName?: string | undefined;
  readonly slots?: LexSlots | undefined;
  readonly slotToElicit?: string | undefined;
  readonly confirmationStatus?: LexConfirmationStatus | undefined;
  readonly fulfillmentState?: LexFulfillmentState | undefined;
}

/** The bot's answer to a turn (`postText`, or a session write that moves the dialog). */
export interface LexTurn {
  /** The AWS request id of the call that produced this turn. */
  readonly requestId: string | undefined;
  readonly sessionId: string | undefined;
  readonly intentName: string | undefined;
  readonly dialogState: LexDialogState | undefined;
  readonly slots: LexSlots;
  readonly slotToElicit: string | undefined;
  /** The bot's messages joined by a newline, or `undefined` when it said nothing. */
  readonly message: string | undefined;
  /** The bot's messages one by one (V2 can send several). */
  readonly messages: readonly string[];
  /** Session attributes, without the reserved checkpoint attribute. */
  readonly sessionAttributes: Readonly<Record<string, string>>;
}

/** A session as read by `getSession()`. */
export interface LexSession {
  readonly requestId: string | undefined;
  readonly sessionId: string | undefined;
  /**
   * Recent intents, most recent first. V1: Lex's `recentIntentSummaryView` (at most 3). V2: the current intent
   * only (Lex V2 keeps no history).
   */
  readonly recentIntents: readonly IntentSnapshot[];
  /** The dialog action Lex will take next; this is the current state, not a checkpoint. */
  readonly dialogAction: LexDialogAction | undefined;
  /** Session attributes, without the reserved checkpoint attribute. */
  readonly sessionAttributes: Readonly<Record<string, string>>;
}

/** Where a checkpoint lives. */
export type CheckpointSource = 'recent-intents' | 'session-attribute';

/** One checkpoint, as listed by `listCheckpoints()`. */
export interface CheckpointInfo {
  readonly label: string;
  readonly intentName: string;
  readonly dialogActionType: LexDialogActionType;
  readonly slotToElicit: string | undefined;
  /** Where the checkpoint was found: Lex V1's native recent-intent view, or our reserved session attribute. */
  readonly sources: readonly CheckpointSource[];
  /** Position in the digression stack (0 = the innermost, returned to first), or `undefined` when not on it. */
  readonly stackDepth: number | undefined;
}

/** The result of `listCheckpoints()`. */
export interface CheckpointList {
  readonly requestId: string | undefined;
  readonly checkpoints: readonly CheckpointInfo[];
  /** Labels of open digressions, innermost first. */
  readonly digressionStack: readonly string[];
}

/** The result of `checkpoint()`. */
export interface CheckpointResult {
  readonly requestId: string | undefined;
  readonly label: string;
  readonly intentName: string;
  readonly dialogActionType: LexDialogActionType;
  readonly slotToElicit: string | undefined;
}

/** The result of `resume()` and `returnFromDigression()`: the resumed label and the bot's next turn. */
export interface ResumeResult extends LexTurn {
  readonly label: string;
  /** The dialog action that was put into the session. */
  readonly dialogAction: LexDialogAction;
}

/** The result of `digress()`: the label that marks where to come back to, and the bot's next turn. */
export interface DigressResult extends LexTurn {
  readonly checkpointLabel: string;
  /** The digression stack after the call, innermost first. */
  readonly digressionStack: readonly string[];
}

/** The result of `deleteSession()`. */
export interface DeleteSessionResult {
  readonly requestId: string | undefined;
  readonly sessionId: string | undefined;
}

/** Options every method takes. */
export interface LexCallOptions {
  /** Cancels the call; it rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}
