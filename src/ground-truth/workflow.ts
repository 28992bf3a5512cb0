/**
 * The input of the planner: a labeling workflow (jobs on levels, chained from lower levels), and the plan it
 * becomes (validated `CreateLabelingJob` requests, level by level).
 *
 * @module
 */
import type { EditsAllowed, LabelCategoryConfig } from './labelCategoryConfig.js';
import type { AuditKind, TaskModality, TaskType } from './taskTypes.js';

/** Settings a job may take from the workflow's `defaults`. All durations in seconds. */
export interface LabelingJobSettings {
  /** Work team ARN (private, vendor or `…:workteam/public-crowd/default`). Its region must be the workflow's. */
  readonly workteamArn?: string;
  /** Workers per data object, 1–9. Default 1. */
  readonly workersPerObject?: number;
  /** Time a worker has per task, ≥ 30 s; at most 8 h for image/text/custom and 30 days for video and 3D. */
  readonly taskTimeLimitSeconds?: number;
  /** How long a task stays available, 60 s – 30 days (12 h for the public workforce). Default 864,000 (10 days). */
  readonly taskAvailabilityLifetimeSeconds?: number;
  /** Tasks out at once ("batch size"), 1–5000. Default 100. */
  readonly maxConcurrentTaskCount?: number;
  /** Stopping conditions of each job. */
  readonly stoppingConditions?: {
    /** `MaxHumanLabeledObjectCount`. */
    readonly maxHumanLabeledObjectCount?: number;
    /** `MaxPercentageOfInputDatasetLabeled`, 1–100. */
    readonly maxPercentageOfInputDatasetLabeled?: number;
  };
  /** `TaskKeywords`, 1–5 of 1–30 characters. */
  readonly keywords?: readonly string[];
  /** `DataAttributes.ContentClassifiers`. */
  readonly contentClassifiers?: readonly ('FreeOfPersonallyIdentifiableInformation' | 'FreeOfAdultContent')[];
  /** KMS key for the output. */
  readonly outputKmsKeyId?: string;
  /** Tags of every job (≤ 50). */
  readonly tags?: readonly JobTag[];
}

/** A resource tag. */
export interface JobTag {
  /** Tag key. */
  readonly Key: string;
  /** Tag value. */
  readonly Value: string;
}

/** A job outside the workflow to chain from. */
export interface ExistingParentJob {
  /** Its `LabelingJobName`. */
  readonly jobName: string;
  /** Its task type. */
  readonly taskType: TaskType;
  /** Its `LabelAttributeName`. */
  readonly labelAttributeName: string;
  /** Its output manifest (`…/manifests/output/output.manifest`). */
  readonly outputManifestS3Uri: string;
  /** Its label category configuration, the base of an audit's configuration. */
  readonly labelCategoryConfigS3Uri?: string;
}

/** Where a job's data comes from. */
export type LabelingJobInput =
  | {
      /** An input manifest in S3. */
      readonly manifestS3Uri: string;
    }
  | {
      /** The `id` of a job of a lower level of this workflow, whose output manifest is the input. */
      readonly chainFrom: string;
    }
  | {
      /** A job outside the workflow whose output manifest is the input; it must be Completed when the chain reaches it. */
      readonly chainFromExisting: ExistingParentJob;
    };

/** One job of a workflow. */
export interface LabelingJobSpec extends LabelingJobSettings {
  /** Short id, unique in the workflow (case-insensitive); the job name is `{batchId}-{id}` unless `name` is set. */
  readonly id: string;
  /** Level, an integer ≥ 1. Jobs of a level run in parallel; a job chains only from lower levels. */
  readonly level: number;
  /** Task type; for an audit job it is derived from the parent and may be omitted. */
  readonly taskType?: TaskType;
  /** Data source. */
  readonly input: LabelingJobInput;
  /** Makes this job an audit (verification or adjustment) of the job it chains from. */
  readonly audit?: {
    /** `verification` or `adjustment`. */
    readonly kind: AuditKind;
    /** For adjustments: `any` (default) or `regionOnly`. Verification is always `none`. */
    readonly editsAllowed?: Exclude<EditsAllowed, 'none'>;
    /** Labels to add to the parent's. */
    readonly addLabels?: readonly string[];
  };
  /** Continue the parent's labels (same label attribute name, only unlabeled items) instead of adding a layer. */
  readonly continueParent?: boolean;
  /** Label category configuration in S3. Required unless `labelCategoryConfig` is given or the job is an audit. */
  readonly labelCategoryConfigS3Uri?: string;
  /** Label category configuration to write to S3 before the job is created. */
  readonly labelCategoryConfig?: LabelCategoryConfig;
  /** Explicit `LabelingJobName`. Default `{batchId}-{id}`, shortened with a hash to 63 characters. */
  readonly name?: string;
  /** Explicit `LabelAttributeName`. Default `{name}-ref` when the task type needs `-ref`, else `{name}`. */
  readonly labelAttributeName?: string;
  /** `TaskTitle`. Default: the job name. */
  readonly title?: string;
  /** `TaskDescription`. Default: task type and job name. */
  readonly description?: string;
  /** Custom worker template (`UiTemplateS3Uri`), for task types without a built-in UI ARN. */
  readonly uiTemplateS3Uri?: string;
  /** `S3OutputPath` of this job. Default: {@link LabelingWorkflow.outputS3Uri} in the original design's layout. */
  readonly outputS3Path?: string;
}

/** A labeling workflow: a batch of jobs on levels. */
export interface LabelingWorkflow {
  /** Batch id, the prefix of derived job names (letters, digits, inner hyphens). */
  readonly batchId: string;
  /** AWS region; it must have Ground Truth built-ins. */
  readonly region: string;
  /** IAM role SageMaker assumes for the jobs. */
  readonly roleArn: string;
  /** Processing location: job outputs and generated label category files go under it. */
  readonly outputS3Uri: string;
  /** Settings every job takes unless it sets its own. */
  readonly defaults?: LabelingJobSettings;
  /** The jobs. */
  readonly jobs: readonly LabelingJobSpec[];
}

/** The `CreateLabelingJob` request fields the planner fills; assignable to the SDK's `CreateLabelingJobRequest`. */
export interface CreateLabelingJobRequestLike {
  /** Job name. */
  LabelingJobName: string;
  /** Label attribute name. */
  LabelAttributeName: string;
  /** Input. */
  InputConfig: {
    /** Manifest in S3. */
    DataSource: {
      /** S3 source. */
      S3DataSource: {
        /** Manifest URI. */
        ManifestS3Uri: string;
      };
    };
    /** Content classifiers. */
    DataAttributes?: {
      /** Classifiers. */
      ContentClassifiers: ('FreeOfPersonallyIdentifiableInformation' | 'FreeOfAdultContent')[];
    };
  };
  /** Output. */
  OutputConfig: {
    /** Output location. */
    S3OutputPath: string;
    /** KMS key. */
    KmsKeyId?: string;
  };
  /** Role. */
  RoleArn: string;
  /** Label category configuration. */
  LabelCategoryConfigS3Uri?: string;
  /** Stopping conditions. */
  StoppingConditions?: {
    /** Most objects labeled by humans. */
    MaxHumanLabeledObjectCount?: number;
    /** Most percent of the input labeled. */
    MaxPercentageOfInputDatasetLabeled?: number;
  };
  /** Human task configuration. */
  HumanTaskConfig: {
    /** Work team. */
    WorkteamArn: string;
    /** Worker UI. */
    UiConfig: {
      /** Custom template. */
      UiTemplateS3Uri?: string;
      /** Built-in UI. */
      HumanTaskUiArn?: string;
    };
    /** Pre-annotation Lambda. */
    PreHumanTaskLambdaArn: string;
    /** Keywords. */
    TaskKeywords?: string[];
    /** Title. */
    TaskTitle: string;
    /** Description. */
    TaskDescription: string;
    /** Workers per object. */
    NumberOfHumanWorkersPerDataObject: number;
    /** Seconds per task. */
    TaskTimeLimitInSeconds: number;
    /** Seconds a task stays available. */
    TaskAvailabilityLifetimeInSeconds: number;
    /** Tasks out at once. */
    MaxConcurrentTaskCount: number;
    /** Consolidation Lambda. */
    AnnotationConsolidationConfig: {
      /** Consolidation Lambda ARN. */
      AnnotationConsolidationLambdaArn: string;
    };
  };
  /** Tags. */
  Tags?: JobTag[];
}

/** A label category file the chain writes to S3 before creating the job. */
export interface LabelCategoryConfigToWrite {
  /** Where it goes. */
  readonly s3Uri: string;
  /** Inline content, when known at plan time. */
  readonly content?: LabelCategoryConfig;
  /** For audits whose parent's configuration lives in S3: read it from here and derive the audit variant. */
  readonly auditOf?: {
    /** Parent's configuration. */
    readonly baseS3Uri: string;
    /** Parent's label attribute. */
    readonly auditLabelAttributeName: string;
    /** What workers may change. */
    readonly editsAllowed: EditsAllowed;
    /** Labels to add. */
    readonly addLabels: readonly string[];
  };
}

/** One planned job. */
export interface PlannedJob {
  /** Id in the workflow. */
  readonly id: string;
  /** Level. */
  readonly level: number;
  /** Task type (for audits, the audit task type). */
  readonly taskType: TaskType;
  /** Data kind. */
  readonly modality: TaskModality;
  /** The original design's modality name (`VideoObjectTracking`, `VideoObjectTrackingAudit` …). */
  readonly jobModality: string;
  /** Id of the workflow job it chains from. */
  readonly parentId?: string;
  /** Name of the job it chains from (in the workflow or existing). */
  readonly parentJobName?: string;
  /** Set for a parent outside the workflow, which must be Completed before this job is created. */
  readonly existingParent?: boolean;
  /** Audit kind, for audit jobs. */
  readonly audit?: AuditKind;
  /** The original design's child batch id, `{batchId}-{first_level}-{jobName}`. */
  readonly childBatchId: string;
  /** Where the output manifest will be. */
  readonly outputManifestS3Uri: string;
  /** A label category file to write first, if any. */
  readonly labelCategoryConfigToWrite?: LabelCategoryConfigToWrite;
  /** The validated request. */
  readonly request: CreateLabelingJobRequestLike;
}

/** One level of a plan. */
export interface PlannedLevel {
  /** Level number. */
  readonly level: number;
  /** Its jobs, in workflow order. */
  readonly jobs: readonly PlannedJob[];
}

/** A validated plan. Plain JSON: it can be printed, stored and compared. */
export interface LabelingPlan {
  /** Format version. */
  readonly version: 1;
  /** Batch id. */
  readonly batchId: string;
  /** Region. */
  readonly region: string;
  /** Levels in ascending order, each with its jobs in workflow order. */
  readonly levels: readonly PlannedLevel[];
}
