/**
 * Starts a plan as a Step Functions execution (`@aws-sdk/client-sfn`, an optional peer imported on first
 * use): writes the label category files, then `StartExecution` on a state machine created from
 * `toStepFunctionsDefinition(plan)`.
 *
 * @module
 */
import type { SFNClient, SFNClientConfig } from '@aws-sdk/client-sfn';
import { type ClientOptions, importOptional, LazyClient, loadOnce } from '../../kit/clients.js';
import { ResponseShapeError, ValidationError } from '../../kit/errors.js';
import { createSafeLogger, type Logger } from '../../kit/log.js';
import { callService } from '../../kit/service-call.js';
import { writeLabelCategoryFiles } from '../labelCategoryFiles.js';
import type { CallOptions, ObjectStore } from '../services.js';
import type { LabelingPlan } from '../workflow.js';

const PACKAGE = '@aws-sdk/client-sfn';
const loadSfn = loadOnce(() => importOptional(() => import('@aws-sdk/client-sfn'), PACKAGE, 'startStepFunctionsChain'));

/** What {@link startStepFunctionsChain} returns. */
export interface StartedExecution {
  /** The execution ARN. */
  readonly executionArn: string;
}

/** Options of {@link startStepFunctionsChain}. */
export type StartStepFunctionsChainOptions = ClientOptions<SFNClient, SFNClientConfig> &
  CallOptions & {
    /** The state machine created from `toStepFunctionsDefinition(plan)`. */
    readonly stateMachineArn: string;
    /** Where the plan's label category files are written first. */
    readonly objects: ObjectStore;
    /** Execution name. Default: the batch id. */
    readonly executionName?: string;
    /** Receives metadata only. */
    readonly logger?: Logger;
  };

/**
 * Writes the plan's label category files and starts an execution; returns its ARN.
 *
 * @example
 * ```ts
 * const { executionArn } = await startStepFunctionsChain(plan, {
 *   stateMachineArn, objects: new S3ObjectStore(), clientConfig: { region: plan.region },
 * });
 * ```
 */
export async function startStepFunctionsChain(
  plan: LabelingPlan,
  options: StartStepFunctionsChainOptions,
): Promise<StartedExecution> {
  if (typeof options?.stateMachineArn !== 'string' || !options.stateMachineArn.startsWith('arn:')) {
    throw new ValidationError('options.stateMachineArn', 'must be a state machine ARN');
  }
  const client = new LazyClient<SFNClient, SFNClientConfig>(options, {
    packageName: PACKAGE,
    feature: 'startStepFunctionsChain',
    create: async (config) => new (await loadSfn()).SFNClient(config),
  });
  try {
    await writeLabelCategoryFiles(plan, options.objects, { signal: options.signal });
    const sdk = await loadSfn();
    const out = await callService<{ executionArn?: string }>(
      await client.get(),
      new sdk.StartExecutionCommand({
        stateMachineArn: options.stateMachineArn,
        name: options.executionName ?? plan.batchId,
        input: JSON.stringify({ batchId: plan.batchId }),
      }),
      { service: 'SFN', operation: 'StartExecution', signal: options.signal, logger: createSafeLogger(options.logger) },
    );
    if (typeof out.executionArn !== 'string')
      throw new ResponseShapeError('SFN.StartExecution', 'executionArn', 'is missing');
    return { executionArn: out.executionArn };
  } finally {
    client.destroy();
  }
}
