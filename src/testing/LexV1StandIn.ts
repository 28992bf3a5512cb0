/**
 * A local stand-in of the Lex V1 runtime (`runtime.lex`, REST JSON) for one bot schema: PostText, GetSession
 * (with `checkpointLabelFilter`), PutSession (recent-intent view of at most 3, replaced wholesale) and
 * DeleteSession. It simulates the dialog with {@link LexBotModel}; it is not an NLU.
 *
 * @module
 */

import {
  type BotDialogAction,
  type BotIntentState,
  BotModelError,
  type BotSession,
  LexBotModel,
  type LexBotSchema,
} from './LexBotModel.js';
import { LexSessionTable, overSessionHeaderBudget } from './LexSessionTable.js';
import { awsError, type StandInReply, type StandInRequest, StandInServer } from './StandInServer.js';

/** Options of {@link LexV1StandIn.start}. */
export interface LexStandInOptions {
  /** The bot the stand-in simulates. */
  bot: LexBotSchema;
  /** Idle time after which a session expires. Default 5 minutes (Lex's default). */
  sessionTtlMs?: number;
  /** Clock, injectable for expiry tests. Default `Date.now`. */
  now?: () => number;
}

const LABEL = /^[a-zA-Z0-9-]{1,255}$/;
const USER_ID = /^[0-9a-zA-Z._:-]{2,100}$/;
const BASE = '/bot/{botName}/alias/{botAlias}/user/{userId}';

/**
 * @example
 * ```ts
 * const lex = await LexV1StandIn.start({ bot: schema });
 * const client = new LexRuntimeServiceClient(lex.clientConfig());
 * // … talk to the bot …
 * await lex.close();
 * ```
 */
export class LexV1StandIn {
  /** The HTTP server behind the stand-in (for fault scripting and call counts). */
  readonly server: StandInServer;
  /** The bot model that drives the dialog. */
  readonly model: LexBotModel;
  readonly #sessions: LexSessionTable;

  private constructor(server: StandInServer, options: LexStandInOptions) {
    this.server = server;
    this.model = new LexBotModel(options.bot);
    this.#sessions = new LexSessionTable(this.model, options);
    const on = (method: string, path: string, operation: string, handler: (r: StandInRequest) => StandInReply) =>
      server.route(method, path, operation, (request) => this.#guard(request, handler));
    on('POST', `${BASE}/text`, 'PostText', (r) => this.#postText(r));
    on('GET', `${BASE}/session`, 'GetSession', (r) => this.#getSession(r));
    on('GET', `${BASE}/session/`, 'GetSession', (r) => this.#getSession(r));
    on('POST', `${BASE}/session`, 'PutSession', (r) => this.#putSession(r));
    on('DELETE', `${BASE}/session`, 'DeleteSession', (r) => this.#deleteSession(r));
  }

  /**
   * Starts the stand-in on an ephemeral loopback port.
   *
   * @example
   * ```ts
   * const lex = await LexV1StandIn.start({ bot: schema });
   * ```
   */
  static async start(options: LexStandInOptions): Promise<LexV1StandIn> {
    return new LexV1StandIn(await StandInServer.start(), options);
  }

  /**
   * Client configuration for `LexRuntimeServiceClient`.
   *
   * @example
   * ```ts
   * new LexRuntimeServiceClient(lex.clientConfig({ maxAttempts: 1 }));
   * ```
   */
  clientConfig(options: { maxAttempts?: number } = {}): ReturnType<StandInServer['clientConfig']> {
    return this.server.clientConfig(options);
  }

  /**
   * A copy of a session's state, for assertions.
   *
   * @example
   * ```ts
   * lex.session('HomeImprovementBot', 'Prod', 'abc1234')?.intents[0]?.intentName;
   * ```
   */
  session(botName: string, botAlias: string, userId: string): BotSession | undefined {
    return this.#sessions.snapshot(`${botName}/${botAlias}/${userId}`);
  }

  /**
   * Makes the next `times` calls of `operation` fail with `LimitExceededException` (429, `Retry-After`).
   *
   * @example
   * ```ts
   * lex.throttleNext('PostText', 1, 0);
   * ```
   */
  throttleNext(operation: string, times: number, retryAfterSeconds: number): void {
    const reply = awsError('LimitExceededException', 429);
    reply.headers = { ...reply.headers, 'retry-after': String(retryAfterSeconds) };
    this.server.script(
      operation,
      Array.from({ length: times }, () => reply),
    );
  }

  /**
   * Stops the stand-in.
   *
   * @example
   * ```ts
   * await lex.close();
   * ```
   */
  close(): Promise<void> {
    return this.server.close();
  }

  #guard(request: StandInRequest, handler: (r: StandInRequest) => StandInReply): StandInReply {
    if (request.params.botName !== this.model.schema.name) return awsError('NotFoundException', 404, 'bot not found');
    if (!USER_ID.test(request.params.userId ?? '')) return awsError('BadRequestException', 400, 'invalid userId');
    try {
      return handler(request);
    } catch (error) {
      if (error instanceof BotModelError) return awsError('BadRequestException', 400, 'invalid dialog action');
      throw error;
    }
  }

  #key(request: StandInRequest): string {
    const { botName, botAlias, userId } = request.params;
    return `${botName}/${botAlias}/${userId}`;
  }

  #live(request: StandInRequest): BotSession | undefined {
    return this.#sessions.live(this.#key(request));
  }

  #open(request: StandInRequest): BotSession {
    return this.#sessions.open(this.#key(request), () => `${Date.now().toString(36)}-${this.#sessions.size + 1}`);
  }

  #postText(request: StandInRequest): StandInReply {
    const body = request.json<{ inputText?: string; sessionAttributes?: Record<string, string> }>() ?? {};
    const text = body.inputText ?? '';
    if (text.length < 1 || [...text].length > 1024) return awsError('BadRequestException', 400, 'invalid inputText');
    if (body.sessionAttributes && overSessionHeaderBudget(body.sessionAttributes)) {
      return awsError('BadRequestException', 400, 'session attributes too large');
    }
    const session = this.#open(request);
    if (body.sessionAttributes) session.attributes = { ...body.sessionAttributes };
    this.model.converse(session, text);
    const current = session.intents[0];
    return {
      json: compact({
        intentName: session.dialogState === 'ElicitIntent' ? undefined : current?.intentName,
        slots: session.dialogState === 'ElicitIntent' ? undefined : current?.slots,
        sessionAttributes: session.attributes,
        message: session.message,
        messageFormat: session.message ? 'PlainText' : undefined,
        dialogState: session.dialogState,
        slotToElicit: session.dialogState === 'ElicitSlot' ? current?.slotToElicit : undefined,
        sessionId: session.sessionId,
      }),
    };
  }

  #getSession(request: StandInRequest): StandInReply {
    const session = this.#live(request);
    if (!session) return awsError('NotFoundException', 404, 'session not found');
    const filter = request.query.get('checkpointLabelFilter') ?? undefined;
    if (filter !== undefined && !LABEL.test(filter))
      return awsError('BadRequestException', 400, 'invalid checkpointLabelFilter');
    const view = session.intents.slice(0, 3).filter((i) => filter === undefined || i.checkpointLabel === filter);
    return {
      json: compact({
        recentIntentSummaryView: view.map(toSummary),
        sessionAttributes: session.attributes,
        sessionId: session.sessionId,
        dialogAction: dialogActionOf(session),
      }),
    };
  }

  #putSession(request: StandInRequest): StandInReply {
    const body =
      request.json<{
        sessionAttributes?: Record<string, string>;
        dialogAction?: BotDialogAction;
        recentIntentSummaryView?: Array<Partial<BotIntentState>>;
      }>() ?? {};
    const view = body.recentIntentSummaryView;
    if (view && view.length > 3) return awsError('BadRequestException', 400, 'recentIntentSummaryView holds at most 3');
    if (view?.some((i) => i.checkpointLabel !== undefined && !LABEL.test(i.checkpointLabel))) {
      return awsError('BadRequestException', 400, 'invalid checkpointLabel');
    }
    if (view?.some((i) => !i.dialogActionType))
      return awsError('BadRequestException', 400, 'dialogActionType is required');
    if (body.sessionAttributes && overSessionHeaderBudget(body.sessionAttributes)) {
      return awsError('BadRequestException', 400, 'session attributes too large');
    }
    const session = this.#open(request);
    if (body.sessionAttributes) session.attributes = { ...body.sessionAttributes };
    if (view) session.intents = view.map((i) => this.#fromSummary(i));
    if (body.dialogAction) this.model.apply(session, body.dialogAction);
    const current = session.intents[0];
    const headers: Record<string, string> = {
      'content-type': 'text/plain; charset=utf-8',
      'x-amz-lex-session-id': session.sessionId,
      'x-amz-lex-session-attributes': base64Json(session.attributes),
    };
    if (session.dialogState) headers['x-amz-lex-dialog-state'] = session.dialogState;
    if (current && session.dialogState !== 'ElicitIntent') {
      headers['x-amz-lex-intent-name'] = current.intentName;
      headers['x-amz-lex-slots'] = base64Json(current.slots);
      if (session.dialogState === 'ElicitSlot' && current.slotToElicit)
        headers['x-amz-lex-slot-to-elicit'] = current.slotToElicit;
    }
    if (session.message) {
      headers['x-amz-lex-encoded-message'] = Buffer.from(session.message, 'utf8').toString('base64');
      headers['x-amz-lex-message-format'] = 'PlainText';
    }
    return { headers, body: '' };
  }

  #deleteSession(request: StandInRequest): StandInReply {
    const session = this.#live(request);
    if (!session) return awsError('NotFoundException', 404, 'session not found');
    this.#sessions.delete(this.#key(request));
    const { botName, botAlias, userId } = request.params;
    return { json: { botName, botAlias, userId, sessionId: session.sessionId } };
  }

  #fromSummary(summary: Partial<BotIntentState>): BotIntentState {
    const intent = this.model.intent(summary.intentName ?? '');
    if (!intent) throw new BotModelError('unknown intent in recentIntentSummaryView');
    this.model.checkSlotNames(intent, [
      ...Object.keys(summary.slots ?? {}),
      ...(summary.slotToElicit ? [summary.slotToElicit] : []),
    ]);
    return {
      intentName: intent.name,
      slots: Object.fromEntries(intent.slots.map((s) => [s.name, summary.slots?.[s.name] ?? null])),
      dialogActionType: summary.dialogActionType!,
      confirmationStatus: summary.confirmationStatus ?? 'None',
      ...(summary.slotToElicit ? { slotToElicit: summary.slotToElicit } : {}),
      ...(summary.fulfillmentState ? { fulfillmentState: summary.fulfillmentState } : {}),
      ...(summary.checkpointLabel ? { checkpointLabel: summary.checkpointLabel } : {}),
    };
  }
}

function toSummary(intent: BotIntentState): Record<string, unknown> {
  return compact({ ...intent });
}

/** Lex V1 GetSession's `dialogAction`: the current state (not a checkpoint). */
function dialogActionOf(session: BotSession): Record<string, unknown> | undefined {
  const current = session.intents[0];
  const state = session.dialogState;
  if (!state) return undefined;
  if (state === 'ElicitIntent' || !current) return { type: 'ElicitIntent' };
  const closed = state === 'Fulfilled' || state === 'Failed' || state === 'ReadyForFulfillment';
  return compact({
    type: closed ? 'Close' : state,
    intentName: current.intentName,
    slots: current.slots,
    slotToElicit: state === 'ElicitSlot' ? current.slotToElicit : undefined,
    fulfillmentState: closed ? state : undefined,
    message: session.message,
    messageFormat: session.message ? 'PlainText' : undefined,
  });
}

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function base64Json(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}
