import { CreateLabelingJobCommand, DescribeLabelingJobCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import aslValidator from 'asl-validator';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AslStateMachine,
  CREATE_LABELING_JOB_SYNC,
  planLabelingChain,
  toStepFunctionsDefinition,
  writeLabelCategoryFiles,
} from '../../../src/ground-truth/index.js';
import { type Harness, originalPlan, originalWorkflow, startHarness } from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/**
 * A tiny interpreter for the states toStepFunctionsDefinition emits (Parallel, Task with
 * createLabelingJob.sync or lambda:invoke, Succeed, Fail, Catch), driving the real SDK client. There is no
 * Step Functions Local here; this runs the same definition level by level against the stand-in.
 */
async function execute(
  machine: AslStateMachine,
  sagemaker: SageMakerClient,
  trace: string[],
  lambda: (payload: unknown) => Promise<void> = async () => {},
): Promise<{ status: 'SUCCEEDED' | 'FAILED'; error?: string }> {
  const runTask = async (state: AslStateMachine['States'][string]): Promise<void> => {
    if (state.Resource === CREATE_LABELING_JOB_SYNC) {
      const input = state.Parameters as { LabelingJobName: string };
      await sagemaker.send(new CreateLabelingJobCommand(input as never));
      trace.push(`create ${input.LabelingJobName}`);
      for (let i = 0; i < 100; i++) {
        const out = await sagemaker.send(new DescribeLabelingJobCommand({ LabelingJobName: input.LabelingJobName }));
        if (out.LabelingJobStatus === 'Completed') return;
        if (out.LabelingJobStatus === 'Failed' || out.LabelingJobStatus === 'Stopped') {
          throw Object.assign(new Error('SageMaker.LabelingJobFailed'), { name: 'States.TaskFailed' });
        }
      }
      throw Object.assign(new Error('timeout'), { name: 'States.Timeout' });
    }
    if (state.Resource === 'arn:aws:states:::lambda:invoke') {
      trace.push('lambda');
      await lambda((state.Parameters as { Payload: unknown }).Payload);
      return;
    }
    throw new Error(`unsupported resource ${state.Resource}`);
  };
  const runBranch = async (branch: AslStateMachine): Promise<void> => {
    const result = await execute(branch, sagemaker, trace, lambda);
    if (result.status === 'FAILED') throw Object.assign(new Error(result.error), { name: 'States.BranchFailed' });
  };
  let name: string | undefined = machine.StartAt;
  while (name !== undefined) {
    const state: AslStateMachine['States'][string] | undefined = machine.States[name];
    if (state === undefined) throw new Error(`no state ${name}`);
    if (state.Type === 'Succeed') return { status: 'SUCCEEDED' };
    if (state.Type === 'Fail') return { status: 'FAILED', error: state.Error! };
    try {
      if (state.Type === 'Parallel') {
        trace.push(`enter ${name}`);
        const results = await Promise.allSettled(state.Branches!.map(runBranch));
        const failure = results.find((r) => r.status === 'rejected');
        if (failure) throw (failure as PromiseRejectedResult).reason;
      } else await runTask(state);
    } catch (error) {
      const handler: { Next: string } | undefined = state.Catch?.find((c) => c.ErrorEquals.includes('States.ALL'));
      if (!handler) return { status: 'FAILED', error: (error as Error).name };
      name = handler.Next;
      continue;
    }
    name = state.End ? undefined : state.Next;
  }
  return { status: 'SUCCEEDED' };
}

describe('toStepFunctionsDefinition', () => {
  it('emits ASL that asl-validator accepts, with one createLabelingJob.sync task per job', () => {
    const definition = toStepFunctionsDefinition(originalPlan(), {
      betweenLevelsLambdaArn: 'arn:aws:lambda:us-west-2:322552456788:function:keep-ten-percent',
    });
    const { isValid, errorsText } = aslValidator(definition as never);
    expect(errorsText('\n')).toBe('');
    expect(isValid).toBe(true);
    expect(Object.keys(definition.States)).toEqual([
      'Level 1',
      'After level 1',
      'Level 2',
      'ChainSucceeded',
      'ChainFailed',
    ]);
    const level1 = definition.States['Level 1']!;
    expect(level1.Branches!.map((b) => b.StartAt)).toEqual([
      'Create nb-track-823f6d3e-vehicle',
      'Create nb-track-823f6d3e-lane',
    ]);
    expect(level1.Branches![0]!.States['Create nb-track-823f6d3e-vehicle']!.Resource).toBe(CREATE_LABELING_JOB_SYNC);
  });

  it('validates for plans of many levels and no hook', () => {
    const workflow = originalWorkflow();
    const plan = planLabelingChain({
      ...workflow,
      jobs: [
        ...workflow.jobs,
        {
          id: 'vehicle-audit-2',
          level: 3,
          input: { chainFrom: 'vehicle-audit' },
          audit: { kind: 'verification' },
          workteamArn: 'arn:aws:sagemaker:us-west-2:322552456788:workteam/private-crowd/smgt-workflow-1-second-level',
        },
      ],
    });
    const definition = toStepFunctionsDefinition(plan);
    expect(aslValidator(definition as never).isValid).toBe(true);
    expect(definition.States['Level 2']!.Next).toBe('Level 3');
    const third = plan.levels[2]!.jobs[0]!;
    expect([third.taskType, third.jobModality, third.audit]).toEqual([
      'AdjustmentVideoObjectTracking',
      'VideoObjectTrackingAudit',
      'verification',
    ]);
  });

  it('runs level by level against the stand-in: level 2 starts after level 1 completed', async () => {
    harness = await startHarness();
    const plan = originalPlan();
    expect(await writeLabelCategoryFiles(plan, harness.objects)).toBe(2);
    const trace: string[] = [];
    const payloads: unknown[] = [];
    const result = await execute(
      toStepFunctionsDefinition(plan, {
        betweenLevelsLambdaArn: 'arn:aws:lambda:us-west-2:322552456788:function:hook',
      }),
      harness.sagemaker,
      trace,
      async (payload) => {
        payloads.push(payload);
      },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(trace).toEqual([
      'enter Level 1',
      'create nb-track-823f6d3e-vehicle',
      'create nb-track-823f6d3e-lane',
      'lambda',
      'enter Level 2',
      'create nb-track-823f6d3e-vehicle-audit',
      'create nb-track-823f6d3e-lane-audit',
    ]);
    expect(payloads).toEqual([{ batchId: 'nb-track-823f6d3e', level: 1, nextLevel: 2 }]);
    expect(harness.standIn.jobs().every((job) => job.status === 'Completed')).toBe(true);
  });

  it('ends in ChainFailed and creates nothing of level 2 when a level-1 job fails', async () => {
    harness = await startHarness({ script: (name) => (name.endsWith('-lane') ? { statuses: ['Failed'] } : undefined) });
    const plan = originalPlan();
    await writeLabelCategoryFiles(plan, harness.objects);
    const trace: string[] = [];
    const result = await execute(toStepFunctionsDefinition(plan), harness.sagemaker, trace);
    expect(result).toEqual({ status: 'FAILED', error: 'LabelingChainFailed' });
    expect(trace.filter((t) => t.includes('audit'))).toEqual([]);
  });
});
