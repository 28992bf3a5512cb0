/**
 * The original walk-through, end to end, on both runtimes: OrderCurtains interrupts OrderWindows, the
 * `windowSelection` checkpoint is applied to OrderWindows (windowSize = large), and after the curtains are
 * ordered `resume('windowSelection')` continues by asking for windowStyle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startV1, startV2 } from './harness.js';

describe.each([
  ['Lex V1', startV1],
  ['Lex V2', startV2],
])('LexCheckpointSession walk-through on %s', (_name, start) => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await start();
  });
  afterAll(() => runtime.close());

  it('resumes OrderWindows at windowStyle after OrderCurtains completes', async () => {
    const session = runtime.session('abc1234');

    const first = await session.postText('I would like to order some windows');
    expect(first).toMatchObject({ intentName: 'OrderWindows', dialogState: 'ElicitSlot', slotToElicit: 'windowSize' });
    expect(first.requestId).toMatch(/^stand-in-/);

    const sized = await session.postText('large please');
    expect(sized).toMatchObject({
      slotToElicit: 'windowStyle',
      slots: { windowSize: 'large', windowStyle: undefined },
    });

    const curtains = await session.postText('actually, I need curtains first');
    expect(curtains).toMatchObject({ intentName: 'OrderCurtains', slotToElicit: 'curtainSize' });

    const labelled = await session.checkpoint('windowSelection', { intentName: 'OrderWindows' });
    expect(labelled).toMatchObject({
      label: 'windowSelection',
      intentName: 'OrderWindows',
      dialogActionType: 'ElicitSlot',
      slotToElicit: 'windowStyle',
    });

    // The filtered read returns the labelled intent; its dialogAction is still the current (curtains) one.
    const filtered = await session.getSession({ checkpointLabelFilter: 'windowSelection' });
    expect(filtered.recentIntents).toEqual([
      expect.objectContaining({
        intentName: 'OrderWindows',
        slots: { windowSize: 'large' },
        slotToElicit: 'windowStyle',
      }),
    ]);
    expect(filtered.dialogAction).toMatchObject({ intentName: 'OrderCurtains', slotToElicit: 'curtainSize' });

    await session.postText('floor-length');
    const done = await session.postText('blackout');
    expect(done).toMatchObject({ intentName: 'OrderCurtains', dialogState: 'Fulfilled' });

    const listed = await session.listCheckpoints();
    expect(listed.checkpoints.map((c) => c.label)).toEqual(['windowSelection']);

    const resumed = await session.resume('windowSelection');
    expect(resumed).toMatchObject({
      label: 'windowSelection',
      intentName: 'OrderWindows',
      dialogState: 'ElicitSlot',
      slotToElicit: 'windowStyle',
      slots: { windowSize: 'large' },
      dialogAction: { type: 'ElicitSlot', intentName: 'OrderWindows', slotToElicit: 'windowStyle' },
    });
    expect(resumed.message).toMatch(/style/i);
    expect(Object.values(resumed.slots)).not.toContain('None');

    const styled = await session.postText('casement');
    expect(styled).toMatchObject({ intentName: 'OrderWindows', dialogState: 'ConfirmIntent' });
    const ordered = await session.postText('yes');
    expect(ordered).toMatchObject({
      dialogState: 'Fulfilled',
      slots: { windowSize: 'large', windowStyle: 'casement' },
    });

    await expect(session.deleteSession()).resolves.toMatchObject({ requestId: expect.any(String) });
  });
});
