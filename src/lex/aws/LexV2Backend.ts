/**
 * The Lex V2 runtime backend (`@aws-sdk/client-lex-runtime-v2`, loaded lazily). Lex V2 has no checkpoints and
 * keeps only the current intent, so the session's checkpoint store does all the work; this backend also keeps
 * the last intents it saw (at most 3, like V1's view) so `checkpoint(label, { intentName })` can label an
 * intent the conversation just left.
 *
 * @module
 */
import type {
  DialogAction,
  GetSessionResponse,
  Intent,
  LexRuntimeV2Client,
  LexRuntimeV2ClientConfig,
  Message,
  PutSessionResponse,
  RecognizeTextResponse,
  SessionState,
  Slot,
} from '@aws-sdk/client-lex-runtime-v2';
import type { ClientOptions } from '../../kit/clients.js';
import { ValidationError } from '../../kit/errors.js';
import type { BackendSession, BackendWrite, LexBackend } from '../LexBackend.js';
import { LEX_LIMITS } from '../limits.js';
import { definedSlots } from '../resumeAction.js';
import type {
  DeleteSessionResult,
  IntentSnapshot,
  LexDialogAction,
  LexDialogActionType,
  LexDialogState,
  LexSlots,
  LexTurn,
} from '../types.js';
import { validateName, validateSessionId } from '../validation.js';
import { type BackendSettings, LexRuntimeCaller } from './LexRuntimeCaller.js';
import { base64ToBytes, drain } from './lexCall.js';

/** Connection options of a Lex V2 session: `{ client }` or `{ clientConfig }`, and the conversation's ids. */
export type LexV2BackendOptions = ClientOptions<LexRuntimeV2Client, LexRuntimeV2ClientConfig> & {
  /** The bot id: 10 upper-case letters or digits. */
  botId: string;
  /** The alias id, e.g. `TSTALIASID` for the draft test alias. */
  botAliasId: string;
  /** The locale, e.g. `en_US`. */
  localeId: string;
  /** The conversation: 2–100 characters of `[0-9a-zA-Z._:-]`. */
  sessionId: string;
};

type SdkModule = typeof import('@aws-sdk/client-lex-runtime-v2');

/**
 * Lex V2 runtime calls for one bot, alias, locale and session.
 *
 * @example
 * ```ts
 * const backend = new LexV2Backend({ client, botId: 'ABCDEFGHIJ', botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'abc1234' }, { logger, throttleRetries: 2 });
 * ```
 */
export class LexV2Backend implements LexBackend {
  readonly version = 'v2' as const;
  readonly nativeCheckpoints = false;
  readonly conversationKey: string;
  readonly #ids: { botId: string; botAliasId: string; localeId: string; sessionId: string };
  readonly #runtime: LexRuntimeCaller<LexRuntimeV2Client, LexRuntimeV2ClientConfig, SdkModule>;
  /** Intents seen in responses, most recent first (Lex V2 itself remembers only the current one). */
  #seen: IntentSnapshot[] = [];

  constructor(options: LexV2BackendOptions, settings: BackendSettings) {
    if (typeof options?.botId !== 'string' || !LEX_LIMITS.botIdPattern.test(options.botId)) {
      throw new ValidationError('botId', 'must be 10 upper-case letters or digits');
    }
    validateName(options.botAliasId, 'botAliasId');
    validateName(options.localeId, 'localeId');
    validateSessionId(options.sessionId);
    this.#ids = {
      botId: options.botId,
      botAliasId: options.botAliasId,
      localeId: options.localeId,
      sessionId: options.sessionId,
    };
    this.conversationKey = `v2/${options.botId}/${options.botAliasId}/${options.localeId}/${options.sessionId}`;
    this.#runtime = new LexRuntimeCaller<LexRuntimeV2Client, LexRuntimeV2ClientConfig, SdkModule>(options, settings, {
      service: 'LexRuntimeV2',
      packageName: '@aws-sdk/client-lex-runtime-v2',
      load: (): Promise<SdkModule> => import('@aws-sdk/client-lex-runtime-v2'),
      createClient: (sdk, config) => new sdk.LexRuntimeV2Client(config),
    });
  }

  /**
   * Sends one utterance.
   *
   * @example
   * ```ts
   * const turn = await backend.postText('I want windows', signal);
   * ```
   */
  async postText(text: string, signal: AbortSignal | undefined): Promise<LexTurn> {
    const sdk = await this.#runtime.sdk();
    const out = await this.#runtime.send<RecognizeTextResponse>(
      new sdk.RecognizeTextCommand({ ...this.#ids, text }),
      'RecognizeText',
      signal,
      {
        chars: text.length,
      },
    );
    return this.#turn(out.$metadata?.requestId, out.sessionId, out.sessionState, out.messages);
  }

  /**
   * Reads the session, normalised.
   *
   * @example
   * ```ts
   * const session = await backend.getSession(signal);
   * ```
   */
  async getSession(signal: AbortSignal | undefined): Promise<BackendSession> {
    const sdk = await this.#runtime.sdk();
    const out = await this.#runtime.send<GetSessionResponse>(
      new sdk.GetSessionCommand(this.#ids),
      'GetSession',
      signal,
    );
    const state = out.sessionState;
    const current = state?.intent?.name ? fromIntent(state.intent, state.dialogAction) : undefined;
    if (current) this.#observe(current);
    const recentIntents = current
      ? [current, ...this.#seen.filter((i) => i.intentName !== current.intentName)]
      : this.#seen;
    return {
      requestId: out.$metadata?.requestId,
      sessionId: out.sessionId,
      recentIntents: recentIntents.slice(0, LEX_LIMITS.maxRecentIntents),
      dialogAction: state?.dialogAction ? fromDialogAction(state.dialogAction, state.intent) : undefined,
      sessionAttributes: { ...state?.sessionAttributes },
      raw: state,
    };
  }

  /**
   * Writes the session: attributes, and a dialog action or the current dialog unchanged.
   *
   * @example
   * ```ts
   * const turn = await backend.putSession({ sessionAttributes }, session, signal);
   * ```
   */
  async putSession(write: BackendWrite, current: BackendSession, signal: AbortSignal | undefined): Promise<LexTurn> {
    const sdk = await this.#runtime.sdk();
    const sessionState: SessionState = write.dialogAction
      ? toSessionState(write.dialogAction)
      : keepState(current.raw as SessionState | undefined);
    sessionState.sessionAttributes = { ...write.sessionAttributes };
    const out = await this.#runtime.send<PutSessionResponse>(
      new sdk.PutSessionCommand({ ...this.#ids, sessionState, responseContentType: 'text/plain; charset=utf-8' }),
      'PutSession',
      signal,
    );
    await drain(out.audioStream, signal);
    // The response's state and messages arrive as base64 (gzip) headers; fall back to what we wrote. A write
    // that keeps the dialog (a checkpoint) leaves the state as written, so it skips the decompression.
    const moved = write.dialogAction !== undefined;
    const state = (moved ? await decodeHeader<SessionState>(out.sessionState) : undefined) ?? sessionState;
    const messages = (moved ? await decodeHeader<Message[]>(out.messages) : undefined) ?? [];
    return this.#turn(out.$metadata?.requestId, out.sessionId ?? this.#ids.sessionId, state, messages);
  }

  /**
   * Deletes the session.
   *
   * @example
   * ```ts
   * await backend.deleteSession(signal);
   * ```
   */
  async deleteSession(signal: AbortSignal | undefined): Promise<DeleteSessionResult> {
    const sdk = await this.#runtime.sdk();
    const out = await this.#runtime.send<{ sessionId?: string; $metadata?: { requestId?: string } }>(
      new sdk.DeleteSessionCommand(this.#ids),
      'DeleteSession',
      signal,
    );
    this.#seen = [];
    return { requestId: out.$metadata?.requestId, sessionId: out.sessionId };
  }

  /**
   * Destroys the client if the backend created it.
   *
   * @example
   * ```ts
   * backend.destroy();
   * ```
   */
  destroy(): void {
    this.#runtime.destroy();
  }

  #turn(
    requestId: string | undefined,
    sessionId: string | undefined,
    state: SessionState | undefined,
    messages: Message[] | undefined,
  ): LexTurn {
    const intent = state?.intent;
    if (intent?.name) this.#observe(fromIntent(intent, state?.dialogAction));
    const texts = (messages ?? []).map((m) => m.content).filter((c): c is string => typeof c === 'string');
    return {
      requestId,
      sessionId,
      intentName: intent?.name,
      dialogState: dialogStateOf(state),
      slots: toSlots(intent?.slots),
      slotToElicit: state?.dialogAction?.slotToElicit,
      message: texts.length > 0 ? texts.join('\n') : undefined,
      messages: texts,
      sessionAttributes: { ...state?.sessionAttributes },
    };
  }

  #observe(snapshot: IntentSnapshot): void {
    this.#seen = [snapshot, ...this.#seen.filter((i) => i.intentName !== snapshot.intentName)].slice(
      0,
      LEX_LIMITS.maxRecentIntents,
    );
  }
}

function toSlots(slots: Record<string, Slot> | undefined): LexSlots {
  const out: Record<string, string | undefined> = {};
  for (const [name, slot] of Object.entries(slots ?? {})) out[name] = slot?.value?.interpretedValue ?? undefined;
  return out;
}

function toV2Slots(slots: LexSlots | undefined): Record<string, Slot> {
  const out: Record<string, Slot> = {};
  for (const [name, value] of Object.entries(definedSlots(slots ?? {}))) {
    out[name] = { value: { originalValue: value, interpretedValue: value, resolvedValues: [value] } };
  }
  return out;
}

/** V2's dialog action `None` means "nothing pending": the V1 equivalent is waiting for an intent. */
function actionType(action: DialogAction | undefined): LexDialogActionType {
  const type = action?.type;
  return type === undefined || type === 'None' ? 'ElicitIntent' : (type as LexDialogActionType);
}

function fromIntent(intent: Intent, action: DialogAction | undefined): IntentSnapshot {
  const state = intent.state;
  const fulfillmentState =
    state === 'Fulfilled' || state === 'Failed' || state === 'ReadyForFulfillment' ? state : undefined;
  const confirmation = intent.confirmationState;
  return {
    intentName: intent.name ?? '',
    slots: toSlots(intent.slots),
    dialogActionType: actionType(action),
    ...(action?.slotToElicit ? { slotToElicit: action.slotToElicit } : {}),
    ...(confirmation ? { confirmationStatus: confirmation } : {}),
    ...(fulfillmentState ? { fulfillmentState } : {}),
  };
}

function fromDialogAction(action: DialogAction, intent: Intent | undefined): LexDialogAction {
  return {
    type: actionType(action),
    ...(intent?.name ? { intentName: intent.name, slots: toSlots(intent.slots) } : {}),
    ...(action.slotToElicit ? { slotToElicit: action.slotToElicit } : {}),
  };
}

function dialogStateOf(state: SessionState | undefined): LexDialogState | undefined {
  const intentState = state?.intent?.state;
  if (intentState === 'Fulfilled' || intentState === 'Failed' || intentState === 'ReadyForFulfillment')
    return intentState;
  const type = state?.dialogAction?.type;
  if (type === 'ElicitSlot' || type === 'ConfirmIntent' || type === 'ElicitIntent') return type;
  if (type === 'None') return 'ElicitIntent';
  if (type === 'Close') return intentState === 'InProgress' ? undefined : 'Fulfilled';
  return undefined;
}

/** Our dialog action as a V2 session state (`intent` + `dialogAction`). */
function toSessionState(action: LexDialogAction): SessionState {
  if (action.type === 'ElicitIntent' || action.intentName === undefined)
    return { dialogAction: { type: 'ElicitIntent' } };
  const intent: Intent = { name: action.intentName, slots: toV2Slots(action.slots), state: 'InProgress' };
  if (action.type === 'Close') intent.state = action.fulfillmentState ?? 'Fulfilled';
  if (action.type === 'ConfirmIntent' || action.type === 'ElicitSlot') intent.confirmationState = 'None';
  const dialogAction: DialogAction = { type: action.type };
  if (action.type === 'ElicitSlot' && action.slotToElicit !== undefined)
    dialogAction.slotToElicit = action.slotToElicit;
  return { dialogAction, intent };
}

/** The state as read, for a write that only changes attributes. */
function keepState(state: SessionState | undefined): SessionState {
  const kept: SessionState = {};
  if (state?.dialogAction) kept.dialogAction = state.dialogAction;
  if (state?.intent) kept.intent = state.intent;
  if (state?.activeContexts) kept.activeContexts = state.activeContexts;
  if (state?.runtimeHints) kept.runtimeHints = state.runtimeHints;
  return kept;
}

/** Decodes a V2 response header: base64 of JSON, gzip-compressed for the session state and messages. */
async function decodeHeader<T>(value: string | undefined): Promise<T | undefined> {
  if (!value) return undefined;
  try {
    let bytes = base64ToBytes(value);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
      bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    }
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    return undefined;
  }
}
