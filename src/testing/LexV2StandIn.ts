/**
 * A local stand-in of the Lex V2 runtime (`runtime-v2-lex`, REST JSON) for one bot schema: RecognizeText,
 * GetSession, PutSession and DeleteSession. Like Lex V2 it keeps only the current intent visible and has no
 * checkpoints. It simulates the dialog with {@link LexBotModel}; it is not an NLU.
 *
 * Real SDK clients default to an HTTP/2 handler for Lex V2, and this stand-in speaks HTTP/1.1, so
 * {@link LexV2StandIn.clientConfig} includes a small HTTP/1.1 `requestHandler`; you can also pass
 * `requestHandler: new NodeHttpHandler()` from `@smithy/node-http-handler` yourself.
 *
 * @module
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { gzipSync } from 'node:zlib';
import { type BotDialogAction, BotModelError, type BotSession, LexBotModel, type LexBotSchema } from './LexBotModel.js';
import { LexSessionTable, overSessionHeaderBudget } from './LexSessionTable.js';
import { awsError, type StandInReply, type StandInRequest, StandInServer } from './StandInServer.js';

/** Options of {@link LexV2StandIn.start}. */
export interface LexV2StandInOptions {
  /** The bot the stand-in simulates. */
  bot: LexBotSchema;
  /** The bot id the stand-in answers to (10 upper-case letters or digits). Default `HOMEIMPBOT`. */
  botId?: string;
  /** Idle time after which a session expires. Default 5 minutes. */
  sessionTtlMs?: number;
  /** Clock, injectable for expiry tests. Default `Date.now`. */
  now?: () => number;
}

const BASE = '/bots/{botId}/botAliases/{botAliasId}/botLocales/{localeId}/sessions/{sessionId}';

interface V2Slot {
  value?: { originalValue?: string; interpretedValue?: string; resolvedValues?: string[] };
}
interface V2SessionState {
  dialogAction?: { type?: string; slotToElicit?: string };
  intent?: { name?: string; slots?: Record<string, V2Slot | null>; state?: string; confirmationState?: string };
  sessionAttributes?: Record<string, string>;
}

/**
 * @example
 * ```ts
 * const lex = await LexV2StandIn.start({ bot: schema, botId: 'HOMEIMPBOT' });
 * const client = new LexRuntimeV2Client({ ...lex.clientConfig(), requestHandler: new NodeHttpHandler() });
 * ```
 */
export class LexV2StandIn {
  /** The HTTP server behind the stand-in (for fault scripting and call counts). */
  readonly server: StandInServer;
  /** The bot model that drives the dialog. */
  readonly model: LexBotModel;
  /** The bot id the stand-in answers to. */
  readonly botId: string;
  readonly #sessions: LexSessionTable;

  private constructor(server: StandInServer, options: LexV2StandInOptions) {
    this.server = server;
    this.model = new LexBotModel(options.bot);
    this.botId = options.botId ?? 'HOMEIMPBOT';
    this.#sessions = new LexSessionTable(this.model, options);
    const on = (method: string, path: string, operation: string, handler: (r: StandInRequest) => StandInReply) =>
      server.route(method, path, operation, (request) => this.#guard(request, handler));
    on('POST', `${BASE}/text`, 'RecognizeText', (r) => this.#recognizeText(r));
    on('GET', BASE, 'GetSession', (r) => this.#getSession(r));
    on('POST', BASE, 'PutSession', (r) => this.#putSession(r));
    on('DELETE', BASE, 'DeleteSession', (r) => this.#deleteSession(r));
  }

  /**
   * Starts the stand-in on an ephemeral loopback port.
   *
   * @example
   * ```ts
   * const lex = await LexV2StandIn.start({ bot: schema });
   * ```
   */
  static async start(options: LexV2StandInOptions): Promise<LexV2StandIn> {
    return new LexV2StandIn(await StandInServer.start(), options);
  }

  /**
   * Client configuration for `LexRuntimeV2Client`: endpoint, region, test credentials, `maxAttempts` and an
   * HTTP/1.1 request handler (the client's default handler speaks HTTP/2, which this stand-in does not).
   *
   * @example
   * ```ts
   * new LexRuntimeV2Client(lex.clientConfig({ maxAttempts: 1 }));
   * ```
   */
  clientConfig(options: { maxAttempts?: number } = {}): ReturnType<StandInServer['clientConfig']> & {
    /** An HTTP/1.1 handler: the SDK's default for Lex V2 speaks HTTP/2, which the stand-in does not. */
    requestHandler: LoopbackHttp1Handler;
  } {
    return { ...this.server.clientConfig(options), requestHandler: new LoopbackHttp1Handler() };
  }

  /**
   * A copy of a session's state, for assertions.
   *
   * @example
   * ```ts
   * lex.session('TSTALIASID', 'en_US', 'abc1234')?.attributes;
   * ```
   */
  session(botAliasId: string, localeId: string, sessionId: string): BotSession | undefined {
    return this.#sessions.snapshot(`${botAliasId}/${localeId}/${sessionId}`);
  }

  /**
   * Makes the next `times` calls of `operation` fail with `ThrottlingException` (429).
   *
   * @example
   * ```ts
   * lex.throttleNext('RecognizeText', 1);
   * ```
   */
  throttleNext(operation: string, times: number): void {
    this.server.script(
      operation,
      Array.from({ length: times }, () => awsError('ThrottlingException', 429)),
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
    if (request.params.botId !== this.botId) return awsError('ResourceNotFoundException', 404, 'bot not found');
    if (!/^[0-9a-zA-Z._:-]{2,100}$/.test(request.params.sessionId ?? '')) {
      return awsError('ValidationException', 400, 'invalid sessionId');
    }
    try {
      return handler(request);
    } catch (error) {
      if (error instanceof BotModelError) return awsError('ValidationException', 400, 'invalid session state');
      throw error;
    }
  }

  #key(request: StandInRequest): string {
    const { botAliasId, localeId, sessionId } = request.params;
    return `${botAliasId}/${localeId}/${sessionId}`;
  }

  #live(request: StandInRequest): BotSession | undefined {
    return this.#sessions.live(this.#key(request));
  }

  #open(request: StandInRequest): BotSession {
    return this.#sessions.open(this.#key(request), () => request.params.sessionId ?? '');
  }

  #recognizeText(request: StandInRequest): StandInReply {
    const body = request.json<{ text?: string; sessionState?: V2SessionState }>() ?? {};
    const text = body.text ?? '';
    if (text.length < 1 || [...text].length > 1024) return awsError('ValidationException', 400, 'invalid text');
    const session = this.#open(request);
    if (body.sessionState) {
      const rejected = this.#applyState(session, body.sessionState);
      if (rejected) return rejected;
    }
    this.model.converse(session, text);
    return {
      json: {
        messages: messagesOf(session),
        sessionState: this.#stateOf(session),
        interpretations: session.intents[0]
          ? [{ intent: this.#stateOf(session).intent, nluConfidence: { score: 1 } }]
          : [],
        sessionId: session.sessionId,
      },
    };
  }

  #getSession(request: StandInRequest): StandInReply {
    const session = this.#live(request);
    if (!session) return awsError('ResourceNotFoundException', 404, 'session not found');
    return {
      json: { sessionId: session.sessionId, messages: messagesOf(session), sessionState: this.#stateOf(session) },
    };
  }

  #putSession(request: StandInRequest): StandInReply {
    const body = request.json<{ sessionState?: V2SessionState }>() ?? {};
    if (!body.sessionState) return awsError('ValidationException', 400, 'sessionState is required');
    const session = this.#open(request);
    const rejected = this.#applyState(session, body.sessionState);
    if (rejected) return rejected;
    return {
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'x-amz-lex-session-id': session.sessionId,
        'x-amz-lex-session-state': gzipBase64(this.#stateOf(session)),
        'x-amz-lex-messages': gzipBase64(messagesOf(session)),
      },
      body: '',
    };
  }

  #deleteSession(request: StandInRequest): StandInReply {
    const session = this.#live(request);
    if (!session) return awsError('ResourceNotFoundException', 404, 'session not found');
    this.#sessions.delete(this.#key(request));
    const { botId, botAliasId, localeId, sessionId } = request.params;
    return { json: { botId, botAliasId, localeId, sessionId } };
  }

  /** Applies a session state from PutSession or RecognizeText; returns an error reply when it is invalid. */
  #applyState(session: BotSession, state: V2SessionState): StandInReply | undefined {
    if (state.sessionAttributes) {
      if (overSessionHeaderBudget(state.sessionAttributes)) {
        return awsError('ValidationException', 400, 'session attributes too large');
      }
      session.attributes = { ...state.sessionAttributes };
    }
    const intent = state.intent;
    const type = state.dialogAction?.type;
    if (!intent?.name) {
      if (type === 'ElicitIntent') this.model.apply(session, { type: 'ElicitIntent' });
      return undefined;
    }
    const slots: Record<string, string | undefined> = {};
    for (const [name, slot] of Object.entries(intent.slots ?? {})) slots[name] = slot?.value?.interpretedValue;
    const action: BotDialogAction = { type: 'Delegate', intentName: intent.name, slots };
    if (type === 'ElicitSlot') {
      action.type = 'ElicitSlot';
      action.slotToElicit = state.dialogAction?.slotToElicit;
    } else if (type === 'ConfirmIntent') action.type = 'ConfirmIntent';
    else if (type === 'Close') {
      action.type = 'Close';
      action.fulfillmentState = intent.state === 'Failed' ? 'Failed' : 'Fulfilled';
    }
    this.model.apply(session, action);
    return undefined;
  }

  #stateOf(session: BotSession): Required<Pick<V2SessionState, 'dialogAction' | 'sessionAttributes'>> & V2SessionState {
    const current = session.intents[0];
    const dialog = session.dialogState;
    const dialogAction =
      dialog === 'ElicitSlot'
        ? { type: 'ElicitSlot', slotToElicit: current?.slotToElicit ?? '' }
        : dialog === 'ConfirmIntent'
          ? { type: 'ConfirmIntent' }
          : dialog === 'ElicitIntent' || dialog === undefined
            ? { type: 'ElicitIntent' }
            : { type: 'Close' };
    const state: V2SessionState & Required<Pick<V2SessionState, 'dialogAction' | 'sessionAttributes'>> = {
      dialogAction,
      sessionAttributes: session.attributes,
    };
    if (current && dialog !== 'ElicitIntent' && dialog !== undefined) {
      const closed = dialog === 'Fulfilled' || dialog === 'Failed' || dialog === 'ReadyForFulfillment';
      state.intent = {
        name: current.intentName,
        slots: Object.fromEntries(
          Object.entries(current.slots).map(([name, value]) => [
            name,
            value === null
              ? null
              : { value: { originalValue: value, interpretedValue: value, resolvedValues: [value] } },
          ]),
        ),
        state: closed ? dialog : 'InProgress',
        confirmationState: current.confirmationStatus,
      };
    }
    return state;
  }
}

function messagesOf(session: BotSession): Array<{ content: string; contentType: string }> {
  return session.message ? [{ content: session.message, contentType: 'PlainText' }] : [];
}

function gzipBase64(value: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(value), 'utf8')).toString('base64');
}

/** The parts of an SDK v3 HTTP request {@link LoopbackHttp1Handler} reads (structurally typed; no SDK import). */
export interface LoopbackHttpRequest {
  /** `http:`; ignored (loopback only). */
  protocol?: string;
  /** The stand-in's host. */
  hostname: string;
  /** The stand-in's port. */
  port?: number;
  /** The HTTP method. */
  method: string;
  /** The path, without the query. */
  path: string;
  /** Query parameters. */
  query?: Record<string, string | string[] | null>;
  /** Request headers. */
  headers: Record<string, string>;
  /** The request body: text, bytes or a stream. */
  body?: unknown;
}

/** The response {@link LoopbackHttp1Handler} hands to the SDK. */
export interface LoopbackHttpResponse {
  /** The HTTP status. */
  statusCode: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** The body stream, read by the SDK's deserialiser. */
  body: IncomingMessage;
}

/**
 * A minimal HTTP/1.1 request handler for AWS SDK v3 clients talking to a loopback stand-in. It implements the
 * SDK's handler shape structurally (`handle`, `updateHttpClientConfig`, `httpHandlerConfigs`, `destroy`).
 *
 * @example
 * ```ts
 * const client = new LexRuntimeV2Client({ ...lex.clientConfig(), requestHandler: new LoopbackHttp1Handler() });
 * ```
 */
export class LoopbackHttp1Handler {
  /** Tells the SDK which protocol this handler speaks. */
  readonly metadata: {
    /** Always `http/1.1`. */
    handlerProtocol: string;
  } = { handlerProtocol: 'http/1.1' };

  /**
   * Sends one request; rejects with an `AbortError` when `abortSignal` fires. Called by the SDK client.
   *
   * @example
   * ```ts
   * const client = new LexRuntimeV2Client({ ...lex.clientConfig(), requestHandler: new LoopbackHttp1Handler() });
   * ```
   */
  handle(
    request: LoopbackHttpRequest,
    // The SDK may pass its own AbortSignal-like object; the DOM AbortSignal is what it is at run time.
    options: { abortSignal?: unknown } = {},
  ): Promise<{
    /** The response, its body still to be read. */
    response: LoopbackHttpResponse;
  }> {
    return new Promise((resolve, reject) => {
      const signal = options.abortSignal as AbortSignal | undefined;
      const abortError = (): Error => Object.assign(new Error('Request aborted'), { name: 'AbortError' });
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(request.query ?? {})) {
        for (const v of Array.isArray(value) ? value : [value]) if (v !== null) search.append(key, v);
      }
      const query = search.toString();
      const req = httpRequest(
        {
          host: request.hostname,
          port: request.port,
          method: request.method,
          path: query ? `${request.path}?${query}` : request.path,
          headers: request.headers,
        },
        (res) => {
          const headers: Record<string, string> = {};
          for (const [key, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ response: { statusCode: res.statusCode ?? 0, headers, body: res } });
        },
      );
      const onAbort = (): void => {
        req.destroy(abortError());
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('close', () => signal?.removeEventListener('abort', onAbort));
      req.on('error', reject);
      const body = request.body;
      if (body === undefined || body === null) req.end();
      else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
      else if (typeof (body as { pipe?: unknown }).pipe === 'function') (body as NodeJS.ReadableStream).pipe(req);
      else req.end(String(body));
    });
  }

  /**
   * Part of the SDK handler shape; nothing to configure.
   *
   * @example
   * ```ts
   * handler.updateHttpClientConfig();
   * ```
   */
  updateHttpClientConfig(): void {}

  /**
   * Part of the SDK handler shape.
   *
   * @example
   * ```ts
   * handler.httpHandlerConfigs(); // {}
   * ```
   */
  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  /**
   * Part of the SDK handler shape; there is no connection pool to close.
   *
   * @example
   * ```ts
   * handler.destroy();
   * ```
   */
  destroy(): void {}
}
