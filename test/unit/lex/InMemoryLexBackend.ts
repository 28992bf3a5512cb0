/**
 * An in-memory LexBackend over the stand-ins' bot model, for fast unit and property tests of
 * LexCheckpointSession without HTTP. `native: true` behaves like Lex V1 (labels in a 3-entry view),
 * `native: false` like Lex V2 (only the current intent, no labels).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ServiceError } from '../../../src/kit/errors.js';
import type { BackendSession, BackendWrite, IntentSnapshot, LexBackend, LexTurn } from '../../../src/lex/index.js';
import {
  type BotIntentState,
  type BotSession,
  LexBotModel,
  type LexBotSchema,
} from '../../../src/testing/LexBotModel.js';

export const BOT: LexBotSchema = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../fixtures/lex/home-improvement-bot.json'), 'utf8'),
);

let counter = 0;

export class InMemoryLexBackend implements LexBackend {
  readonly version: 'v1' | 'v2';
  readonly nativeCheckpoints: boolean;
  readonly conversationKey = `memory/${++counter}`;
  readonly model = new LexBotModel(BOT);
  session: BotSession | undefined;
  requests = 0;

  constructor(options: { native: boolean }) {
    this.nativeCheckpoints = options.native;
    this.version = options.native ? 'v1' : 'v2';
  }

  async postText(text: string): Promise<LexTurn> {
    this.session ??= this.model.newSession('mem', 0);
    this.model.converse(this.session, text);
    return this.#turn();
  }

  async getSession(_signal: AbortSignal | undefined, filter?: string): Promise<BackendSession> {
    const session = this.#require();
    const view = session.intents.slice(0, this.nativeCheckpoints ? 3 : 1).map((i) => this.#snapshot(i));
    const current = session.intents[0];
    return {
      requestId: `mem-${this.requests}`,
      sessionId: session.sessionId,
      recentIntents: filter === undefined ? view : view.filter((i) => i.checkpointLabel === filter),
      dialogAction: current ? { type: current.dialogActionType, intentName: current.intentName } : undefined,
      sessionAttributes: { ...session.attributes },
      raw: undefined,
    };
  }

  async putSession(write: BackendWrite): Promise<LexTurn> {
    const session = this.#require();
    session.attributes = { ...write.sessionAttributes };
    if (write.recentIntents && this.nativeCheckpoints) {
      const rest = session.intents.slice(3);
      session.intents = [
        ...write.recentIntents.map(
          (i): BotIntentState => ({
            intentName: i.intentName,
            slots: Object.fromEntries(Object.entries(i.slots).map(([k, v]) => [k, v ?? null])),
            dialogActionType: i.dialogActionType,
            slotToElicit: i.slotToElicit,
            confirmationStatus: i.confirmationStatus ?? 'None',
            fulfillmentState: i.fulfillmentState,
            checkpointLabel: i.checkpointLabel,
          }),
        ),
        ...rest.map(({ checkpointLabel: _gone, ...i }) => i),
      ];
    }
    if (write.dialogAction) this.model.apply(session, write.dialogAction);
    return this.#turn();
  }

  async deleteSession() {
    this.#require();
    this.session = undefined;
    return { requestId: 'mem', sessionId: 'mem' };
  }

  destroy(): void {}

  #require(): BotSession {
    this.requests++;
    if (!this.session) {
      throw new ServiceError('LexRuntime.GetSession failed with NotFoundException', {
        service: 'LexRuntime',
        operation: 'GetSession',
        errorName: 'NotFoundException',
        httpStatusCode: 404,
        code: 'NOT_FOUND',
      });
    }
    return this.session;
  }

  #snapshot(intent: BotIntentState): IntentSnapshot {
    return {
      intentName: intent.intentName,
      slots: Object.fromEntries(Object.entries(intent.slots).map(([k, v]) => [k, v ?? undefined])),
      dialogActionType: intent.dialogActionType,
      ...(intent.slotToElicit ? { slotToElicit: intent.slotToElicit } : {}),
      ...(this.nativeCheckpoints && intent.checkpointLabel ? { checkpointLabel: intent.checkpointLabel } : {}),
    };
  }

  #turn(): LexTurn {
    const session = this.session!;
    const current = session.intents[0];
    return {
      requestId: `mem-${this.requests}`,
      sessionId: session.sessionId,
      intentName: current?.intentName,
      dialogState: session.dialogState,
      slots: Object.fromEntries(Object.entries(current?.slots ?? {}).map(([k, v]) => [k, v ?? undefined])),
      slotToElicit: current?.slotToElicit,
      message: session.message,
      messages: session.message ? [session.message] : [],
      sessionAttributes: { ...session.attributes },
    };
  }
}
