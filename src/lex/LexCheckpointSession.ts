/**
 * `LexCheckpointSession`: one user's conversation with a Lex bot, with named checkpoints you can return to.
 *
 * @module
 */
import { raceAbort, throwIfAborted } from '../kit/abort.js';
import { isServiceError, ValidationError } from '../kit/errors.js';
import { createSafeLogger, type Logger } from '../kit/log.js';
import { LexV1Backend, type LexV1BackendOptions } from './aws/LexV1Backend.js';
import { LexV2Backend, type LexV2BackendOptions } from './aws/LexV2Backend.js';
import {
  assertSessionAttributesBudget,
  type CheckpointStore,
  consumeCheckpoint,
  DEFAULT_CHECKPOINT_ATTRIBUTE,
  DEFAULT_MAX_SESSION_ATTRIBUTE_BYTES,
  decodeCheckpointStore,
  encodeCheckpointStore,
  getCheckpoint,
  peekDigression,
  pushDigression,
  putCheckpoint,
  storedLabels,
} from './CheckpointStore.js';
import { withConversationLock } from './conversationLock.js';
import {
  LexCheckpointFulfilledError,
  LexConcurrentWriteError,
  LexIntentNotFoundError,
  LexSessionNotFoundError,
  LexUnknownCheckpointError,
} from './errors.js';
import type { BackendSession, LexBackend } from './LexBackend.js';
import { findLabelledIntent, labelRecentIntent, labelsInView, unlabelRecentIntents } from './recentIntents.js';
import { buildResumeDialogAction } from './resumeAction.js';
import type {
  CheckpointInfo,
  CheckpointList,
  CheckpointResult,
  DeleteSessionResult,
  DigressResult,
  IntentSnapshot,
  LexCallOptions,
  LexDialogAction,
  LexSession,
  LexTurn,
  ResumeResult,
} from './types.js';
import { validateCheckpointLabel, validateDialogAction, validateName, validateText } from './validation.js';

/** Behaviour options shared by the V1 and V2 sessions. */
export interface LexSessionOptions {
  /** Receives metadata only (operation, request id, counts, durations); never utterances or slot values. */
  logger?: Logger | undefined;
  /** The reserved session attribute holding checkpoints and the digression stack. Default `awsmlkit.cp`. */
  checkpointAttribute?: string | undefined;
  /** Budget for all session attributes as a base64 header, checked before every write. Default 12,288. */
  maxSessionAttributeBytes?: number | undefined;
  /**
   * Read the session back after each checkpoint write and redo the read-modify-write if another writer (say, a
   * second process serving the same user) overwrote it. Default `true`.
   */
  verifyWrites?: boolean | undefined;
  /** Read-modify-write attempts before a {@link LexConcurrentWriteError}. Default 3. */
  maxWriteAttempts?: number | undefined;
  /** Extra retries after Lex V1 `LimitExceededException` (waiting `Retry-After`) or V2 throttling. Default 2. */
  throttleRetries?: number | undefined;
}

/** Defaults of {@link LexSessionOptions}. */
export const DEFAULT_LEX_SESSION_OPTIONS = Object.freeze({
  /** The reserved session attribute, `awsmlkit.cp`. */
  checkpointAttribute: DEFAULT_CHECKPOINT_ATTRIBUTE,
  /** 12,288 bytes: Lex's 12 KB header quota. */
  maxSessionAttributeBytes: DEFAULT_MAX_SESSION_ATTRIBUTE_BYTES,
  /** Read back after each write. */
  verifyWrites: true,
  /** Read-modify-write attempts before giving up. */
  maxWriteAttempts: 3,
  /** Retries after throttling. */
  throttleRetries: 2,
});

/** Options of `new LexCheckpointSession(…)`: a Lex V1 bot, alias and user. */
export type LexV1SessionOptions = LexV1BackendOptions & LexSessionOptions;
/** Options of {@link LexCheckpointSession.v2}: a Lex V2 bot, alias, locale and session. */
export type LexV2SessionOptions = LexV2BackendOptions & LexSessionOptions;
/** Options for a session over a custom {@link LexBackend}. */
export type LexBackendSessionOptions = {
  /** The runtime to talk to, instead of the built-in V1 backend. */
  backend: LexBackend;
} & LexSessionOptions;

/** What a read-modify-write step wants written, and how to build its result. */
interface WritePlan<R> {
  store: CheckpointStore;
  dialogAction?: LexDialogAction | undefined;
  recentIntents?: readonly IntentSnapshot[] | undefined;
  /** Replaces the application's attributes (the reserved one is always kept); `undefined` keeps them. */
  attributes?: Readonly<Record<string, string>> | undefined;
  result(turn: LexTurn, store: CheckpointStore): R;
}

/**
 * A conversation with a Lex bot for one user, with checkpoints: label where an intent stands, wander off to
 * other intents (nested as deep as you like), and come back exactly where you left off.
 *
 * On Lex V1 the labels are Lex's own `checkpointLabel`s (and are mirrored into a reserved session attribute so
 * they survive Lex's 3-intent view); on Lex V2, which has no checkpoints, the reserved attribute is the store.
 * The same calls work on both.
 *
 * @example
 * ```ts
 * import { LexRuntimeServiceClient } from '@aws-sdk/client-lex-runtime-service';
 * const session = new LexCheckpointSession({
 *   client: new LexRuntimeServiceClient({}), botName: 'HomeImprovementBot', botAlias: 'Prod', userId: 'abc1234',
 * });
 * await session.postText('I want new windows');
 * await session.postText('large');
 * await session.digress('OrderCurtains', { checkpointLabel: 'windowSelection' });
 * // … the curtains conversation …
 * const back = await session.returnFromDigression(); // asks for windowStyle again, windowSize still large
 * ```
 */
export class LexCheckpointSession {
  readonly #backend: LexBackend;
  readonly #logger: Logger;
  readonly #attribute: string;
  readonly #maxAttributeBytes: number;
  readonly #verifyWrites: boolean;
  readonly #maxWriteAttempts: number;

  /**
   * A session on a Lex V1 bot (`@aws-sdk/client-lex-runtime-service`). Lex V1 reached end of support on
   * 15 Sep 2025; use {@link LexCheckpointSession.v2} for Lex V2 bots with the same methods.
   *
   * @example
   * ```ts
   * const session = new LexCheckpointSession({ clientConfig: { region: 'us-east-1' }, botName: 'HomeImprovementBot', botAlias: 'Prod', userId: 'abc1234' });
   * ```
   */
  constructor(options: LexV1SessionOptions | LexBackendSessionOptions) {
    const logger = createSafeLogger(options.logger);
    this.#logger = logger;
    this.#backend =
      'backend' in options && options.backend !== undefined
        ? options.backend
        : new LexV1Backend(options as LexV1BackendOptions, {
            logger,
            throttleRetries: throttleRetriesOf(options),
          });
    this.#attribute = options.checkpointAttribute ?? DEFAULT_LEX_SESSION_OPTIONS.checkpointAttribute;
    validateName(this.#attribute, 'options.checkpointAttribute');
    this.#maxAttributeBytes = options.maxSessionAttributeBytes ?? DEFAULT_LEX_SESSION_OPTIONS.maxSessionAttributeBytes;
    if (!(Number.isInteger(this.#maxAttributeBytes) && this.#maxAttributeBytes > 0)) {
      throw new ValidationError(
        'options.maxSessionAttributeBytes',
        `must be a positive integer, got ${this.#maxAttributeBytes}`,
      );
    }
    this.#verifyWrites = options.verifyWrites ?? DEFAULT_LEX_SESSION_OPTIONS.verifyWrites;
    this.#maxWriteAttempts = options.maxWriteAttempts ?? DEFAULT_LEX_SESSION_OPTIONS.maxWriteAttempts;
    if (!(Number.isInteger(this.#maxWriteAttempts) && this.#maxWriteAttempts >= 1)) {
      throw new ValidationError(
        'options.maxWriteAttempts',
        `must be an integer of at least 1, got ${this.#maxWriteAttempts}`,
      );
    }
    if (this.#backend.version === 'v1')
      logger.info('lex v1 end of support', { event: 'lex-v1-end-of-support-2025-09-15' });
  }

  /**
   * A session on a Lex V2 bot (`@aws-sdk/client-lex-runtime-v2`), with checkpoints emulated in a reserved session
   * attribute.
   *
   * @example
   * ```ts
   * import { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
   * const session = LexCheckpointSession.v2({
   *   client: new LexRuntimeV2Client({}), botId: 'ABCDEFGHIJ', botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'abc1234',
   * });
   * ```
   */
  static v2(options: LexV2SessionOptions): LexCheckpointSession {
    const backend = new LexV2Backend(options, {
      logger: createSafeLogger(options.logger),
      throttleRetries: throttleRetriesOf(options),
    });
    return new LexCheckpointSession({ ...options, backend } as LexBackendSessionOptions);
  }

  /**
   * Which Lex runtime this session talks to.
   *
   * @example
   * ```ts
   * if (session.version === 'v1') console.warn('Lex V1 reached end of support on 15 Sep 2025');
   * ```
   */
  get version(): 'v1' | 'v2' {
    return this.#backend.version;
  }

  /**
   * Sends one utterance (1–1,024 characters) and returns the bot's answer.
   *
   * @example
   * ```ts
   * const turn = await session.postText('I want new windows');
   * turn.slotToElicit; // 'windowSize'
   * ```
   */
  async postText(text: string, options: LexCallOptions = {}): Promise<LexTurn> {
    validateText(text);
    return this.#locked(options.signal, async () =>
      this.#publicTurn(await this.#backend.postText(text, options.signal)),
    );
  }

  /**
   * Reads the session: recent intents (most recent first), the next dialog action and the session attributes.
   * `checkpointLabelFilter` narrows the recent intents to the one carrying that label (V1: Lex's own filter;
   * V2: the checkpoint from the reserved attribute).
   *
   * @example
   * ```ts
   * const { recentIntents } = await session.getSession();
   * ```
   */
  async getSession(options: LexCallOptions & { checkpointLabelFilter?: string } = {}): Promise<LexSession> {
    const filter = options.checkpointLabelFilter;
    if (filter !== undefined) validateCheckpointLabel(filter, 'options.checkpointLabelFilter');
    return this.#locked(options.signal, async () => {
      const session = await this.#read('getSession', options.signal, filter);
      // V2 has no filter of its own: answer like V1 would, with the checkpointed intent.
      const stored = filter === undefined ? undefined : getCheckpoint(this.#decode(session), filter)?.intent;
      const recentIntents =
        filter === undefined || this.#backend.nativeCheckpoints ? session.recentIntents : stored ? [stored] : [];
      return {
        requestId: session.requestId,
        sessionId: session.sessionId,
        recentIntents,
        dialogAction: session.dialogAction,
        sessionAttributes: this.#strip(session.sessionAttributes),
      };
    });
  }

  /**
   * Labels an intent so you can come back to it: the current intent, or the most recent one named `intentName`.
   * A label names one intent; labelling another intent with it moves it.
   *
   * @example
   * ```ts
   * await session.checkpoint('windowSelection', { intentName: 'OrderWindows' });
   * ```
   */
  async checkpoint(label: string, options: LexCallOptions & { intentName?: string } = {}): Promise<CheckpointResult> {
    validateCheckpointLabel(label);
    if (options.intentName !== undefined) validateName(options.intentName, 'options.intentName');
    return this.#readModifyWrite('checkpoint', options.signal, (session, store) => {
      const { snapshot, recentIntents } = this.#labelIntent(session, label, options.intentName);
      return {
        store: putCheckpoint(store, label, snapshot),
        recentIntents,
        result: (turn) => ({
          requestId: turn.requestId,
          label,
          intentName: snapshot.intentName,
          dialogActionType: snapshot.dialogActionType,
          slotToElicit: snapshot.slotToElicit,
        }),
      };
    });
  }

  /**
   * Goes back to the intent labelled `label`, exactly where it stood: the same slots, and the same slot to
   * ask for (or the same confirmation question). The checkpoint is used up; if it was on the digression stack,
   * digressions opened after it are closed too.
   *
   * @throws {@link LexUnknownCheckpointError} listing the labels that exist, when `label` is unknown.
   * @example
   * ```ts
   * const turn = await session.resume('windowSelection');
   * turn.slotToElicit; // 'windowStyle'
   * ```
   */
  async resume(label: string, options: LexCallOptions = {}): Promise<ResumeResult> {
    validateCheckpointLabel(label);
    // An unfiltered read rather than V1's checkpointLabelFilter: the view (at most 3 entries) shows the labelled
    // intent just as the filter would, and the whole view is needed to write it back without the used-up label.
    return this.#readModifyWrite('resume', options.signal, (session, store) => {
      const snapshot = findLabelledIntent(session.recentIntents, label) ?? getCheckpoint(store, label)?.intent;
      if (!snapshot) throw new LexUnknownCheckpointError(label, this.#allLabels(session, store));
      if (snapshot.fulfillmentState === 'Fulfilled') throw new LexCheckpointFulfilledError(label, snapshot.intentName);
      return this.#resumePlan(label, snapshot, session, store);
    });
  }

  /**
   * Lists the checkpoints of this session and the digression stack.
   *
   * @example
   * ```ts
   * const { checkpoints, digressionStack } = await session.listCheckpoints();
   * ```
   */
  async listCheckpoints(options: LexCallOptions = {}): Promise<CheckpointList> {
    return this.#locked(options.signal, async () => {
      const session = await this.#read('listCheckpoints', options.signal, undefined);
      const store = this.#decode(session);
      const native = this.#backend.nativeCheckpoints ? session.recentIntents : [];
      const infos: CheckpointInfo[] = [];
      for (const label of this.#allLabels(session, store)) {
        const stored = getCheckpoint(store, label)?.intent;
        const inView = findLabelledIntent(native, label);
        const intent = (inView ?? stored)!;
        const depth = store.stack.indexOf(label);
        infos.push({
          label,
          intentName: intent.intentName,
          dialogActionType: intent.dialogActionType,
          slotToElicit: intent.slotToElicit,
          sources: [
            ...(inView ? (['recent-intents'] as const) : []),
            ...(stored ? (['session-attribute'] as const) : []),
          ],
          stackDepth: depth < 0 ? undefined : depth,
        });
      }
      return { requestId: session.requestId, checkpoints: infos, digressionStack: [...store.stack] };
    });
  }

  /**
   * Leaves the current intent for `intentName`, labelling the current intent `checkpointLabel` and pushing
   * it on the digression stack; {@link LexCheckpointSession.returnFromDigression} comes back to it.
   *
   * @example
   * ```ts
   * const turn = await session.digress('OrderCurtains', { checkpointLabel: 'windowSelection' });
   * turn.slotToElicit; // 'curtainSize'
   * ```
   */
  async digress(intentName: string, options: LexCallOptions & { checkpointLabel: string }): Promise<DigressResult> {
    validateName(intentName, 'intentName');
    const label = options?.checkpointLabel;
    validateCheckpointLabel(label, 'options.checkpointLabel');
    return this.#readModifyWrite('digress', options.signal, (session, store) => {
      const { snapshot, recentIntents } = this.#labelIntent(session, label, undefined);
      return {
        store: pushDigression(putCheckpoint(store, label, snapshot), label),
        recentIntents,
        dialogAction: { type: 'Delegate', intentName, slots: {} },
        result: (turn, next) => ({ ...turn, checkpointLabel: label, digressionStack: [...next.stack] }),
      };
    });
  }

  /**
   * Closes the innermost digression: resumes the intent its checkpoint marks.
   *
   * @throws `ValidationError` (field `digressionStack`) when no digression is open.
   * @example
   * ```ts
   * const back = await session.returnFromDigression();
   * back.label; // 'windowSelection'
   * ```
   */
  async returnFromDigression(options: LexCallOptions = {}): Promise<ResumeResult> {
    return this.#readModifyWrite('returnFromDigression', options.signal, (session, store) => {
      const label = peekDigression(store);
      if (label === undefined) {
        throw new ValidationError('digressionStack', 'is empty: call digress() before returnFromDigression()');
      }
      return this.#resumePlan(label, getCheckpoint(store, label)!.intent, session, store);
    });
  }

  /**
   * Sets the dialog and/or the application's session attributes directly (Lex `PutSession`), keeping the
   * checkpoints: the reserved attribute is carried over, and the write is checked against the attribute budget.
   *
   * @example
   * ```ts
   * await session.putSession({ sessionAttributes: { customerTier: 'gold' } });
   * await session.putSession({ dialogAction: { type: 'ElicitSlot', intentName: 'OrderWindows', slotToElicit: 'windowSize' } });
   * ```
   */
  async putSession(
    options: LexCallOptions & {
      dialogAction?: LexDialogAction;
      sessionAttributes?: Readonly<Record<string, string>>;
    } = {},
  ): Promise<LexTurn> {
    const { dialogAction, sessionAttributes } = options;
    if (dialogAction !== undefined) validateDialogAction(dialogAction);
    if (sessionAttributes !== undefined) {
      if (typeof sessionAttributes !== 'object' || sessionAttributes === null) {
        throw new ValidationError('options.sessionAttributes', 'must be an object of string values');
      }
      if (Object.hasOwn(sessionAttributes, this.#attribute)) {
        throw new ValidationError(
          'options.sessionAttributes',
          `must not set the reserved attribute ${this.#attribute}`,
        );
      }
      if (Object.values(sessionAttributes).some((v) => typeof v !== 'string')) {
        throw new ValidationError('options.sessionAttributes', 'must have string values only');
      }
    }
    return this.#readModifyWrite('putSession', options.signal, (_session, store) => ({
      store,
      dialogAction,
      attributes: sessionAttributes,
      result: (turn) => turn,
    }));
  }

  /**
   * Ends the conversation: deletes the session with its checkpoints.
   *
   * @example
   * ```ts
   * await session.deleteSession();
   * ```
   */
  async deleteSession(options: LexCallOptions = {}): Promise<DeleteSessionResult> {
    return this.#locked(options.signal, async () => {
      try {
        return await this.#backend.deleteSession(options.signal);
      } catch (error) {
        throw this.#mapNotFound(error, 'deleteSession');
      }
    });
  }

  /**
   * Destroys the SDK client if this session created it (from `clientConfig`); an injected client is left alone.
   *
   * @example
   * ```ts
   * session.destroy();
   * ```
   */
  destroy(): void {
    this.#backend.destroy();
  }

  /** Puts the dialog back where `snapshot` stood and uses the label up, in the store and (V1) in Lex's view. */
  #resumePlan(
    label: string,
    snapshot: IntentSnapshot,
    session: BackendSession,
    store: CheckpointStore,
  ): WritePlan<ResumeResult> {
    const dialogAction = buildResumeDialogAction(snapshot);
    const labelledInView = findLabelledIntent(session.recentIntents, label) !== undefined;
    return {
      store: consumeCheckpoint(store, label),
      dialogAction,
      recentIntents:
        this.#backend.nativeCheckpoints && labelledInView
          ? unlabelRecentIntents(session.recentIntents, label)
          : undefined,
      result: (turn) => ({ ...turn, label, dialogAction }),
    };
  }

  /**
   * Labels `intentName`, or else the current intent: the one the session's dialog action names (Lex documents
   * that as the current state, while the order of V1's view is not documented), or failing that the first entry.
   */
  #labelIntent(
    session: BackendSession,
    label: string,
    intentName: string | undefined,
  ): { snapshot: IntentSnapshot; recentIntents: IntentSnapshot[] | undefined } {
    const target = intentName ?? session.dialogAction?.intentName;
    if (this.#backend.nativeCheckpoints) {
      const view = labelRecentIntent(session.recentIntents, label, target);
      return { snapshot: findLabelledIntent(view, label)!, recentIntents: view };
    }
    const found =
      target === undefined ? session.recentIntents[0] : session.recentIntents.find((i) => i.intentName === target);
    if (!found) {
      throw new LexIntentNotFoundError(
        target,
        session.recentIntents.map((i) => i.intentName),
      );
    }
    return { snapshot: found, recentIntents: undefined };
  }

  #allLabels(session: BackendSession, store: CheckpointStore): string[] {
    const native = this.#backend.nativeCheckpoints ? labelsInView(session.recentIntents) : [];
    return [...new Set([...storedLabels(store), ...native])];
  }

  async #readModifyWrite<R>(
    operation: string,
    signal: AbortSignal | undefined,
    plan: (session: BackendSession, store: CheckpointStore) => WritePlan<R>,
  ): Promise<R> {
    return this.#locked(signal, async () => {
      for (let attempt = 1; attempt <= this.#maxWriteAttempts; attempt++) {
        const session = await this.#read(operation, signal, undefined);
        const store = this.#decode(session);
        const step = plan(session, store);
        const writer = randomWriterId();
        const next: CheckpointStore = { ...step.store, revision: store.revision + 1, writer };
        const base = step.attributes ?? session.sessionAttributes;
        const sessionAttributes = { ...this.#strip(base), [this.#attribute]: encodeCheckpointStore(next) };
        assertSessionAttributesBudget(sessionAttributes, this.#maxAttributeBytes);
        let turn: LexTurn;
        try {
          turn = await this.#backend.putSession(
            { dialogAction: step.dialogAction, recentIntents: step.recentIntents, sessionAttributes },
            session,
            signal,
          );
        } catch (error) {
          throw this.#mapNotFound(error, operation);
        }
        const result = step.result(this.#publicTurn(turn), next);
        if (!this.#verifyWrites) return result;
        const check = this.#decode(await this.#read(operation, signal, undefined));
        if (check.writer === writer) {
          this.#logger.debug('lex checkpoint write', { operation, attempt, count: next.checkpoints.length });
          return result;
        }
        this.#logger.warn('lex checkpoint write lost to another writer', { operation, attempt });
      }
      throw new LexConcurrentWriteError(this.#maxWriteAttempts);
    });
  }

  async #read(operation: string, signal: AbortSignal | undefined, filter: string | undefined): Promise<BackendSession> {
    try {
      return await this.#backend.getSession(signal, filter);
    } catch (error) {
      throw this.#mapNotFound(error, operation);
    }
  }

  #mapNotFound(error: unknown, operation: string): unknown {
    if (isServiceError(error) && error.code === 'NOT_FOUND') {
      return new LexSessionNotFoundError(operation, { cause: error, requestId: error.requestId });
    }
    return error;
  }

  #decode(session: BackendSession): CheckpointStore {
    return decodeCheckpointStore(session.sessionAttributes[this.#attribute], this.#attribute);
  }

  #strip(attributes: Readonly<Record<string, string>>): Record<string, string> {
    const { [this.#attribute]: _reserved, ...rest } = attributes;
    return rest;
  }

  #publicTurn(turn: LexTurn): LexTurn {
    return { ...turn, sessionAttributes: this.#strip(turn.sessionAttributes) };
  }

  /** Runs `work` in this conversation's queue; an abort rejects at once, even while waiting for a turn. */
  #locked<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    throwIfAborted(signal);
    const queued = withConversationLock(this.#backend.conversationKey, async () => {
      throwIfAborted(signal);
      return work();
    });
    return raceAbort(queued, signal);
  }
}

function randomWriterId(): string {
  return globalThis.crypto.randomUUID().slice(0, 8);
}

/** The throttling retry budget: a small non-negative integer, so retries stay bounded (NaN would never stop). */
function throttleRetriesOf(options: LexSessionOptions): number {
  const retries = options.throttleRetries ?? DEFAULT_LEX_SESSION_OPTIONS.throttleRetries;
  if (!(Number.isInteger(retries) && retries >= 0 && retries <= 10)) {
    throw new ValidationError('options.throttleRetries', `must be an integer from 0 to 10, got ${retries}`);
  }
  return retries;
}
