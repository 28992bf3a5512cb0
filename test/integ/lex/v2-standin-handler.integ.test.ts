/**
 * LexV2StandIn.clientConfig() works with a plain LexRuntimeV2Client (its default handler speaks HTTP/2; the
 * stand-in's config brings an HTTP/1.1 one), including cancellation.
 */
import { GetSessionCommand, LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LexCheckpointSession } from '../../../src/lex/index.js';
import { LexV2StandIn } from '../../../src/testing/index.js';
import { BOT, V2_BOT_ID } from './harness.js';

describe('LexV2StandIn.clientConfig', () => {
  let lex: LexV2StandIn;
  let client: LexRuntimeV2Client;
  beforeAll(async () => {
    lex = await LexV2StandIn.start({ bot: BOT, botId: V2_BOT_ID });
    client = new LexRuntimeV2Client(lex.clientConfig({ maxAttempts: 1 }));
  });
  afterAll(async () => {
    client.destroy();
    await lex.close();
  });
  const ids = { botId: V2_BOT_ID, botAliasId: 'TSTALIASID', localeId: 'en_US' };

  it('serves a conversation to a client built from it alone', async () => {
    const session = LexCheckpointSession.v2({ client, ...ids, sessionId: 'handler-1' });
    await expect(session.postText('windows, large')).resolves.toMatchObject({ slotToElicit: 'windowStyle' });
    const raw = await client.send(new GetSessionCommand({ ...ids, sessionId: 'handler-1' }));
    expect(raw.sessionState?.intent?.name).toBe('OrderWindows');
    expect(lex.session('TSTALIASID', 'en_US', 'handler-1')?.intents[0]?.slots).toEqual({
      windowSize: 'large',
      windowStyle: null,
    });
  });

  it('answers an unknown bot with ResourceNotFoundException and cancels in-flight requests', async () => {
    const other = LexCheckpointSession.v2({ client, ...ids, botId: 'NOSUCHBOT1', sessionId: 'handler-2' });
    await expect(other.postText('hello')).rejects.toMatchObject({ name: 'ServiceError', code: 'NOT_FOUND' });

    lex.server.script('RecognizeText', [{ json: {}, delayMs: 5_000 }]);
    const session = LexCheckpointSession.v2({ client, ...ids, sessionId: 'handler-3' });
    const reason = new Error('user left');
    const controller = new AbortController();
    const pending = session.postText('windows', { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 30);
    await expect(pending).rejects.toBe(reason);
  });
});
