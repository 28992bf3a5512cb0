import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LexRuntimeServiceClient, PutSessionCommand } from '@aws-sdk/client-lex-runtime-service';
import {
  GetSessionCommand,
  LexRuntimeV2Client,
  PutSessionCommand as PutSessionV2Command,
} from '@aws-sdk/client-lex-runtime-v2';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { SendableClient } from '../../../src/kit/clients.js';
import type { Logger } from '../../../src/kit/log.js';
import { LexCheckpointSession, type LexSessionOptions } from '../../../src/lex/index.js';
import type { LexBotSchema } from '../../../src/testing/LexBotModel.js';
import { LexV1StandIn } from '../../../src/testing/LexV1StandIn.js';
import { LexV2StandIn } from '../../../src/testing/LexV2StandIn.js';
import { awsError } from '../../../src/testing/StandInServer.js';

/** The home-improvement bot of the original walk-through. */
export const BOT: LexBotSchema = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../fixtures/lex/home-improvement-bot.json'), 'utf8'),
);
export const V2_BOT_ID = 'HOMEIMPBOT';

/** Stand-in options: another bot, session expiry and a clock. */
export interface StartOptions {
  bot?: LexBotSchema;
  sessionTtlMs?: number;
  now?: () => number;
}

/** A stand-in of one runtime and a factory of sessions talking to it through the real SDK client. */
export interface Runtime {
  readonly version: 'v1' | 'v2';
  session(userId: string, options?: LexSessionOptions & { maxAttempts?: number }): LexCheckpointSession;
  /** A session whose SDK client is wrapped, e.g. to interleave another writer's calls. */
  wrappedSession(
    userId: string,
    wrap: (client: SendableClient) => SendableClient,
    options?: LexSessionOptions,
  ): LexCheckpointSession;
  throttleNext(operation: 'PostText' | 'GetSession' | 'PutSession', times: number, retryAfterSeconds: number): void;
  calls(operation: 'PostText' | 'GetSession' | 'PutSession' | 'DeleteSession'): number;
  /** Makes the next call of `operation` fail with this error (its message may echo input, as services do). */
  failNext(
    operation: 'PostText' | 'GetSession' | 'PutSession',
    errorName: string,
    status: number,
    message: string,
  ): void;
  /** Writes session attributes behind the session's back, as another process would. */
  foreignWrite(userId: string, attributes: Record<string, string>): Promise<void>;
  /** Session attributes as the stand-in holds them. */
  attributes(userId: string): Record<string, string> | undefined;
  close(): Promise<void>;
}

/** Starts a V1 stand-in and returns a factory of V1 sessions. */
export async function startV1(options: StartOptions = {}): Promise<Runtime> {
  const lex = await LexV1StandIn.start({ bot: options.bot ?? BOT, ...stripBot(options) });
  const clients: LexRuntimeServiceClient[] = [];
  return {
    version: 'v1',
    session(userId, { maxAttempts, ...rest } = {}) {
      const client = new LexRuntimeServiceClient(lex.clientConfig({ maxAttempts: maxAttempts ?? 1 }));
      clients.push(client);
      return new LexCheckpointSession({
        client,
        botName: (options.bot ?? BOT).name,
        botAlias: 'Prod',
        userId,
        ...rest,
      });
    },
    wrappedSession(userId, wrap, rest = {}) {
      const client = new LexRuntimeServiceClient(lex.clientConfig({ maxAttempts: 1 }));
      clients.push(client);
      const wrapped = wrap(client) as unknown as LexRuntimeServiceClient;
      return new LexCheckpointSession({
        client: wrapped,
        botName: (options.bot ?? BOT).name,
        botAlias: 'Prod',
        userId,
        ...rest,
      });
    },
    throttleNext: (operation, times, seconds) => lex.throttleNext(operation, times, seconds),
    calls: (operation) => lex.server.callsOf(operation).length,
    failNext: (operation, name, status, message) => lex.server.script(operation, [awsError(name, status, message)]),
    async foreignWrite(userId, attributes) {
      const client = new LexRuntimeServiceClient(lex.clientConfig({ maxAttempts: 1 }));
      await client.send(
        new PutSessionCommand({
          botName: (options.bot ?? BOT).name,
          botAlias: 'Prod',
          userId,
          sessionAttributes: attributes,
        }),
      );
      client.destroy();
    },
    attributes: (userId) => lex.session((options.bot ?? BOT).name, 'Prod', userId)?.attributes,
    async close() {
      for (const c of clients) c.destroy();
      await lex.close();
    },
  };
}

/** Starts a V2 stand-in and returns a factory of V2 sessions (HTTP/1.1 handler: the stand-in is not HTTP/2). */
export async function startV2(options: StartOptions = {}): Promise<Runtime> {
  const lex = await LexV2StandIn.start({ bot: options.bot ?? BOT, botId: V2_BOT_ID, ...stripBot(options) });
  const clients: LexRuntimeV2Client[] = [];
  const map = {
    PostText: 'RecognizeText',
    GetSession: 'GetSession',
    PutSession: 'PutSession',
    DeleteSession: 'DeleteSession',
  };
  return {
    version: 'v2',
    session(sessionId, { maxAttempts, ...rest } = {}) {
      const client = new LexRuntimeV2Client({
        ...lex.clientConfig({ maxAttempts: maxAttempts ?? 1 }),
        requestHandler: new NodeHttpHandler(),
      });
      clients.push(client);
      return LexCheckpointSession.v2({
        client,
        botId: V2_BOT_ID,
        botAliasId: 'TSTALIASID',
        localeId: 'en_US',
        sessionId,
        ...rest,
      });
    },
    wrappedSession(sessionId, wrap, rest = {}) {
      const client = new LexRuntimeV2Client({
        ...lex.clientConfig({ maxAttempts: 1 }),
        requestHandler: new NodeHttpHandler(),
      });
      clients.push(client);
      const wrapped = wrap(client) as unknown as LexRuntimeV2Client;
      return LexCheckpointSession.v2({
        client: wrapped,
        botId: V2_BOT_ID,
        botAliasId: 'TSTALIASID',
        localeId: 'en_US',
        sessionId,
        ...rest,
      });
    },
    throttleNext: (operation, times) => lex.throttleNext(map[operation], times),
    calls: (operation) => lex.server.callsOf(map[operation]).length,
    failNext: (operation, name, status, message) =>
      lex.server.script(map[operation], [awsError(name, status, message)]),
    async foreignWrite(sessionId, attributes) {
      const client = new LexRuntimeV2Client({
        ...lex.clientConfig({ maxAttempts: 1 }),
        requestHandler: new NodeHttpHandler(),
      });
      const ids = { botId: V2_BOT_ID, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId };
      const current = await client.send(new GetSessionCommand(ids));
      await client.send(
        new PutSessionV2Command({ ...ids, sessionState: { ...current.sessionState, sessionAttributes: attributes } }),
      );
      client.destroy();
    },
    attributes: (sessionId) => lex.session('TSTALIASID', 'en_US', sessionId)?.attributes,
    async close() {
      for (const c of clients) c.destroy();
      await lex.close();
    },
  };
}

export type { Logger };

function stripBot(options: StartOptions): { sessionTtlMs?: number; now?: () => number } {
  const { bot: _bot, ...rest } = options;
  return rest;
}
