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
  /** The intent's name, as defined in the bot. */
  readonly intentName: string;
  /** Its slot values; an unfilled slot is `undefined`. */
  readonly slots: LexSlots;
  /** What the bot was doing for this intent (asking for a slot, a confirmation, …). */
  readonly dialogActionType: LexDialogActionType;
  /** The slot the bot was asking for, when `dialogActionType` is `ElicitSlot`. */
  readonly slotToElicit?: string | undefined;
  /** The answer to the confirmation prompt, if one was asked. */
  readonly confirmationStatus?: LexConfirmationStatus | undefined;
  /** How far fulfilment got, once the intent closed. */
  readonly fulfillmentState?: LexFulfillmentState | undefined;
  /** The checkpoint label on this intent, if any. */
  readonly checkpointLabel?: string | undefined;
}

/** A dialog action to put into the session (what `resume` sends). */
export interface LexDialogAction {
  /** What the bot does next. */
  readonly type: LexDialogActionType;
  /** The intent to continue or start; required except for `ElicitIntent`. */
  readonly intentName?: string | undefined;
  /** Slot values to set; unfilled slots are left out of the request. */
  readonly slots?: LexSlots | undefined;
  /** The slot to ask for; required for `ElicitSlot`. */
  readonly slotToElicit?: string | undefined;
  /** The confirmation state to put (V2 only; V1 has no such field on a dialog action). */
  readonly confirmationStatus?: LexConfirmationStatus | undefined;
  /** The fulfilment state, for `Close`. */
  readonly fulfillmentState?: LexFulfillmentState | undefined;
}

/** The bot's answer to a turn (`postText`, or a session write that moves the dialog). */
export interface LexTurn {
  /** The AWS request id of the call that produced this turn. */
  readonly requestId: string | undefined;
  /** Lex's id of the session (V1 creates it; on V2 it is the id you chose). */
  readonly sessionId: string | undefined;
  /** The intent now active, or `undefined` while the bot is waiting for one. */
  readonly intentName: string | undefined;
  /** Where the dialog stands after the turn. */
  readonly dialogState: LexDialogState | undefined;
  /** The active intent's slot values; an unfilled slot is `undefined`. */
  readonly slots: LexSlots;
  /** The slot the bot is asking for, when `dialogState` is `ElicitSlot`. */
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
  /** The AWS request id of the `GetSession` call. */
  readonly requestId: string | undefined;
  /** Lex's id of the session. */
  readonly sessionId: string | undefined;
  /**
   * Recent intents, most recent first. V1: Lex's `recentIntentSummaryView` (at most 3). V2: the current intent,
   * then up to 2 others this session object saw in earlier responses (Lex V2 itself keeps no history).
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
  /** The checkpoint label. */
  readonly label: string;
  /** The intent it marks. */
  readonly intentName: string;
  /** What the bot was doing for that intent when it was labelled. */
  readonly dialogActionType: LexDialogActionType;
  /** The slot it was asking for, if any. */
  readonly slotToElicit: string | undefined;
  /** Where the checkpoint was found: Lex V1's native recent-intent view, or our reserved session attribute. */
  readonly sources: readonly CheckpointSource[];
  /** Position in the digression stack (0 = the innermost, returned to first), or `undefined` when not on it. */
  readonly stackDepth: number | undefined;
}

/** The result of `listCheckpoints()`. */
export interface CheckpointList {
  /** The AWS request id of the `GetSession` call. */
  readonly requestId: string | undefined;
  /** Every checkpoint, stored ones oldest first. */
  readonly checkpoints: readonly CheckpointInfo[];
  /** Labels of open digressions, innermost first. */
  readonly digressionStack: readonly string[];
}

/** The result of `checkpoint()`. */
export interface CheckpointResult {
  /** The AWS request id of the `PutSession` call. */
  readonly requestId: string | undefined;
  /** The label that was applied. */
  readonly label: string;
  /** The intent it now marks. */
  readonly intentName: string;
  /** What the bot was doing for that intent. */
  readonly dialogActionType: LexDialogActionType;
  /** The slot it was asking for, if any. */
  readonly slotToElicit: string | undefined;
}

/** The result of `resume()` and `returnFromDigression()`: the resumed label and the bot's next turn. */
export interface ResumeResult extends LexTurn {
  /** The label that was resumed (and used up). */
  readonly label: string;
  /** The dialog action that was put into the session. */
  readonly dialogAction: LexDialogAction;
}

/** The result of `digress()`: the label that marks where to come back to, and the bot's next turn. */
export interface DigressResult extends LexTurn {
  /** The label that marks where `returnFromDigression()` comes back to. */
  readonly checkpointLabel: string;
  /** The digression stack after the call, innermost first. */
  readonly digressionStack: readonly string[];
}

/** The result of `deleteSession()`. */
export interface DeleteSessionResult {
  /** The AWS request id of the `DeleteSession` call. */
  readonly requestId: string | undefined;
  /** Lex's id of the deleted session. */
  readonly sessionId: string | undefined;
}

/** Options every method takes. */
export interface LexCallOptions {
  /** Cancels the call; it rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}
