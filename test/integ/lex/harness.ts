import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LexRuntimeServiceClient } from '@aws-sdk/client-lex-runtime-service';
import { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Logger } from '../../../src/kit/log.js';
import { LexCheckpointSession, type LexSessionOptions } from '../../../src/lex/index.js';
import type { LexBotSchema } from '../../../src/testing/LexBotModel.js';
import { LexV1StandIn } from '../../../src/testing/LexV1StandIn.js';
import { LexV2StandIn } from '../../../src/testing/LexV2StandIn.js';

/** The home-improvement bot of the original walk-through. */
export const BOT: LexBotSchema = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../fixtures/lex/home-improvement-bot.json'), 'utf8'),
);
export const V2_BOT_ID = 'HOMEIMPBOT';

/** A stand-in of one runtime and a factory of sessions talking to it through the real SDK client. */
export interface Runtime {
  readonly version: 'v1' | 'v2';
  session(userId: string, options?: LexSessionOptions & { maxAttempts?: number }): LexCheckpointSession;
  throttleNext(operation: 'PostText' | 'GetSession' | 'PutSession', times: number, retryAfterSeconds: number): void;
  calls(operation: 'PostText' | 'GetSession' | 'PutSession' | 'DeleteSession'): number;
  close(): Promise<void>;
}

/** Starts a V1 stand-in and returns a factory of V1 sessions. */
export async function startV1(options: { sessionTtlMs?: number; now?: () => number } = {}): Promise<Runtime> {
  const lex = await LexV1StandIn.start({ bot: BOT, ...options });
  const clients: LexRuntimeServiceClient[] = [];
  return {
    version: 'v1',
    session(userId, { maxAttempts, ...rest } = {}) {
      const client = new LexRuntimeServiceClient(lex.clientConfig({ maxAttempts: maxAttempts ?? 1 }));
      clients.push(client);
      return new LexCheckpointSession({ client, botName: BOT.name, botAlias: 'Prod', userId, ...rest });
    },
    throttleNext: (operation, times, seconds) => lex.throttleNext(operation, times, seconds),
    calls: (operation) => lex.server.callsOf(operation).length,
    async close() {
      for (const c of clients) c.destroy();
      await lex.close();
    },
  };
}

/** Starts a V2 stand-in and returns a factory of V2 sessions (HTTP/1.1 handler: the stand-in is not HTTP/2). */
export async function startV2(options: { sessionTtlMs?: number; now?: () => number } = {}): Promise<Runtime> {
  const lex = await LexV2StandIn.start({ bot: BOT, botId: V2_BOT_ID, ...options });
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
    throttleNext: (operation, times) => lex.throttleNext(map[operation], times),
    calls: (operation) => lex.server.callsOf(map[operation]).length,
    async close() {
      for (const c of clients) c.destroy();
      await lex.close();
    },
  };
}

export type { Logger };
