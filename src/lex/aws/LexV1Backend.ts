/**
 * The Lex V1 runtime backend (`@aws-sdk/client-lex-runtime-service`, loaded lazily). Lex V1 stores checkpoint
 * labels natively in its recent-intent view.
 *
 * @module
 */
import type {
  DialogAction,
  GetSessionResponse,
  IntentSummary,
  LexRuntimeServiceClient,
  LexRuntimeServiceClientConfig,
  PostTextResponse,
  PutSessionRequest,
  PutSessionResponse,
} from '@aws-sdk/client-lex-runtime-service';
import type { ClientOptions } from '../../kit/clients.js';
import type { BackendSession, BackendWrite, LexBackend } from '../LexBackend.js';
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
import { validateName, validateUserId } from '../validation.js';
import { type BackendSettings, LexRuntimeCaller } from './LexRuntimeCaller.js';
import { base64ToText, drain } from './lexCall.js';

/** Connection options of a Lex V1 session: `{ client }` or `{ clientConfig }`, and the conversation's ids. */
export type LexV1BackendOptions = ClientOptions<LexRuntimeServiceClient, LexRuntimeServiceClientConfig> & {
  /** The bot's name, e.g. `HomeImprovementBot`. */
  botName: string;
  /** The alias, e.g. `Prod` (the `$LATEST` alias is throttled by Lex and meant for tests). */
  botAlias: string;
  /** The user: 2–100 characters of `[0-9a-zA-Z._:-]`. Bound once, so every call uses the same user. */
  userId: string;
};

type SdkModule = typeof import('@aws-sdk/client-lex-runtime-service');

/**
 * Lex V1 runtime calls for one bot, alias and user.
 *
 * @example
 * ```ts
 * const backend = new LexV1Backend({ client, botName: 'HomeImprovementBot', botAlias: 'Prod', userId: 'abc1234' }, { logger, throttleRetries: 2 });
 * ```
 */
export class LexV1Backend implements LexBackend {
  readonly version = 'v1' as const;
  readonly nativeCheckpoints = true;
  readonly conversationKey: string;
  readonly #ids: { botName: string; botAlias: string; userId: string };
  readonly #runtime: LexRuntimeCaller<LexRuntimeServiceClient, LexRuntimeServiceClientConfig, SdkModule>;

  constructor(options: LexV1BackendOptions, settings: BackendSettings) {
    validateName(options?.botName, 'botName');
    validateName(options.botAlias, 'botAlias');
    validateUserId(options.userId);
    this.#ids = { botName: options.botName, botAlias: options.botAlias, userId: options.userId };
    this.conversationKey = `v1/${options.botName}/${options.botAlias}/${options.userId}`;
    this.#runtime = new LexRuntimeCaller<LexRuntimeServiceClient, LexRuntimeServiceClientConfig, SdkModule>(
      options,
      settings,
      {
        service: 'LexRuntime',
        packageName: '@aws-sdk/client-lex-runtime-service',
        load: (): Promise<SdkModule> => import('@aws-sdk/client-lex-runtime-service'),
        createClient: (sdk, config) => new sdk.LexRuntimeServiceClient(config),
      },
    );
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
    const out = await this.#runtime.send<PostTextResponse>(
      new sdk.PostTextCommand({ ...this.#ids, inputText: text }),
      'PostText',
      signal,
      {
        chars: text.length,
      },
    );
    return {
      requestId: out.$metadata?.requestId,
      sessionId: out.sessionId,
      intentName: out.intentName,
      dialogState: out.dialogState as LexDialogState | undefined,
      slots: toSlots(out.slots),
      slotToElicit: out.slotToElicit,
      message: out.message,
      messages: out.message === undefined ? [] : [out.message],
      sessionAttributes: { ...out.sessionAttributes },
    };
  }

  /**
   * Reads the session, normalised.
   *
   * @example
   * ```ts
   * const session = await backend.getSession(signal);
   * ```
   */
  async getSession(signal: AbortSignal | undefined, checkpointLabelFilter?: string): Promise<BackendSession> {
    const sdk = await this.#runtime.sdk();
    const input = checkpointLabelFilter === undefined ? this.#ids : { ...this.#ids, checkpointLabelFilter };
    const out = await this.#runtime.send<GetSessionResponse>(new sdk.GetSessionCommand(input), 'GetSession', signal);
    return {
      requestId: out.$metadata?.requestId,
      sessionId: out.sessionId,
      recentIntents: (out.recentIntentSummaryView ?? []).map(fromIntentSummary),
      dialogAction: out.dialogAction ? fromDialogAction(out.dialogAction) : undefined,
      sessionAttributes: { ...out.sessionAttributes },
      raw: out.dialogAction,
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
    const input: PutSessionRequest = {
      ...this.#ids,
      sessionAttributes: { ...write.sessionAttributes },
      accept: 'text/plain; charset=utf-8',
    };
    // No new dialog action: write back the current one, minus its message, so Lex re-asks the same question.
    const keep = current.raw as DialogAction | undefined;
    const dialogAction = write.dialogAction
      ? toDialogAction(write.dialogAction)
      : keep
        ? withoutMessage(keep)
        : undefined;
    if (dialogAction) input.dialogAction = dialogAction;
    if (write.recentIntents) input.recentIntentSummaryView = write.recentIntents.map(toIntentSummary);
    const out = await this.#runtime.send<PutSessionResponse>(new sdk.PutSessionCommand(input), 'PutSession', signal, {
      count: write.recentIntents?.length ?? 0,
    });
    await drain(out.audioStream, signal);
    const message = out.encodedMessage !== undefined ? base64ToText(out.encodedMessage) : out.message;
    return {
      requestId: out.$metadata?.requestId,
      sessionId: out.sessionId,
      intentName: out.intentName,
      dialogState: out.dialogState as LexDialogState | undefined,
      slots: toSlots(parseJsonValue(out.slots)),
      slotToElicit: out.slotToElicit,
      message,
      messages: message === undefined ? [] : [message],
      sessionAttributes: stringMap(parseJsonValue(out.sessionAttributes)),
    };
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
}

/** Lex slot maps carry `null` for unfilled slots; ours carry `undefined`. */
function toSlots(slots: Readonly<Record<string, string | null | undefined>> | undefined): LexSlots {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(slots ?? {})) out[name] = typeof value === 'string' ? value : undefined;
  return out;
}

function fromIntentSummary(summary: IntentSummary): IntentSnapshot {
  return {
    intentName: summary.intentName ?? '',
    slots: toSlots(summary.slots),
    dialogActionType: (summary.dialogActionType ?? 'ElicitIntent') as LexDialogActionType,
    ...(summary.slotToElicit ? { slotToElicit: summary.slotToElicit } : {}),
    ...(summary.confirmationStatus ? { confirmationStatus: summary.confirmationStatus } : {}),
    ...(summary.fulfillmentState ? { fulfillmentState: summary.fulfillmentState } : {}),
    ...(summary.checkpointLabel ? { checkpointLabel: summary.checkpointLabel } : {}),
  };
}

/** Our snapshot as an `IntentSummary`: absent fields are omitted, never sent as `"None"`. */
function toIntentSummary(snapshot: IntentSnapshot): IntentSummary {
  const summary: IntentSummary = {
    intentName: snapshot.intentName,
    slots: definedSlots(snapshot.slots),
    dialogActionType: snapshot.dialogActionType,
  };
  if (snapshot.slotToElicit !== undefined) summary.slotToElicit = snapshot.slotToElicit;
  if (snapshot.confirmationStatus !== undefined) summary.confirmationStatus = snapshot.confirmationStatus;
  if (snapshot.fulfillmentState !== undefined) summary.fulfillmentState = snapshot.fulfillmentState;
  if (snapshot.checkpointLabel !== undefined) summary.checkpointLabel = snapshot.checkpointLabel;
  return summary;
}

function fromDialogAction(action: DialogAction): LexDialogAction {
  return {
    type: (action.type ?? 'ElicitIntent') as LexDialogActionType,
    ...(action.intentName ? { intentName: action.intentName } : {}),
    ...(action.slots ? { slots: toSlots(action.slots) } : {}),
    ...(action.slotToElicit ? { slotToElicit: action.slotToElicit } : {}),
    ...(action.fulfillmentState ? { fulfillmentState: action.fulfillmentState } : {}),
  };
}

function toDialogAction(action: LexDialogAction): DialogAction {
  const out: DialogAction = { type: action.type };
  if (action.intentName !== undefined) out.intentName = action.intentName;
  if (action.slots !== undefined) out.slots = definedSlots(action.slots);
  if (action.slotToElicit !== undefined) out.slotToElicit = action.slotToElicit;
  if (action.fulfillmentState !== undefined) out.fulfillmentState = action.fulfillmentState;
  return out;
}

function withoutMessage(action: DialogAction): DialogAction {
  const { message: _message, messageFormat: _format, ...rest } = action;
  return rest;
}

/** PutSession returns slots and attributes as JSON headers; depending on the SDK version, parsed or as text. */
function parseJsonValue(value: unknown): Record<string, string | null> | undefined {
  // The SDK hands these out as a LazyJsonString (a String object), or as plain text.
  if (typeof value === 'string' || value instanceof String) {
    try {
      return JSON.parse(String(value)) as Record<string, string | null>;
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null ? (value as Record<string, string | null>) : undefined;
}

function stringMap(value: Record<string, string | null> | undefined): Record<string, string> {
  return definedSlots(value ?? {});
}
