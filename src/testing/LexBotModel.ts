/**
 * A small state model of a Lex bot, built from a bot schema, shared by the Lex V1 and V2 stand-ins. It simulates
 * slot elicitation by matching intent keywords and enumerated slot values (or a slot's pattern) in the text; it
 * is not an NLU and runs no machine learning.
 *
 * @module
 */
import type { LexDialogActionType, LexDialogState } from '../lex/types.js';

/** One slot of an intent in a {@link LexBotSchema}. */
export interface LexSlotSchema {
  /** The slot name, e.g. `windowSize`. */
  readonly name: string;
  /** Accepted values, matched as whole words (case-insensitive). */
  readonly values: readonly string[];
  /** Alternatively, a regular expression a word must match (case-sensitive), e.g. an order number. */
  readonly pattern?: string;
  /** What the bot asks to elicit the slot. */
  readonly prompt: string;
}

/** One intent in a {@link LexBotSchema}. */
export interface LexIntentSchema {
  /** The intent name, e.g. `OrderWindows`. */
  readonly name: string;
  /** Words that start (or switch to) this intent. */
  readonly keywords: readonly string[];
  /** Slots, elicited in this order. */
  readonly slots: readonly LexSlotSchema[];
  /** Asked once every slot is filled; the intent is fulfilled on "yes". */
  readonly confirmationPrompt?: string;
  /** Said when the intent is fulfilled. */
  readonly conclusion?: string;
}

/** A bot as the stand-ins understand it. */
export interface LexBotSchema {
  /** The bot name (V1 `botName`). */
  readonly name: string;
  /** The intents the bot understands. */
  readonly intents: readonly LexIntentSchema[];
}

/** Lex V1 dialog action types (V2 adds `None`). */
export type BotDialogActionType = LexDialogActionType;
/** Lex V1 dialog states. */
export type BotDialogState = LexDialogState;

/** One intent's state in a stand-in session: Lex V1's `IntentSummary`, with `null` for unfilled slots. */
export interface BotIntentState {
  /** The intent name. */
  intentName: string;
  /** Slot values by name; `null` while unfilled, as Lex V1 sends them. */
  slots: Record<string, string | null>;
  /** What the bot does next for this intent. */
  dialogActionType: BotDialogActionType;
  /** The slot being asked for. */
  slotToElicit?: string | undefined;
  /** The answer to the confirmation prompt. */
  confirmationStatus: 'None' | 'Confirmed' | 'Denied';
  /** Set once the intent closed. */
  fulfillmentState?: 'Fulfilled' | 'Failed' | 'ReadyForFulfillment' | undefined;
  /** The checkpoint label a PutSession put on this intent (V1). */
  checkpointLabel?: string | undefined;
}

/** A conversation held by a stand-in. */
export interface BotSession {
  /** The session id the stand-in reports. */
  sessionId: string;
  /** Session attributes. */
  attributes: Record<string, string>;
  /** Intents, most recent (current) first. Lex V1 shows the first 3; Lex V2 only the first. */
  intents: BotIntentState[];
  /** Where the dialog stands; `undefined` before the first turn. */
  dialogState: BotDialogState | undefined;
  /** The last thing the bot said. */
  message: string | undefined;
  /** When the session was last used (for idle expiry). */
  lastActiveMs: number;
}

/** A dialog action applied by PutSession. */
export interface BotDialogAction {
  /** What the bot does next. */
  type: BotDialogActionType;
  /** The intent to continue or start. */
  intentName?: string | undefined;
  /** Slot values to set. */
  slots?: Record<string, string | null | undefined> | undefined;
  /** The slot to ask for, for `ElicitSlot`. */
  slotToElicit?: string | undefined;
  /** For `Close`. */
  fulfillmentState?: 'Fulfilled' | 'Failed' | 'ReadyForFulfillment' | undefined;
}

/** How many intents a session remembers internally (V1 exposes the first 3). */
const MAX_REMEMBERED_INTENTS = 10;
const YES = new Set(['yes', 'yeah', 'yep', 'sure', 'ok', 'okay', 'confirm']);
const NO = new Set(['no', 'nope', 'cancel']);

/**
 * The bot state machine.
 *
 * @example
 * ```ts
 * const model = new LexBotModel(schema);
 * const session = model.newSession('s1', Date.now());
 * model.converse(session, 'I need new windows'); // session.intents[0].slotToElicit === 'windowSize'
 * ```
 */
export class LexBotModel {
  /** The bot this model simulates. */
  readonly schema: LexBotSchema;

  constructor(schema: LexBotSchema) {
    this.schema = schema;
  }

  /**
   * A fresh session with no intent.
   *
   * @example
   * ```ts
   * const session = model.newSession('s1', Date.now());
   * ```
   */
  newSession(sessionId: string, nowMs: number): BotSession {
    return { sessionId, attributes: {}, intents: [], dialogState: undefined, message: undefined, lastActiveMs: nowMs };
  }

  /**
   * Processes one utterance: fills slots of the current intent, confirms, switches intents on a keyword, or
   * asks again.
   *
   * @example
   * ```ts
   * model.converse(session, 'large');
   * ```
   */
  converse(session: BotSession, text: string): void {
    const words = text
      .toLowerCase()
      .split(/[^a-z0-9-]+/)
      .filter(Boolean);
    const rawWords = text.split(/[^A-Za-z0-9-]+/).filter(Boolean);
    const current = session.intents[0];
    const active = current && (session.dialogState === 'ElicitSlot' || session.dialogState === 'ConfirmIntent');
    if (active && session.dialogState === 'ConfirmIntent') {
      if (words.some((w) => YES.has(w))) {
        this.#finish(session, current, 'Confirmed');
        return;
      }
      if (words.some((w) => NO.has(w))) {
        this.#finish(session, current, 'Denied');
        return;
      }
    }
    if (active && this.#fill(current, words, rawWords)) {
      this.#next(session, current);
      return;
    }
    const other = this.#matchIntent(words, active ? current.intentName : undefined);
    if (other) {
      const state = this.#start(session, other.name);
      this.#fill(state, words, rawWords);
      this.#next(session, state);
      return;
    }
    if (active) {
      this.#next(session, current);
      return;
    }
    session.dialogState = 'ElicitIntent';
    session.message = 'What would you like to do?';
  }

  /**
   * Applies a PutSession dialog action: the action's intent becomes the current intent.
   *
   * @example
   * ```ts
   * model.apply(session, { type: 'ElicitSlot', intentName: 'OrderWindows', slots: { windowSize: 'large' }, slotToElicit: 'windowStyle' });
   * ```
   */
  apply(session: BotSession, action: BotDialogAction): void {
    if (action.type === 'ElicitIntent' || action.intentName === undefined) {
      session.dialogState = 'ElicitIntent';
      session.message = 'What would you like to do?';
      return;
    }
    const intent = this.intent(action.intentName);
    if (!intent) throw new BotModelError(`intent ${action.intentName} is not defined by bot ${this.schema.name}`);
    this.checkSlotNames(intent, Object.keys(action.slots ?? {}));
    const top = session.intents[0];
    const state: BotIntentState = {
      intentName: intent.name,
      slots: Object.fromEntries(intent.slots.map((s) => [s.name, action.slots?.[s.name] ?? null])),
      dialogActionType: action.type,
      confirmationStatus: 'None',
      ...(top?.intentName === intent.name && top.checkpointLabel ? { checkpointLabel: top.checkpointLabel } : {}),
    };
    if (top?.intentName === intent.name) session.intents[0] = state;
    else session.intents.unshift(state);
    session.intents.length = Math.min(session.intents.length, MAX_REMEMBERED_INTENTS);
    if (action.type === 'ElicitSlot' && action.slotToElicit) {
      const slot = intent.slots.find((s) => s.name === action.slotToElicit);
      if (!slot) throw new BotModelError(`slot ${action.slotToElicit} is not defined on intent ${intent.name}`);
      state.slotToElicit = slot.name;
      session.dialogState = 'ElicitSlot';
      session.message = slot.prompt;
      return;
    }
    if (action.type === 'ConfirmIntent') {
      session.dialogState = 'ConfirmIntent';
      session.message = intent.confirmationPrompt ?? `Shall I go ahead with ${intent.name}?`;
      return;
    }
    if (action.type === 'Close') {
      state.fulfillmentState = action.fulfillmentState ?? 'Fulfilled';
      session.dialogState = state.fulfillmentState;
      session.message = undefined;
      return;
    }
    this.#next(session, state);
  }

  /**
   * The intent schema called `name`.
   *
   * @example
   * ```ts
   * model.intent('OrderWindows')?.slots.length; // 2
   * ```
   */
  intent(name: string): LexIntentSchema | undefined {
    return this.schema.intents.find((i) => i.name === name);
  }

  /**
   * Throws a {@link BotModelError} when a slot name is not defined on the intent: Lex rejects a session write
   * naming slots the intent does not have.
   *
   * @example
   * ```ts
   * model.checkSlotNames(model.intent('OrderWindows')!, ['windowSize']);
   * ```
   */
  checkSlotNames(intent: LexIntentSchema, names: readonly string[]): void {
    const unknown = names.find((name) => !intent.slots.some((s) => s.name === name));
    if (unknown !== undefined) throw new BotModelError(`slot ${unknown} is not defined on intent ${intent.name}`);
  }

  #matchIntent(words: readonly string[], except: string | undefined): LexIntentSchema | undefined {
    return this.schema.intents.find(
      (i) => i.name !== except && i.keywords.some((k) => words.includes(k.toLowerCase())),
    );
  }

  #start(session: BotSession, name: string): BotIntentState {
    const intent = this.intent(name)!;
    const state: BotIntentState = {
      intentName: name,
      slots: Object.fromEntries(intent.slots.map((s) => [s.name, null])),
      dialogActionType: 'Delegate',
      confirmationStatus: 'None',
    };
    session.intents.unshift(state);
    session.intents.length = Math.min(session.intents.length, MAX_REMEMBERED_INTENTS);
    return state;
  }

  /** Fills empty slots whose values appear in the words; true when one was filled. */
  #fill(state: BotIntentState, words: readonly string[], rawWords: readonly string[]): boolean {
    const intent = this.intent(state.intentName)!;
    let filled = false;
    const ordered = [...intent.slots].sort(
      (a, b) => Number(b.name === state.slotToElicit) - Number(a.name === state.slotToElicit),
    );
    for (const slot of ordered) {
      if (state.slots[slot.name] != null) continue;
      const value =
        slot.values.find((v) => words.includes(v.toLowerCase())) ??
        (slot.pattern ? rawWords.find((w) => new RegExp(slot.pattern!).test(w)) : undefined);
      if (value !== undefined) {
        state.slots[slot.name] = value;
        filled = true;
      }
    }
    return filled;
  }

  #next(session: BotSession, state: BotIntentState): void {
    const intent = this.intent(state.intentName)!;
    const missing = intent.slots.find((s) => state.slots[s.name] == null);
    state.fulfillmentState = undefined;
    if (missing) {
      state.dialogActionType = 'ElicitSlot';
      state.slotToElicit = missing.name;
      session.dialogState = 'ElicitSlot';
      session.message = missing.prompt;
      return;
    }
    state.slotToElicit = undefined;
    if (intent.confirmationPrompt && state.confirmationStatus === 'None') {
      state.dialogActionType = 'ConfirmIntent';
      session.dialogState = 'ConfirmIntent';
      session.message = intent.confirmationPrompt;
      return;
    }
    this.#finish(session, state, state.confirmationStatus);
  }

  #finish(session: BotSession, state: BotIntentState, confirmation: BotIntentState['confirmationStatus']): void {
    const intent = this.intent(state.intentName)!;
    state.confirmationStatus = confirmation;
    state.dialogActionType = 'Close';
    state.slotToElicit = undefined;
    state.fulfillmentState = confirmation === 'Denied' ? 'Failed' : 'Fulfilled';
    session.dialogState = state.fulfillmentState;
    session.message = confirmation === 'Denied' ? 'Okay, I have cancelled that.' : (intent.conclusion ?? 'Done.');
  }
}

/** A request the bot model cannot apply (unknown intent or slot); the stand-ins answer it with 400. */
export class BotModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BotModelError';
  }
}
