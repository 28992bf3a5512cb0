/**
 * Reads the original design's `batch/create` body (`{ batchId, labelingJobs: [...] }`, numbers as strings,
 * `jobModality` with an `Audit` suffix for audit jobs) into a {@link LabelingWorkflow}.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import type { TaskType } from './taskTypes.js';
import type { LabelingJobSpec, LabelingWorkflow } from './workflow.js';

/** One job of the original design's batch request. Numbers may be strings, as that design sent them. */
export interface SmgtBatchJob {
  /** Job name, `{batchId}-{label}`. */
  readonly jobName: string;
  /** `VideoObjectTracking`, `PointCloudObjectDetection` …, with `Audit` appended for audit jobs. */
  readonly jobModality: string;
  /** Level, 1–3 in that design. */
  readonly jobLevel: string | number;
  /** `BATCH`. */
  readonly jobType?: string;
  /** Either an input manifest or the name of a lower-level job. */
  readonly inputConfig: {
    /** Input manifest. */
    readonly inputManifestS3Uri?: string;
    /** Name of a lower-level job. */
    readonly chainFromJobName?: string;
  };
  /** Label category configuration (level-1 jobs). */
  readonly labelCategoryConfigS3Uri?: string;
  /** Work team. */
  readonly workteamArn: string;
  /** Title. */
  readonly jobTitle?: string;
  /** Description. */
  readonly jobDescription?: string;
  /** Seconds. */
  readonly taskTimeLimitInSeconds?: string | number;
  /** Seconds. */
  readonly taskAvailabilityLifetimeInSeconds?: string | number;
  /** Batch size. */
  readonly maxConcurrentTaskCount?: string | number;
}

/** The original design's batch request. */
export interface SmgtBatchRequest {
  /** Batch id. */
  readonly batchId: string;
  /** Jobs. */
  readonly labelingJobs: readonly SmgtBatchJob[];
}

const MODALITIES: Readonly<Record<string, TaskType>> = {
  VideoObjectDetection: 'VideoObjectDetection',
  VideoObjectTracking: 'VideoObjectTracking',
  PointCloudObjectDetection: '3DPointCloudObjectDetection',
  PointCloudObjectTracking: '3DPointCloudObjectTracking',
  PointCloudSemanticSegmentation: '3DPointCloudSemanticSegmentation',
};

function toNumber(value: string | number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number)) throw new ValidationError(field, 'must be an integer (or a string of digits)');
  return number;
}

/**
 * Converts the original design's batch request. Job names are kept as given; label attribute names follow
 * the current `-ref` rule (the original helper appended `-ref` only for video, which 3D tracking and
 * segmentation jobs need too and 3D object detection must not have).
 *
 * @example
 * ```ts
 * const workflow = workflowFromSmgtBatch(batch, {
 *   region: 'us-west-2', roleArn, outputS3Uri: 's3://smgt-workflow-1-322552456788-us-west-2-batch-processing',
 * });
 * const plan = planLabelingChain(workflow);
 * ```
 */
export function workflowFromSmgtBatch(
  batch: SmgtBatchRequest,
  settings: Pick<LabelingWorkflow, 'region' | 'roleArn' | 'outputS3Uri'>,
): LabelingWorkflow {
  if (typeof batch !== 'object' || batch === null || !Array.isArray(batch.labelingJobs)) {
    throw new ValidationError('batch.labelingJobs', 'must be an array');
  }
  const prefix = `${batch.batchId}-`;
  const idOf = (jobName: string) => (jobName.startsWith(prefix) ? jobName.slice(prefix.length) : jobName);
  const jobs = batch.labelingJobs.map((job, index): LabelingJobSpec => {
    const field = `batch.labelingJobs[${index}]`;
    const audit = typeof job.jobModality === 'string' && job.jobModality.endsWith('Audit');
    const base = audit ? job.jobModality.slice(0, -'Audit'.length) : job.jobModality;
    const taskType = MODALITIES[base];
    if (taskType === undefined) {
      throw new ValidationError(
        `${field}.jobModality`,
        `must be one of ${Object.keys(MODALITIES).join(', ')} (optionally with Audit)`,
      );
    }
    const chainFrom = job.inputConfig?.chainFromJobName;
    const manifest = job.inputConfig?.inputManifestS3Uri;
    const numbers = {
      taskTimeLimitSeconds: toNumber(job.taskTimeLimitInSeconds, `${field}.taskTimeLimitInSeconds`),
      taskAvailabilityLifetimeSeconds: toNumber(
        job.taskAvailabilityLifetimeInSeconds,
        `${field}.taskAvailabilityLifetimeInSeconds`,
      ),
      maxConcurrentTaskCount: toNumber(job.maxConcurrentTaskCount, `${field}.maxConcurrentTaskCount`),
    };
    return {
      id: idOf(job.jobName),
      name: job.jobName,
      level: toNumber(job.jobLevel, `${field}.jobLevel`) ?? 1,
      ...(audit ? { audit: { kind: 'adjustment' as const } } : { taskType }),
      input: chainFrom !== undefined ? { chainFrom: idOf(chainFrom) } : { manifestS3Uri: manifest as string },
      workteamArn: job.workteamArn,
      ...(job.labelCategoryConfigS3Uri === undefined ? {} : { labelCategoryConfigS3Uri: job.labelCategoryConfigS3Uri }),
      ...(job.jobTitle === undefined ? {} : { title: job.jobTitle }),
      ...(job.jobDescription === undefined ? {} : { description: job.jobDescription }),
      ...Object.fromEntries(Object.entries(numbers).filter(([, v]) => v !== undefined)),
    };
  });
  return { batchId: batch.batchId, ...settings, jobs };
}
