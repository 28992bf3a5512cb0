/**
 * Nested digressions, more than 3 intents in flight, and checkpoint bookkeeping, on both runtimes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isLexCheckpointFulfilledError,
  isLexIntentNotFoundError,
  isLexUnknownCheckpointError,
} from '../../../src/lex/index.js';
import { type Runtime, startV1, startV2 } from './harness.js';

describe.each([
  ['Lex V1', startV1],
  ['Lex V2', startV2],
])('LexCheckpointSession digressions on %s', (_name, start) => {
  let runtime: Runtime;
  let user = 0;
  const nextUser = () => `user-${++user}`;
  beforeAll(async () => {
    runtime = await start();
  });
  afterAll(() => runtime.close());

  it('refuses to resume a checkpoint whose intent was fulfilled since, and writes nothing', async () => {
    const session = runtime.session(nextUser());
    await session.postText('I need windows');
    await session.postText('large');
    await session.postText('casement');
    expect(await session.postText('yes')).toMatchObject({ intentName: 'OrderWindows', dialogState: 'Fulfilled' });
    await session.checkpoint('windowsDone');
    const before = await session.getSession();

    const error = await session.resume('windowsDone').catch((e: unknown) => e);

    expect(isLexCheckpointFulfilledError(error)).toBe(true);
    expect(error).toMatchObject({ label: 'windowsDone', intentName: 'OrderWindows', code: 'CONFLICT' });
    expect((await session.listCheckpoints()).checkpoints.map((c) => c.label)).toContain('windowsDone');
    expect((await session.getSession()).dialogAction).toEqual(before.dialogAction);
  });

  it('unwinds digressions nested three deep in order', async () => {
    const session = runtime.session(nextUser());
    await session.postText('I need windows');
    await session.postText('large');

    const curtains = await session.digress('OrderCurtains', { checkpointLabel: 'windowSelection' });
    expect(curtains).toMatchObject({
      intentName: 'OrderCurtains',
      slotToElicit: 'curtainSize',
      digressionStack: ['windowSelection'],
    });
    await session.postText('long');

    const blinds = await session.digress('OrderBlinds', { checkpointLabel: 'curtainSelection' });
    expect(blinds).toMatchObject({ intentName: 'OrderBlinds', slotToElicit: 'blindColor' });
    expect(blinds.digressionStack).toEqual(['curtainSelection', 'windowSelection']);

    const paint = await session.digress('OrderPaint', { checkpointLabel: 'blindSelection' });
    expect(paint.digressionStack).toEqual(['blindSelection', 'curtainSelection', 'windowSelection']);
    expect(await session.postText('gloss')).toMatchObject({ intentName: 'OrderPaint', dialogState: 'Fulfilled' });

    const backToBlinds = await session.returnFromDigression();
    expect(backToBlinds).toMatchObject({
      label: 'blindSelection',
      intentName: 'OrderBlinds',
      slotToElicit: 'blindColor',
    });
    expect(await session.postText('white')).toMatchObject({ dialogState: 'Fulfilled' });

    const backToCurtains = await session.returnFromDigression();
    expect(backToCurtains).toMatchObject({
      label: 'curtainSelection',
      intentName: 'OrderCurtains',
      slotToElicit: 'curtainStyle',
      slots: { curtainSize: 'long' },
    });
    expect(await session.postText('sheer')).toMatchObject({ dialogState: 'Fulfilled' });

    const backToWindows = await session.returnFromDigression();
    expect(backToWindows).toMatchObject({
      label: 'windowSelection',
      intentName: 'OrderWindows',
      slotToElicit: 'windowStyle',
      slots: { windowSize: 'large' },
    });
    const listed = await session.listCheckpoints();
    expect(listed.digressionStack).toEqual([]);
    expect(listed.checkpoints.filter((c) => c.sources.includes('session-attribute'))).toEqual([]);

    await expect(session.returnFromDigression()).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'digressionStack',
    });
  });

  it('keeps a checkpoint when more than 3 intents have been in flight since', async () => {
    const session = runtime.session(nextUser());
    await session.postText('windows please');
    await session.postText('medium');
    await session.checkpoint('windowSelection');
    await session.postText('curtains too');
    await session.postText('blinds as well');
    await session.postText('and some paint');
    // V1's view now holds paint, blinds and curtains only; the windows summary (and its native label) is gone.
    const view = await session.getSession();
    expect(view.recentIntents.map((i) => i.intentName)).not.toContain('OrderWindows');

    const listed = await session.listCheckpoints();
    expect(listed.checkpoints).toEqual([
      expect.objectContaining({ label: 'windowSelection', intentName: 'OrderWindows', sources: ['session-attribute'] }),
    ]);
    const resumed = await session.resume('windowSelection');
    expect(resumed).toMatchObject({
      intentName: 'OrderWindows',
      slotToElicit: 'windowStyle',
      slots: { windowSize: 'medium' },
    });
  });

  it('cannot label an intent the session no longer remembers, and says which ones it does', async () => {
    const session = runtime.session(nextUser());
    await session.postText('windows please');
    await session.postText('curtains');
    await session.postText('blinds');
    await session.postText('paint');
    const error = await session.checkpoint('late', { intentName: 'OrderWindows' }).catch((e: unknown) => e);
    expect(isLexIntentNotFoundError(error)).toBe(true);
    expect(error).toMatchObject({ intentName: 'OrderWindows', code: 'NOT_FOUND' });
    expect((error as { recentIntents: string[] }).recentIntents).toContain('OrderPaint');
  });

  it('moves a label when it is applied to another intent, and lists where each label lives', async () => {
    const session = runtime.session(nextUser());
    await session.postText('windows please');
    await session.checkpoint('here');
    await session.postText('curtains');
    await session.checkpoint('here');
    const listed = await session.listCheckpoints();
    expect(listed.checkpoints).toHaveLength(1);
    expect(listed.checkpoints[0]).toMatchObject({ label: 'here', intentName: 'OrderCurtains' });
    const expectedSources = runtime.version === 'v1' ? ['recent-intents', 'session-attribute'] : ['session-attribute'];
    expect(listed.checkpoints[0]!.sources).toEqual(expectedSources);
  });

  it('uses a label up when it is resumed (on V1 the native label goes too)', async () => {
    const session = runtime.session(nextUser());
    await session.postText('windows please');
    await session.postText('large');
    await session.checkpoint('windowSelection');
    await session.postText('curtains');
    await expect(session.resume('windowSelection')).resolves.toMatchObject({ slotToElicit: 'windowStyle' });
    expect((await session.listCheckpoints()).checkpoints).toEqual([]);
    expect((await session.getSession()).recentIntents.map((i) => i.checkpointLabel)).not.toContain('windowSelection');
    const again = await session.resume('windowSelection').catch((e: unknown) => e);
    expect(isLexUnknownCheckpointError(again)).toBe(true);
  });

  it('resumes a confirmation question as ConfirmIntent', async () => {
    const session = runtime.session(nextUser());
    await session.postText('large casement windows');
    expect((await session.getSession()).dialogAction?.type).toBe('ConfirmIntent');
    await session.digress('OrderBlinds', { checkpointLabel: 'confirmWindows' });
    const back = await session.returnFromDigression();
    expect(back).toMatchObject({ dialogState: 'ConfirmIntent', dialogAction: { type: 'ConfirmIntent' } });
    expect(await session.postText('yes')).toMatchObject({ intentName: 'OrderWindows', dialogState: 'Fulfilled' });
  });

  it('resuming an inner label closes the digressions opened after it', async () => {
    const session = runtime.session(nextUser());
    await session.postText('windows');
    await session.digress('OrderCurtains', { checkpointLabel: 'a' });
    await session.digress('OrderBlinds', { checkpointLabel: 'b' });
    await session.resume('a');
    const listed = await session.listCheckpoints();
    expect(listed.digressionStack).toEqual([]);
    expect(listed.checkpoints.map((c) => c.label)).toContain('b');
  });

  it('putSession sets attributes and the dialog while keeping checkpoints', async () => {
    const session = runtime.session(nextUser());
    await session.postText('windows');
    await session.checkpoint('keep');
    const turn = await session.putSession({ sessionAttributes: { tier: 'gold' } });
    expect(turn.sessionAttributes).toEqual({ tier: 'gold' });
    expect((await session.listCheckpoints()).checkpoints.map((c) => c.label)).toEqual(['keep']);

    const moved = await session.putSession({
      dialogAction: {
        type: 'ElicitSlot',
        intentName: 'OrderCurtains',
        slotToElicit: 'curtainStyle',
        slots: { curtainSize: 'long' },
      },
    });
    expect(moved).toMatchObject({
      intentName: 'OrderCurtains',
      slotToElicit: 'curtainStyle',
      message: expect.stringMatching(/fabric/),
    });
    expect(await session.postText('linen')).toMatchObject({
      dialogState: 'Fulfilled',
      slots: { curtainSize: 'long', curtainStyle: 'linen' },
    });
    expect((await session.getSession()).sessionAttributes).toEqual({ tier: 'gold' });
    await expect(session.resume('keep')).resolves.toMatchObject({
      intentName: 'OrderWindows',
      slotToElicit: 'windowSize',
    });

    await expect(session.putSession({ sessionAttributes: { 'awsmlkit.cp': 'x' } })).rejects.toMatchObject({
      name: 'ValidationError',
      rule: expect.stringContaining('reserved attribute'),
    });
    await expect(
      session.putSession({ dialogAction: { type: 'ElicitSlot', intentName: 'OrderWindows' } }),
    ).rejects.toMatchObject({
      field: 'options.dialogAction.slotToElicit',
    });
    await expect(session.putSession({ dialogAction: { type: 'Nope' as never } })).rejects.toMatchObject({
      field: 'options.dialogAction.type',
    });
  });
});
