/**
 * Scale-out: the same plan as an Amazon States Language state machine. Each level is a `Parallel` state with
 * one `arn:aws:states:::sagemaker:createLabelingJob.sync` task per job (Step Functions creates the job and waits
 * for it); levels run in order, optionally with a Lambda between levels. Write the plan's label category files
 * first (`writeLabelCategoryFiles`).
 *
 * Difference from `GroundTruthChain`: a failed job fails its level (Step Functions stops the level's other
 * jobs) and the execution ends in `ChainFailed`; nothing of later levels is created.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { LABELING_JOB_MAX_LIFETIME_MS } from './chainState.js';
import type { LabelingPlan } from './workflow.js';

/** The service integration that creates a labeling job and waits for it. */
export const CREATE_LABELING_JOB_SYNC = 'arn:aws:states:::sagemaker:createLabelingJob.sync';

/** Options of {@link toStepFunctionsDefinition}. */
export interface StepFunctionsDefinitionOptions {
  /** A Lambda invoked between levels with `{ batchId, level, nextLevel }` (e.g. to filter manifests). */
  readonly betweenLevelsLambdaArn?: string;
  /** Comment of the state machine. */
  readonly comment?: string;
}

/** An ASL error handler. */
export interface AslCatcher {
  /** Errors handled. */
  readonly ErrorEquals: readonly string[];
  /** State to go to. */
  readonly Next: string;
  /** Where the error goes in the state's output. */
  readonly ResultPath?: string;
}

/** An ASL state (the fields this module emits). */
export interface AslState {
  /** State type. */
  readonly Type: 'Parallel' | 'Task' | 'Succeed' | 'Fail';
  /** Next state. */
  readonly Next?: string;
  /** Last state of its branch. */
  readonly End?: true;
  /** Task resource. */
  readonly Resource?: string;
  /** Task parameters. */
  readonly Parameters?: Readonly<Record<string, unknown>>;
  /** Task timeout. */
  readonly TimeoutSeconds?: number;
  /** Parallel branches. */
  readonly Branches?: readonly AslStateMachine[];
  /** Where results go (`null`: keep the input). */
  readonly ResultPath?: string | null;
  /** Error handlers. */
  readonly Catch?: readonly AslCatcher[];
  /** Retries. */
  readonly Retry?: readonly Readonly<Record<string, unknown>>[];
  /** Fail error name. */
  readonly Error?: string;
  /** Fail cause. */
  readonly Cause?: string;
  /** Comment. */
  readonly Comment?: string;
}

/** An ASL state machine (or Parallel branch). */
export interface AslStateMachine {
  /** Comment. */
  readonly Comment?: string;
  /** First state. */
  readonly StartAt: string;
  /** States by name. */
  readonly States: Readonly<Record<string, AslState>>;
}

/**
 * The state name of a level (`Level 1` …) and of a job's task (`Create {jobName}`).
 *
 * @example
 * ```ts
 * levelStateName(2); // 'Level 2'
 * ```
 */
export function levelStateName(level: number): string {
  return `Level ${level}`;
}

/**
 * Emits the ASL definition of a plan.
 *
 * @example
 * ```ts
 * const definition = toStepFunctionsDefinition(plan);
 * await sfn.send(new CreateStateMachineCommand({ name: plan.batchId, roleArn, definition: JSON.stringify(definition) }));
 * ```
 */
export function toStepFunctionsDefinition(
  plan: LabelingPlan,
  options: StepFunctionsDefinitionOptions = {},
): AslStateMachine {
  if (plan?.version !== 1 || !(plan.levels?.length > 0)) {
    throw new ValidationError('plan', 'must be a plan from planLabelingChain');
  }
  if (
    options.betweenLevelsLambdaArn !== undefined &&
    !/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/.test(options.betweenLevelsLambdaArn)
  ) {
    throw new ValidationError('options.betweenLevelsLambdaArn', 'must be a Lambda function ARN');
  }
  const timeoutSeconds = LABELING_JOB_MAX_LIFETIME_MS / 1000 + 3600;
  const states: Record<string, AslState> = {};
  const failed = { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'ChainFailed' };
  plan.levels.forEach(({ level, jobs }, index) => {
    const next = plan.levels[index + 1];
    const hook =
      next !== undefined && options.betweenLevelsLambdaArn !== undefined ? `After level ${level}` : undefined;
    states[levelStateName(level)] = {
      Type: 'Parallel',
      Comment: `${jobs.length} labeling job(s) of level ${level}`,
      Branches: jobs.map((job): AslStateMachine => {
        const name = `Create ${job.request.LabelingJobName}`;
        return {
          StartAt: name,
          States: {
            [name]: {
              Type: 'Task',
              Resource: CREATE_LABELING_JOB_SYNC,
              Parameters: job.request as unknown as Record<string, unknown>,
              TimeoutSeconds: timeoutSeconds,
              Retry: [
                { ErrorEquals: ['SageMaker.ThrottlingException'], IntervalSeconds: 5, MaxAttempts: 5, BackoffRate: 2 },
              ],
              End: true,
            },
          },
        };
      }),
      ResultPath: null,
      Catch: [failed],
      Next: hook ?? (next === undefined ? 'ChainSucceeded' : levelStateName(next.level)),
    };
    if (hook !== undefined) {
      states[hook] = {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: {
          FunctionName: options.betweenLevelsLambdaArn,
          Payload: { batchId: plan.batchId, level, nextLevel: next!.level },
        },
        ResultPath: null,
        Catch: [failed],
        Next: levelStateName(next!.level),
      };
    }
  });
  states.ChainSucceeded = { Type: 'Succeed' };
  states.ChainFailed = {
    Type: 'Fail',
    Error: 'LabelingChainFailed',
    Cause: `a labeling job of batch ${plan.batchId} failed`,
  };
  return {
    Comment: options.comment ?? `Ground Truth labeling chain ${plan.batchId} (aws-ml-kit)`,
    StartAt: levelStateName(plan.levels[0]!.level),
    States: states,
  };
}
