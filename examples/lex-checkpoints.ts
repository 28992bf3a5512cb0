/**
 * The home-improvement conversation of the original Lex checkpoints post, done with `LexCheckpointSession`:
 * the user starts ordering windows, digresses to curtains, and comes back to the windows exactly where they
 * left off (windowSize = large, the bot asks for windowStyle). The same conversation code runs on Lex V1 and
 * Lex V2.
 *
 *   npx tsx examples/lex-checkpoints.ts     # offline: Lex V1 and Lex V2 stand-ins simulate the bot
 *   AWS_ML_KIT_LIVE=1 LEX_V2_BOT_ID=ABCDEFGHIJ LEX_V2_BOT_ALIAS_ID=TSTALIASID npx tsx examples/lex-checkpoints.ts
 *   AWS_ML_KIT_LIVE=1 LEX_BOT_NAME=HomeImprovementBot LEX_BOT_ALIAS=Prod npx tsx examples/lex-checkpoints.ts  # V1 (end of support 15 Sep 2025)
 *
 * Live, the bot must have OrderWindows (windowSize, windowStyle) and OrderCurtains (curtainSize, curtainStyle)
 * intents; test/fixtures/lex/home-improvement-bot.json lists the slot values the utterances use. Writes the
 * transcript to examples/out/lex-checkpoints.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LexRuntimeServiceClient } from '@aws-sdk/client-lex-runtime-service';
import { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { LexCheckpointSession, type LexTurn } from '../src/lex/index.js';
import { type LexBotSchema, LexV1StandIn, LexV2StandIn } from '../src/testing/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'examples/out');
mkdirSync(OUT, { recursive: true });
const bot: LexBotSchema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/lex/home-improvement-bot.json'), 'utf8'));

interface TranscriptLine {
  step: string;
  user?: string;
  bot?: string | undefined;
  intent?: string | undefined;
  dialogState?: string | undefined;
  slotToElicit?: string | undefined;
  slots?: Record<string, string | undefined>;
  requestId?: string | undefined;
}

/** The conversation: identical for V1 and V2. */
async function converse(session: LexCheckpointSession): Promise<TranscriptLine[]> {
  const transcript: TranscriptLine[] = [];
  const note = (step: string, turn: LexTurn, user?: string) =>
    transcript.push({
      step,
      ...(user ? { user } : {}),
      bot: turn.message,
      intent: turn.intentName,
      dialogState: turn.dialogState,
      slotToElicit: turn.slotToElicit,
      slots: { ...turn.slots },
      requestId: turn.requestId,
    });
  const say = async (text: string) => note('postText', await session.postText(text), text);

  await say('I would like to order some windows');
  await say('large');
  // The user digresses: label where the windows stand and switch to curtains in one call.
  const digressed = await session.digress('OrderCurtains', { checkpointLabel: 'windowSelection' });
  note(`digress → stack [${digressed.digressionStack.join(', ')}]`, digressed);
  await say('floor-length');
  await say('blackout');
  const listed = await session.listCheckpoints();
  transcript.push({
    step: `listCheckpoints → ${listed.checkpoints.map((c) => `${c.label}@${c.intentName}`).join(', ')}`,
  });
  // Curtains are done: go back to the windows, which asks for windowStyle with windowSize still large.
  const back = await session.returnFromDigression();
  note(`returnFromDigression → ${back.label}`, back);
  await say('casement');
  await say('yes');
  await session.deleteSession();
  return transcript;
}

const live = process.env.AWS_ML_KIT_LIVE === '1';
const results: Record<string, TranscriptLine[]> = {};

if (live && process.env.LEX_V2_BOT_ID) {
  const client = new LexRuntimeV2Client({});
  results.v2 = await converse(
    LexCheckpointSession.v2({
      client,
      botId: process.env.LEX_V2_BOT_ID,
      botAliasId: process.env.LEX_V2_BOT_ALIAS_ID ?? 'TSTALIASID',
      localeId: process.env.LEX_LOCALE ?? 'en_US',
      sessionId: `example-${Date.now()}`,
    }),
  );
  client.destroy();
} else if (live && process.env.LEX_BOT_NAME) {
  const client = new LexRuntimeServiceClient({});
  results.v1 = await converse(
    new LexCheckpointSession({
      client,
      botName: process.env.LEX_BOT_NAME,
      botAlias: process.env.LEX_BOT_ALIAS ?? 'Prod',
      userId: `example-${Date.now()}`,
    }),
  );
  client.destroy();
} else if (live) {
  throw new Error('AWS_ML_KIT_LIVE=1 needs LEX_V2_BOT_ID (Lex V2) or LEX_BOT_NAME (Lex V1)');
} else {
  const v1 = await LexV1StandIn.start({ bot });
  const v2 = await LexV2StandIn.start({ bot, botId: 'HOMEIMPBOT' });
  const v1Client = new LexRuntimeServiceClient(v1.clientConfig());
  const v2Client = new LexRuntimeV2Client(v2.clientConfig());
  try {
    results.v1 = await converse(
      new LexCheckpointSession({ client: v1Client, botName: bot.name, botAlias: 'Prod', userId: 'abc1234' }),
    );
    results.v2 = await converse(
      LexCheckpointSession.v2({
        client: v2Client,
        botId: 'HOMEIMPBOT',
        botAliasId: 'TSTALIASID',
        localeId: 'en_US',
        sessionId: 'abc1234',
      }),
    );
  } finally {
    v1Client.destroy();
    v2Client.destroy();
    await Promise.all([v1.close(), v2.close()]);
  }
}

writeFileSync(join(OUT, 'lex-checkpoints.json'), `${JSON.stringify({ live, ...results }, null, 2)}\n`);
for (const [version, lines] of Object.entries(results)) {
  console.log(`\n${version.toUpperCase()}${live ? ' (live)' : ' (stand-in)'}`);
  for (const line of lines)
    console.log(`${line.step.padEnd(34)} ${line.user ? `"${line.user}" → ` : ''}${line.bot ?? ''}`);
}
console.log('\nwrote examples/out/lex-checkpoints.json');
