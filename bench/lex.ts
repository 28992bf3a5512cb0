/**
 * LexCheckpointSession — per-operation overhead against raw SDK `send()`, on the same local stand-in.
 *
 *   npx tsx bench/lex.ts            # ITERATIONS=300 by default
 *
 * For each operation the session method and the hand-written raw SDK calls that do the same job run against
 * the same stand-in with the same client, alternately, for a fixed number of iterations (after a warm-up).
 * Reported: median µs per operation for both and the ratio. The stand-in's own work is in both numbers, so the
 * ratio is an upper bound on what the library adds; against real Lex (tens of ms per call) it is negligible
 * except where the library makes extra calls (checkpoint's read-back, which `verifyWrites: false` removes).
 *
 * Writes bench/out/lex.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import {
  GetSessionCommand,
  LexRuntimeServiceClient,
  PostTextCommand,
  PutSessionCommand,
} from '@aws-sdk/client-lex-runtime-service';
import {
  GetSessionCommand as GetSessionV2Command,
  LexRuntimeV2Client,
  PutSessionCommand as PutSessionV2Command,
  RecognizeTextCommand,
} from '@aws-sdk/client-lex-runtime-v2';
import { LexCheckpointSession } from '../src/lex/index.js';
import { type LexBotSchema, LexV1StandIn, LexV2StandIn } from '../src/testing/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const ITERATIONS = Number(process.env.ITERATIONS ?? 300);
const WARMUP = 30;
const bot: LexBotSchema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/lex/home-improvement-bot.json'), 'utf8'));

interface Row {
  runtime: string;
  operation: string;
  calls: string;
  sessionUsPerOp: number;
  rawUsPerOp: number;
  ratio: number;
}

/**
 * Runs `ours` and `raw` alternately for a fixed number of iterations and returns the median µs per op of each
 * (medians, because the machine is shared and single slow iterations would dominate a mean).
 */
async function compare(ours: () => Promise<unknown>, raw: () => Promise<unknown>): Promise<[number, number]> {
  for (let i = 0; i < WARMUP; i++) {
    await ours();
    await raw();
  }
  const oursUs: number[] = [];
  const rawUs: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    let t = performance.now();
    await ours();
    oursUs.push((performance.now() - t) * 1000);
    t = performance.now();
    await raw();
    rawUs.push((performance.now() - t) * 1000);
  }
  return [median(oursUs), median(rawUs)];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const rows: Row[] = [];
const row = (runtime: string, operation: string, calls: string, [ours, raw]: [number, number]) =>
  rows.push({
    runtime,
    operation,
    calls,
    sessionUsPerOp: Math.round(ours),
    rawUsPerOp: Math.round(raw),
    ratio: Number((ours / raw).toFixed(2)),
  });

// Lex V1
{
  const lex = await LexV1StandIn.start({ bot });
  const client = new LexRuntimeServiceClient(lex.clientConfig({ maxAttempts: 1 }));
  const ids = { botName: bot.name, botAlias: 'Prod', userId: 'bench-v1' };
  const session = new LexCheckpointSession({ client, ...ids });
  const fast = new LexCheckpointSession({ client, ...ids, verifyWrites: false });
  await session.postText('windows');
  await session.postText('large');

  row(
    'v1',
    'postText',
    'PostText',
    await compare(
      () => session.postText('windows'),
      () => client.send(new PostTextCommand({ ...ids, inputText: 'windows' })),
    ),
  );
  row(
    'v1',
    'getSession',
    'GetSession',
    await compare(
      () => session.getSession(),
      () => client.send(new GetSessionCommand(ids)),
    ),
  );
  // Raw checkpoint by hand: GET, label the first summary, PUT the whole view back with the current dialog.
  const rawCheckpoint = async () => {
    const got = await client.send(new GetSessionCommand(ids));
    const view = (got.recentIntentSummaryView ?? []).map((s, i) => (i === 0 ? { ...s, checkpointLabel: 'raw' } : s));
    const { message: _m, messageFormat: _f, ...dialogAction } = got.dialogAction ?? { type: 'ElicitIntent' };
    const put = await client.send(
      new PutSessionCommand({
        ...ids,
        recentIntentSummaryView: view,
        dialogAction,
        sessionAttributes: got.sessionAttributes ?? {},
      }),
    );
    // PutSession's body is a stream: unread, it holds its socket, and the client stalls after 50 calls.
    await put.audioStream?.transformToByteArray();
  };
  row(
    'v1',
    'checkpoint (verified)',
    'Get+Put+Get vs Get+Put',
    await compare(() => session.checkpoint('bench'), rawCheckpoint),
  );
  row(
    'v1',
    'checkpoint (verifyWrites: false)',
    'Get+Put vs Get+Put',
    await compare(() => fast.checkpoint('bench'), rawCheckpoint),
  );
  // Raw resume by hand: GET with the label filter, PUT an ElicitSlot rebuilt from the summary. (It leaves the
  // label in Lex's view; the session writes the view back without it, in the same two calls.)
  const rawResume = async () => {
    const got = await client.send(new GetSessionCommand({ ...ids, checkpointLabelFilter: 'raw' }));
    const s = got.recentIntentSummaryView?.[0];
    const put = await client.send(
      new PutSessionCommand({
        ...ids,
        dialogAction: { type: 'ElicitSlot', intentName: s?.intentName, slots: s?.slots, slotToElicit: s?.slotToElicit },
        accept: 'text/plain; charset=utf-8',
      }),
    );
    await put.audioStream?.transformToByteArray();
  };
  row(
    'v1',
    'checkpoint + resume (verifyWrites: false)',
    'Get+Put+Get+Put',
    await compare(
      async () => {
        await fast.checkpoint('bench');
        await fast.resume('bench');
      },
      async () => {
        await rawCheckpoint();
        await rawResume();
      },
    ),
  );
  client.destroy();
  await lex.close();
}

// Lex V2
{
  const lex = await LexV2StandIn.start({ bot, botId: 'HOMEIMPBOT' });
  const client = new LexRuntimeV2Client(lex.clientConfig({ maxAttempts: 1 }));
  const ids = { botId: 'HOMEIMPBOT', botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'bench-v2' };
  const session = LexCheckpointSession.v2({ client, ...ids });
  const fast = LexCheckpointSession.v2({ client, ...ids, verifyWrites: false });
  await session.postText('windows');
  await session.postText('large');
  row(
    'v2',
    'postText',
    'RecognizeText',
    await compare(
      () => session.postText('windows'),
      () => client.send(new RecognizeTextCommand({ ...ids, text: 'windows' })),
    ),
  );
  row(
    'v2',
    'getSession',
    'GetSession',
    await compare(
      () => session.getSession(),
      () => client.send(new GetSessionV2Command(ids)),
    ),
  );
  // Raw emulated checkpoint by hand: GET, add a JSON entry to an attribute, PUT the state back.
  const rawCheckpoint = async () => {
    const got = await client.send(new GetSessionV2Command(ids));
    const state = got.sessionState ?? {};
    const attributes = { ...state.sessionAttributes, raw: JSON.stringify({ raw: state.intent }) };
    const put = await client.send(
      new PutSessionV2Command({ ...ids, sessionState: { ...state, sessionAttributes: attributes } }),
    );
    await put.audioStream?.transformToByteArray();
  };
  row(
    'v2',
    'checkpoint (verified)',
    'Get+Put+Get vs Get+Put',
    await compare(() => session.checkpoint('bench'), rawCheckpoint),
  );
  row(
    'v2',
    'checkpoint (verifyWrites: false)',
    'Get+Put vs Get+Put',
    await compare(() => fast.checkpoint('bench'), rawCheckpoint),
  );
  client.destroy();
  await lex.close();
}

console.table(rows);
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version };
mkdirSync(OUT, { recursive: true });
writeFileSync(
  join(OUT, 'lex.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine, iterations: ITERATIONS, rows }, null, 2)}\n`,
);
console.log(`machine: ${machine.cpu} ×${machine.cores}, Node ${machine.node}; wrote bench/out/lex.json`);
