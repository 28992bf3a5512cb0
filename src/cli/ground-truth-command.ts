/**
 * `aws-ml-kit ground-truth plan|run|status <workflow.json>`: validate a labeling workflow offline and print
 * its `CreateLabelingJob` requests (or Step Functions definition), run it as a resumable chain, or show the
 * batch view from its state file.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { S3ObjectStore } from '../ground-truth/aws/S3ObjectStore.js';
import { SageMakerLabelingJobs } from '../ground-truth/aws/SageMakerLabelingJobs.js';
import type { BatchView } from '../ground-truth/chainState.js';
import { DEFAULT_GROUND_TRUTH_CHAIN_OPTIONS, GroundTruthChain } from '../ground-truth/GroundTruthChain.js';
import { planLabelingChain } from '../ground-truth/planLabelingChain.js';
import { toStepFunctionsDefinition } from '../ground-truth/toStepFunctionsDefinition.js';
import type { LabelingWorkflow } from '../ground-truth/workflow.js';
import { type SmgtBatchRequest, workflowFromSmgtBatch } from '../ground-truth/workflowFromSmgtBatch.js';
import { ValidationError } from '../kit/errors.js';
import type { CliCommand, CliIo } from './CliIo.js';
import { fileLabel, parseJsonFile, readFileArgument } from './cliFiles.js';
import { parseCommandLine } from './parseCommandLine.js';

const ACTIONS = ['plan', 'run', 'status'] as const;

const USAGE = `Usage: aws-ml-kit ground-truth <plan|run|status> <workflow.json> [options]

  plan     validate the workflow offline and print the CreateLabelingJob requests, level by level
  run      create the jobs level by level and wait for them; resumable from the state file
  status   print the batch view (levels, jobs, statuses, manifests) from the state file

<workflow.json> is a LabelingWorkflow ({ batchId, region, roleArn, outputS3Uri, defaults, jobs }) or the
original design's batch request ({ batchId, labelingJobs }) together with --region, --role-arn, --output-s3-uri.

Options:
  --asl                 plan: print the Amazon States Language definition instead of the requests
  --state-file <p>      chain state (default: ${DEFAULT_GROUND_TRUTH_CHAIN_OPTIONS.stateDirectory}/<batchId>.json)
  --region <r>          region (for a batch request; default for the clients)
  --role-arn <arn>      SageMaker execution role (for a batch request)
  --output-s3-uri <u>   processing location (for a batch request)
  --endpoint <url>      SageMaker and S3 endpoint, e.g. a local stand-in
  --poll-ms <n>         first polling delay in milliseconds (default: 30000)
  -h, --help            show this help

Ground Truth is closed to new customers; existing customers can keep using it.`;

/**
 * The `ground-truth` subcommand.
 *
 * @example
 * ```ts
 * const code = await groundTruthCommand.run(['plan', 'workflow.json'], processIo());
 * ```
 */
export const groundTruthCommand: CliCommand = {
  summary: 'plan, run (resumably) and inspect multi-level Ground Truth labeling chains',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseCommandLine('ground-truth', USAGE, io, () => parse(argv));
    if (parsed === undefined) return 2;
    const plan = planLabelingChain(await readWorkflow(parsed, io));
    if (parsed.action === 'plan') {
      const output = parsed.asl ? toStepFunctionsDefinition(plan) : plan;
      io.stdout(`${JSON.stringify(output, null, 2)}\n`);
      return 0;
    }
    const clientConfig = {
      region: parsed.region ?? plan.region,
      ...(parsed.endpoint === undefined ? {} : { endpoint: parsed.endpoint }),
    };
    const service = new SageMakerLabelingJobs({ clientConfig });
    // SageMaker reads and writes manifests in S3, so the chain's object store is S3 too.
    const objects = new S3ObjectStore({
      clientConfig: { ...clientConfig, forcePathStyle: parsed.endpoint !== undefined },
    });
    const chain = new GroundTruthChain({
      plan,
      service,
      objects,
      ...(parsed.stateFile === undefined ? {} : { stateFile: parsed.stateFile }),
      ...(parsed.pollMs === undefined ? {} : { poll: { initialDelayMs: parsed.pollMs } }),
      onProgress: (p) => {
        const bar = io.isTTY ? `[${'#'.repeat(p.finishedJobs)}${'.'.repeat(p.totalJobs - p.finishedJobs)}] ` : '';
        const what = [p.event, p.jobName, p.status].filter(Boolean).join(' ');
        io.stderr(`${bar}${p.finishedJobs}/${p.totalJobs} ${what}\n`);
      },
    });
    try {
      if (parsed.action === 'status') {
        io.stdout(`${JSON.stringify(await chain.status(), null, 2)}\n`);
        return 0;
      }
      const result = await chain.run();
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      io.stderr(summary(result.view));
      return result.status === 'COMPLETE' ? 0 : 1;
    } finally {
      service.destroy();
      objects.destroy();
    }
  },
};

function summary(view: BatchView): string {
  return `${view.levels
    .map((level) => `level ${level.level}: ${level.status} (${level.numChildBatchesComplete}/${level.numChildBatches})`)
    .join('\n')}\nbatch ${view.batchId}: ${view.status}\n`;
}

async function readWorkflow(parsed: ReturnType<typeof parse>, io: CliIo): Promise<LabelingWorkflow> {
  const json = parseJsonFile(await readFileArgument('', parsed.file, io), fileLabel('', parsed.file));
  if (typeof json === 'object' && json !== null && Array.isArray((json as SmgtBatchRequest).labelingJobs)) {
    const { region, roleArn, outputS3Uri } = parsed;
    if (region === undefined || roleArn === undefined || outputS3Uri === undefined) {
      throw new ValidationError('--region, --role-arn, --output-s3-uri', 'are required with a batch request file');
    }
    return workflowFromSmgtBatch(json as SmgtBatchRequest, { region, roleArn, outputS3Uri });
  }
  return json as LabelingWorkflow;
}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      asl: { type: 'boolean', default: false },
      'state-file': { type: 'string' },
      region: { type: 'string' },
      'role-arn': { type: 'string' },
      'output-s3-uri': { type: 'string' },
      endpoint: { type: 'string' },
      'poll-ms': { type: 'string' },
    },
  });
  const [action, file, ...extra] = positionals;
  if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) throw new Error(`expected one of ${ACTIONS.join(', ')}`);
  if (file === undefined || extra.length > 0) throw new Error('expected exactly one <workflow.json> argument');
  const pollMs = values['poll-ms'] === undefined ? undefined : Number(values['poll-ms']);
  if (pollMs !== undefined && !(Number.isInteger(pollMs) && pollMs > 0))
    throw new Error('--poll-ms must be a positive integer');
  return {
    action: action as (typeof ACTIONS)[number],
    file,
    asl: values.asl === true,
    stateFile: values['state-file'],
    region: values.region,
    roleArn: values['role-arn'],
    outputS3Uri: values['output-s3-uri'],
    endpoint: values.endpoint,
    pollMs,
  };
}
