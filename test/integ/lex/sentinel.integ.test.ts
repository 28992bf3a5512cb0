/**
 * Utterances and slot values carrying the sentinel never reach a log line or any view of an error, on success,
 * failure and abort paths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHECKPOINT_ATTRIBUTE } from '../../../src/lex/index.js';
import type { LexBotSchema } from '../../../src/testing/LexBotModel.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';
import { type Runtime, startV1, startV2 } from './harness.js';

/** A bot whose slot accepts the sentinel as a value, so it flows through slots and checkpoints. */
const NOTE_BOT: LexBotSchema = {
  name: 'NoteBot',
  intents: [
    {
      name: 'TakeNote',
      keywords: ['note'],
      slots: [
        { name: 'noteText', values: [], pattern: 'SENTINEL', prompt: 'What should the note say?' },
        { name: 'noteColor', values: ['red', 'blue'], prompt: 'Which colour?' },
      ],
    },
    { name: 'OrderPaint', keywords: ['paint'], slots: [{ name: 'paintFinish', values: ['matte'], prompt: 'Finish?' }] },
  ],
};

describe.each([
  ['Lex V1', startV1],
  ['Lex V2', startV2],
])('LexCheckpointSession keeps payloads out of logs and errors on %s', (_name, start) => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await start({ bot: NOTE_BOT });
  });
  afterAll(() => runtime.close());

  it('logs metadata only and never echoes utterances, slot values or service messages', async () => {
    const logger = recordingLogger();
    const errors: unknown[] = [];
    const catchIt = async (work: Promise<unknown>) => {
      try {
        await work;
      } catch (error) {
        errors.push(error);
      }
    };
    const session = runtime.session('sentinel-user', { logger });

    const turn = await session.postText(`note ${SENTINEL}`);
    expect(turn.slots.noteText).toBe(SENTINEL); // it reached the slot …
    await session.digress('OrderPaint', { checkpointLabel: 'noteInProgress' });
    const back = await session.returnFromDigression();
    expect(back.slots.noteText).toBe(SENTINEL); // … and came back through the checkpoint store
    await session.checkpoint('again');
    await session.listCheckpoints();
    await session.getSession();

    runtime.failNext('PostText', 'InternalFailureException', 500, `failed on ${SENTINEL}`);
    await catchIt(session.postText(`note ${SENTINEL}`));
    runtime.failNext('PostText', 'BadRequestException', 400, `bad input ${SENTINEL}`);
    await catchIt(session.postText(`note ${SENTINEL}`));
    runtime.throttleNext('PostText', 3, 0);
    await catchIt(session.postText(`note ${SENTINEL}`));
    await catchIt(session.postText(`${SENTINEL} `.repeat(80)));
    await catchIt(session.resume(`${SENTINEL}_x`));
    await catchIt(session.resume('missing'));
    const small = runtime.session('sentinel-user', { logger, maxSessionAttributeBytes: 120 });
    await catchIt(small.checkpoint('big'));
    const reason = new Error('cancelled');
    await catchIt(session.postText(`note ${SENTINEL}`, { signal: AbortSignal.abort(reason) }));
    await runtime.foreignWrite('sentinel-user', { [DEFAULT_CHECKPOINT_ATTRIBUTE]: `{${SENTINEL}` });
    await catchIt(session.listCheckpoints());

    expect(errors.map((e) => (e as Error).name)).toEqual([
      'ServiceError',
      'ServiceError',
      'ServiceError',
      'ValidationError',
      'ValidationError',
      'LexUnknownCheckpointError',
      'LimitError',
      'Error',
      'ResponseShapeError',
    ]);
    expect(logger.lines.length).toBeGreaterThan(10);
    expectNoSentinel(logger.lines, ...errors);
  });
});
