/**
 * The planner: a {@link LabelingWorkflow} → a {@link LabelingPlan} of validated `CreateLabelingJob` requests.
 * Pure; every rule it enforces fails with a {@link ValidationError} naming the field, before any request.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { auditLabelCategoryConfig, type EditsAllowed } from './labelCategoryConfig.js';
import { checkJobName, checkLabelAttributeName, defaultLabelAttributeName, deriveJobName } from './names.js';
import { joinS3Uri, outputManifestUri, parseS3Uri } from './s3Uri.js';
import {
  auditTaskType,
  builtInTaskArns,
  GROUND_TRUTH_REGISTRY,
  type GroundTruthRegistry,
  isTaskType,
  type TaskModality,
  type TaskType,
} from './taskTypes.js';
import type {
  CreateLabelingJobRequestLike,
  LabelCategoryConfigToWrite,
  LabelingJobSettings,
  LabelingJobSpec,
  LabelingPlan,
  LabelingWorkflow,
  PlannedJob,
} from './workflow.js';

/** Seconds per data kind. */
export interface SecondsPerModality {
  /** Images. */
  readonly image: number;
  /** Text. */
  readonly text: number;
  /** Custom tasks. */
  readonly custom: number;
  /** Video frames. */
  readonly video: number;
  /** 3D point clouds. */
  readonly pointcloud: number;
}

/** Limits and defaults of the planner. Durations in seconds. */
export const DEFAULT_LABELING_SETTINGS: {
  /** Workers per object: 1. */
  readonly workersPerObject: number;
  /** Task time limit per modality: 5 minutes for image/text/custom (the console default), 7 days for video/3D (the original design). */
  readonly taskTimeLimitSeconds: SecondsPerModality;
  /** Largest task time limit per modality: 8 hours, or 30 days for video and 3D point clouds. */
  readonly maxTaskTimeLimitSeconds: SecondsPerModality;
  /** Task availability: 10 days (the original design). */
  readonly taskAvailabilityLifetimeSeconds: number;
  /** Longest availability for private and vendor work teams: 30 days. */
  readonly maxTaskAvailabilityLifetimeSeconds: number;
  /** Longest (and default) availability for the public workforce: 12 hours. */
  readonly maxPublicTaskAvailabilityLifetimeSeconds: number;
  /** Tasks out at once: 100 (the original design). */
  readonly maxConcurrentTaskCount: number;
} = Object.freeze({
  workersPerObject: 1,
  taskTimeLimitSeconds: Object.freeze({ image: 300, text: 300, custom: 300, video: 604_800, pointcloud: 604_800 }),
  maxTaskTimeLimitSeconds: Object.freeze({
    image: 28_800,
    text: 28_800,
    custom: 28_800,
    video: 2_592_000,
    pointcloud: 2_592_000,
  }),
  taskAvailabilityLifetimeSeconds: 864_000,
  maxTaskAvailabilityLifetimeSeconds: 2_592_000,
  maxPublicTaskAvailabilityLifetimeSeconds: 43_200,
  maxConcurrentTaskCount: 100,
});

/** Options of {@link planLabelingChain}. */
export interface PlanOptions {
  /** Task-type registry; default {@link GROUND_TRUTH_REGISTRY}. Pass a modified copy to override ARNs. */
  readonly registry?: GroundTruthRegistry;
}

const LEVEL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/**
 * The original design's level word: `first_level`, `second_level` …, `level_11` beyond ten.
 *
 * @example
 * ```ts
 * levelWord(2); // 'second_level'
 * ```
 */
export function levelWord(level: number): string {
  const word = LEVEL_WORDS[level - 1];
  return word === undefined ? `level_${level}` : `${word}_level`;
}

const MODALITY_NAMES: Partial<Record<TaskType, string>> = {
  '3DPointCloudObjectDetection': 'PointCloudObjectDetection',
  '3DPointCloudObjectTracking': 'PointCloudObjectTracking',
  '3DPointCloudSemanticSegmentation': 'PointCloudSemanticSegmentation',
};

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const WORKTEAM_ARN = /^arn:aws[a-z-]*:sagemaker:([a-z0-9-]+):(\d{12}):workteam\/[\w./-]+$/;
const PUBLIC_WORKTEAM = /:workteam\/public-crowd\/default$/;

interface Resolved {
  readonly spec: LabelingJobSpec;
  readonly index: number;
  readonly name: string;
  readonly taskType: TaskType;
  readonly labelAttributeName: string;
  readonly outputS3Path: string;
  readonly outputManifestS3Uri: string;
  readonly labelCategoryConfigS3Uri: string | undefined;
}

function integerIn(value: unknown, min: number, max: number, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(field, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

function text(value: unknown, min: number, max: number, field: string): string {
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    throw new ValidationError(field, `must be a string of ${min}-${max} characters`);
  }
  return value;
}

/**
 * Plans a workflow: validates every job, derives names, label attribute names, output paths, chained inputs
 * (the parent's `…/manifests/output/output.manifest`), audit label category files, task time limits per
 * modality and the built-in ARNs of the region.
 *
 * @throws ValidationError for unknown task types, regions without built-ins, chains from a job that is not on a
 * lower level, audits of task types that cannot be audited, duplicate names (case-insensitive), label attribute
 * names that break the rules, and out-of-range settings.
 *
 * @example
 * ```ts
 * const plan = planLabelingChain({
 *   batchId: 'nb-track-823f6d3e', region: 'us-west-2', roleArn, outputS3Uri: 's3://processing-bucket',
 *   defaults: { workteamArn },
 *   jobs: [
 *     { id: 'vehicle', level: 1, taskType: 'VideoObjectTracking', input: { manifestS3Uri }, labelCategoryConfigS3Uri },
 *     { id: 'vehicle-audit', level: 2, input: { chainFrom: 'vehicle' }, audit: { kind: 'adjustment' } },
 *   ],
 * });
 * plan.levels[1].jobs[0].request.InputConfig.DataSource.S3DataSource.ManifestS3Uri; // vehicle's output manifest
 * ```
 */
export function planLabelingChain(workflow: LabelingWorkflow, options: PlanOptions = {}): LabelingPlan {
  const registry = options.registry ?? GROUND_TRUTH_REGISTRY;
  if (typeof workflow !== 'object' || workflow === null) throw new ValidationError('workflow', 'must be an object');
  const { batchId, region, roleArn, outputS3Uri } = workflow;
  checkJobName(batchId, 'workflow.batchId');
  if (typeof region !== 'string' || !Object.hasOwn(registry.regionAccounts, region)) {
    throw new ValidationError(
      'workflow.region',
      `has no Ground Truth built-in task types (regions with built-ins: ${Object.keys(registry.regionAccounts).join(', ')})`,
    );
  }
  if (typeof roleArn !== 'string' || !ROLE_ARN.test(roleArn)) {
    throw new ValidationError('workflow.roleArn', 'must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)');
  }
  parseS3Uri(outputS3Uri, 'workflow.outputS3Uri');
  if (!Array.isArray(workflow.jobs) || workflow.jobs.length === 0) {
    throw new ValidationError('workflow.jobs', 'must be a non-empty array');
  }

  const byId = new Map<string, Resolved>();
  const idsSeen = new Set<string>();
  const namesSeen = new Map<string, string>();
  const resolved: Resolved[] = [];
  const planned = new Map<string, PlannedJob>();
  // Jobs are resolved in level order so a parent is always known before its children.
  const order = workflow.jobs.map((spec, index) => ({ spec, index }));
  for (const { spec, index } of order) {
    const field = `workflow.jobs[${index}]`;
    if (typeof spec !== 'object' || spec === null) throw new ValidationError(field, 'must be an object');
    checkJobName(spec.id, `${field}.id`);
    if (idsSeen.has(spec.id.toLowerCase())) throw new ValidationError(`${field}.id`, `duplicates id ${spec.id}`);
    idsSeen.add(spec.id.toLowerCase());
    integerIn(spec.level, 1, 1000, `${field}.level`);
  }
  order.sort((a, b) => a.spec.level - b.spec.level || a.index - b.index);
  const specById = new Map(workflow.jobs.map((spec) => [spec.id, spec]));

  for (const { spec, index } of order) {
    const field = `workflow.jobs[${index}]`;
    const input = spec.input as Record<string, unknown> | undefined;
    const sources = ['manifestS3Uri', 'chainFrom', 'chainFromExisting'].filter((k) => input?.[k] !== undefined);
    if (sources.length !== 1) {
      throw new ValidationError(
        `${field}.input`,
        'must have exactly one of manifestS3Uri, chainFrom, chainFromExisting',
      );
    }
    let parent: Resolved | undefined;
    let existing: Extract<LabelingJobSpec['input'], { chainFromExisting: unknown }>['chainFromExisting'] | undefined;
    if ('chainFrom' in spec.input) {
      const parentSpec = specById.get(spec.input.chainFrom);
      if (parentSpec === undefined) {
        throw new ValidationError(
          `${field}.input.chainFrom`,
          `names no job of this workflow (${spec.input.chainFrom})`,
        );
      }
      if (!(parentSpec.level < spec.level)) {
        throw new ValidationError(
          `${field}.input.chainFrom`,
          `must name a job of a lower level: ${parentSpec.id} is on level ${parentSpec.level}, this job on level ${spec.level}`,
        );
      }
      parent = byId.get(parentSpec.id)!;
    } else if ('chainFromExisting' in spec.input) {
      existing = spec.input.chainFromExisting;
      checkJobName(existing?.jobName, `${field}.input.chainFromExisting.jobName`);
      if (!isTaskType(existing.taskType, registry)) {
        throw new ValidationError(`${field}.input.chainFromExisting.taskType`, 'is not a known task type');
      }
      checkLabelAttributeName(
        existing.labelAttributeName,
        registry.taskTypes[existing.taskType].refRule,
        `${field}.input.chainFromExisting.labelAttributeName`,
      );
      parseS3Uri(existing.outputManifestS3Uri, `${field}.input.chainFromExisting.outputManifestS3Uri`);
    } else {
      parseS3Uri(spec.input.manifestS3Uri, `${field}.input.manifestS3Uri`);
    }
    const parentTaskType = parent?.taskType ?? existing?.taskType;
    const parentAttribute = parent?.labelAttributeName ?? existing?.labelAttributeName;
    const parentName = parent?.name ?? existing?.jobName;

    // Task type: given, or derived from the parent for audits and continuations.
    let taskType: TaskType;
    if (spec.audit !== undefined) {
      if (parentTaskType === undefined) {
        throw new ValidationError(
          `${field}.audit`,
          'needs input.chainFrom or input.chainFromExisting (the job to audit)',
        );
      }
      if (spec.audit.kind !== 'verification' && spec.audit.kind !== 'adjustment') {
        throw new ValidationError(`${field}.audit.kind`, 'must be verification or adjustment');
      }
      const derived = auditTaskType(parentTaskType, spec.audit.kind, registry);
      if (derived === undefined) {
        throw new ValidationError(
          `${field}.audit`,
          `cannot ${spec.audit.kind === 'verification' ? 'verify' : 'adjust'} task type ${parentTaskType}: Ground Truth audits only bounding boxes, semantic segmentation, video frame object detection/tracking and 3D point clouds`,
        );
      }
      if (spec.taskType !== undefined && spec.taskType !== derived) {
        throw new ValidationError(
          `${field}.taskType`,
          `must be ${derived} for a ${spec.audit.kind} of ${parentTaskType}`,
        );
      }
      taskType = derived;
    } else if (spec.taskType === undefined && spec.continueParent && parentTaskType !== undefined) {
      taskType = parentTaskType;
    } else {
      if (!isTaskType(spec.taskType, registry)) {
        throw new ValidationError(`${field}.taskType`, 'is not a known Ground Truth task type');
      }
      taskType = spec.taskType;
    }
    const info = registry.taskTypes[taskType];
    const arns = builtInTaskArns(taskType, region, registry)!;

    const name = spec.name ?? deriveJobName(batchId, spec.id);
    checkJobName(name, `${field}.name`);
    const clash = namesSeen.get(name.toLowerCase());
    if (clash !== undefined) {
      throw new ValidationError(`${field}.name`, `duplicates job name ${clash} (names are unique regardless of case)`);
    }
    namesSeen.set(name.toLowerCase(), name);

    let labelAttributeName: string;
    if (spec.continueParent) {
      if (parentAttribute === undefined || spec.audit !== undefined) {
        throw new ValidationError(`${field}.continueParent`, 'needs a chained, non-audit job');
      }
      if (taskType !== parentTaskType) {
        throw new ValidationError(`${field}.taskType`, 'must equal the parent task type to continue its labels');
      }
      labelAttributeName = spec.labelAttributeName ?? parentAttribute;
      if (labelAttributeName !== parentAttribute) {
        throw new ValidationError(`${field}.labelAttributeName`, "must equal the parent's to continue its labels");
      }
    } else {
      labelAttributeName = spec.labelAttributeName ?? defaultLabelAttributeName(name, info.refRule);
      if (parentAttribute !== undefined && labelAttributeName === parentAttribute) {
        throw new ValidationError(
          `${field}.labelAttributeName`,
          "must differ from the parent's: a new label layer (and every audit) needs a new name; set continueParent to continue the parent's labels",
        );
      }
    }
    checkLabelAttributeName(labelAttributeName, info.refRule, `${field}.labelAttributeName`);

    const settings: LabelingJobSettings = { ...workflow.defaults, ...stripUndefined(spec) };
    const workteamArn = settings.workteamArn;
    const team = typeof workteamArn === 'string' ? WORKTEAM_ARN.exec(workteamArn) : null;
    if (!team) throw new ValidationError(`${field}.workteamArn`, 'must be a SageMaker work team ARN');
    if (team[1] !== region) {
      throw new ValidationError(`${field}.workteamArn`, `is in region ${team[1]}, the workflow in ${region}`);
    }
    const isPublic = PUBLIC_WORKTEAM.test(workteamArn!);
    const modality: TaskModality = info.modality;
    const D = DEFAULT_LABELING_SETTINGS;
    const taskTime = integerIn(
      settings.taskTimeLimitSeconds ?? D.taskTimeLimitSeconds[modality],
      30,
      D.maxTaskTimeLimitSeconds[modality],
      `${field}.taskTimeLimitSeconds`,
    );
    const availability = integerIn(
      settings.taskAvailabilityLifetimeSeconds ??
        (isPublic ? D.maxPublicTaskAvailabilityLifetimeSeconds : D.taskAvailabilityLifetimeSeconds),
      60,
      isPublic ? D.maxPublicTaskAvailabilityLifetimeSeconds : D.maxTaskAvailabilityLifetimeSeconds,
      `${field}.taskAvailabilityLifetimeSeconds`,
    );
    const workers = integerIn(settings.workersPerObject ?? D.workersPerObject, 1, 9, `${field}.workersPerObject`);
    const concurrent = integerIn(
      settings.maxConcurrentTaskCount ?? D.maxConcurrentTaskCount,
      1,
      5000,
      `${field}.maxConcurrentTaskCount`,
    );
    const title = text(spec.title ?? name, 1, 128, `${field}.title`);
    const description = text(spec.description ?? `${taskType} labeling job ${name}`, 1, 255, `${field}.description`);
    if (settings.keywords !== undefined) {
      if (!Array.isArray(settings.keywords) || settings.keywords.length < 1 || settings.keywords.length > 5) {
        throw new ValidationError(`${field}.keywords`, 'must hold 1-5 keywords');
      }
      for (const [i, k] of settings.keywords.entries()) text(k, 1, 30, `${field}.keywords[${i}]`);
    }
    if (settings.tags !== undefined && (!Array.isArray(settings.tags) || settings.tags.length > 50)) {
      throw new ValidationError(`${field}.tags`, 'must hold at most 50 tags');
    }
    const stopping = settings.stoppingConditions;
    if (stopping?.maxHumanLabeledObjectCount !== undefined) {
      integerIn(
        stopping.maxHumanLabeledObjectCount,
        1,
        2 ** 31 - 1,
        `${field}.stoppingConditions.maxHumanLabeledObjectCount`,
      );
    }
    if (stopping?.maxPercentageOfInputDatasetLabeled !== undefined) {
      integerIn(
        stopping.maxPercentageOfInputDatasetLabeled,
        1,
        100,
        `${field}.stoppingConditions.maxPercentageOfInputDatasetLabeled`,
      );
    }
    if (arns.humanTaskUiArn === undefined && spec.uiTemplateS3Uri === undefined) {
      throw new ValidationError(`${field}.uiTemplateS3Uri`, `is required: task type ${taskType} has no built-in UI`);
    }
    if (spec.uiTemplateS3Uri !== undefined) parseS3Uri(spec.uiTemplateS3Uri, `${field}.uiTemplateS3Uri`);

    // The original design names a modality after the labeled task type, with `Audit` for audit jobs.
    const labeled = registry.taskTypes[parentTaskType ?? taskType]?.audits ?? parentTaskType ?? taskType;
    const jobModality = (MODALITY_NAMES[labeled] ?? labeled) + (spec.audit ? 'Audit' : '');
    const childBatchId = `${batchId}-${levelWord(spec.level)}-${name}`;
    const outputS3Path =
      spec.outputS3Path ?? joinS3Uri(outputS3Uri, 'batch_manifests', jobModality, childBatchId, 'output');
    parseS3Uri(outputS3Path, `${field}.outputS3Path`);

    // Label category configuration: given, written from inline content, or derived for an audit.
    let labelCategoryConfigS3Uri = spec.labelCategoryConfigS3Uri;
    let toWrite: LabelCategoryConfigToWrite | undefined;
    const generatedUri = joinS3Uri(outputS3Uri, 'label_category_input', childBatchId, 'category-file.json');
    if (labelCategoryConfigS3Uri !== undefined)
      parseS3Uri(labelCategoryConfigS3Uri, `${field}.labelCategoryConfigS3Uri`);
    if (spec.audit !== undefined) {
      const editsAllowed: EditsAllowed =
        spec.audit.kind === 'verification' ? 'none' : (spec.audit.editsAllowed ?? 'any');
      if (editsAllowed !== 'none' && editsAllowed !== 'any' && editsAllowed !== 'regionOnly') {
        throw new ValidationError(`${field}.audit.editsAllowed`, 'must be any or regionOnly');
      }
      const baseS3Uri =
        spec.labelCategoryConfigS3Uri ?? parent?.labelCategoryConfigS3Uri ?? existing?.labelCategoryConfigS3Uri;
      const parentInline = parent?.spec.labelCategoryConfig;
      const addLabels = spec.audit.addLabels ?? [];
      if (spec.labelCategoryConfig === undefined && parentInline === undefined && baseS3Uri === undefined) {
        throw new ValidationError(
          `${field}.labelCategoryConfigS3Uri`,
          "is required: the parent's label category configuration is unknown",
        );
      }
      const base = spec.labelCategoryConfig ?? (spec.labelCategoryConfigS3Uri === undefined ? parentInline : undefined);
      toWrite =
        base !== undefined
          ? {
              s3Uri: generatedUri,
              content: auditLabelCategoryConfig(base, parentAttribute!, editsAllowed, addLabels),
            }
          : {
              s3Uri: generatedUri,
              auditOf: { baseS3Uri: baseS3Uri!, auditLabelAttributeName: parentAttribute!, editsAllowed, addLabels },
            };
      labelCategoryConfigS3Uri = generatedUri;
    } else if (spec.labelCategoryConfig !== undefined) {
      toWrite = { s3Uri: generatedUri, content: spec.labelCategoryConfig };
      labelCategoryConfigS3Uri = generatedUri;
    } else if (labelCategoryConfigS3Uri === undefined && !spec.continueParent) {
      throw new ValidationError(`${field}.labelCategoryConfigS3Uri`, 'is required (or labelCategoryConfig)');
    } else if (labelCategoryConfigS3Uri === undefined) {
      labelCategoryConfigS3Uri = parent?.labelCategoryConfigS3Uri ?? existing?.labelCategoryConfigS3Uri;
    }

    const manifestS3Uri =
      parent !== undefined
        ? parent.outputManifestS3Uri
        : existing !== undefined
          ? existing.outputManifestS3Uri
          : (spec.input as { manifestS3Uri: string }).manifestS3Uri;

    const request: CreateLabelingJobRequestLike = {
      LabelingJobName: name,
      LabelAttributeName: labelAttributeName,
      InputConfig: {
        DataSource: { S3DataSource: { ManifestS3Uri: manifestS3Uri } },
        ...(settings.contentClassifiers?.length
          ? { DataAttributes: { ContentClassifiers: [...settings.contentClassifiers] } }
          : {}),
      },
      OutputConfig: {
        S3OutputPath: outputS3Path,
        ...(settings.outputKmsKeyId === undefined ? {} : { KmsKeyId: settings.outputKmsKeyId }),
      },
      RoleArn: roleArn,
      ...(labelCategoryConfigS3Uri === undefined ? {} : { LabelCategoryConfigS3Uri: labelCategoryConfigS3Uri }),
      ...(stopping === undefined
        ? {}
        : {
            StoppingConditions: {
              ...(stopping.maxHumanLabeledObjectCount === undefined
                ? {}
                : { MaxHumanLabeledObjectCount: stopping.maxHumanLabeledObjectCount }),
              ...(stopping.maxPercentageOfInputDatasetLabeled === undefined
                ? {}
                : { MaxPercentageOfInputDatasetLabeled: stopping.maxPercentageOfInputDatasetLabeled }),
            },
          }),
      HumanTaskConfig: {
        WorkteamArn: workteamArn!,
        UiConfig:
          spec.uiTemplateS3Uri !== undefined
            ? { UiTemplateS3Uri: spec.uiTemplateS3Uri }
            : { HumanTaskUiArn: arns.humanTaskUiArn! },
        PreHumanTaskLambdaArn: arns.preHumanTaskLambdaArn,
        ...(settings.keywords === undefined ? {} : { TaskKeywords: [...settings.keywords] }),
        TaskTitle: title,
        TaskDescription: description,
        NumberOfHumanWorkersPerDataObject: workers,
        TaskTimeLimitInSeconds: taskTime,
        TaskAvailabilityLifetimeInSeconds: availability,
        MaxConcurrentTaskCount: concurrent,
        AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: arns.annotationConsolidationLambdaArn },
      },
      ...(settings.tags === undefined ? {} : { Tags: settings.tags.map((t) => ({ Key: t.Key, Value: t.Value })) }),
    };

    const job: Resolved = {
      spec,
      index,
      name,
      taskType,
      labelAttributeName,
      outputS3Path,
      outputManifestS3Uri: outputManifestUri(outputS3Path, name),
      labelCategoryConfigS3Uri,
    };
    byId.set(spec.id, job);
    resolved.push(job);
    planned.set(spec.id, {
      id: spec.id,
      level: spec.level,
      taskType,
      modality,
      jobModality,
      ...(parentName === undefined ? {} : { parentJobName: parentName }),
      ...(parent === undefined ? {} : { parentId: parent.spec.id }),
      ...(existing === undefined ? {} : { existingParent: true }),
      ...(spec.audit === undefined ? {} : { audit: spec.audit.kind }),
      childBatchId,
      outputManifestS3Uri: job.outputManifestS3Uri,
      ...(toWrite === undefined ? {} : { labelCategoryConfigToWrite: toWrite }),
      request,
    });
  }

  const levels = [...new Set(resolved.map((job) => job.spec.level))].sort((a, b) => a - b);
  return {
    version: 1,
    batchId,
    region,
    levels: levels.map((level) => ({
      level,
      jobs: resolved
        .filter((job) => job.spec.level === level)
        .sort((a, b) => a.index - b.index)
        .map((job) => planned.get(job.spec.id)!),
    })),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Every planned job of a plan, level by level.
 *
 * @example
 * ```ts
 * planJobs(plan).map((job) => job.request.LabelingJobName);
 * ```
 */
export function planJobs(plan: LabelingPlan): PlannedJob[] {
  return plan.levels.flatMap((level) => level.jobs);
}
