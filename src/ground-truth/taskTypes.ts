/**
 * The Ground Truth task-type registry, as versioned data: built-in pre-annotation (PRE-) and consolidation
 * (ACS-) Lambda functions per task type and region, human task UI names, the `-ref` label attribute rule and
 * which task types can be verified or adjusted. Source: the SageMaker API model (botocore 1.43.11,
 * `sagemaker/2017-07-24`), documentation of `PreHumanTaskLambdaArn`, `AnnotationConsolidationLambdaArn` and
 * `HumanTaskUiArn`; chaining and `-ref` rules from the Ground Truth developer guide. Known anomalies are kept
 * as data in {@link GROUND_TRUTH_REGISTRY}`.anomalies` rather than silently corrected.
 *
 * @module
 */

/** Built-in task types, named by the suffix of their `PRE-`/`ACS-` Lambda functions. */
export type TaskType =
  | 'BoundingBox'
  | 'ImageMultiClass'
  | 'ImageMultiClassMultiLabel'
  | 'SemanticSegmentation'
  | 'TextMultiClass'
  | 'TextMultiClassMultiLabel'
  | 'NamedEntityRecognition'
  | 'VideoMultiClass'
  | 'VideoObjectDetection'
  | 'VideoObjectTracking'
  | '3DPointCloudObjectDetection'
  | '3DPointCloudObjectTracking'
  | '3DPointCloudSemanticSegmentation'
  | 'VerificationBoundingBox'
  | 'AdjustmentBoundingBox'
  | 'VerificationSemanticSegmentation'
  | 'AdjustmentSemanticSegmentation'
  | 'AdjustmentVideoObjectDetection'
  | 'AdjustmentVideoObjectTracking'
  | 'Adjustment3DPointCloudObjectDetection'
  | 'Adjustment3DPointCloudObjectTracking'
  | 'Adjustment3DPointCloudSemanticSegmentation'
  | 'PassThrough';

/** Data kinds; they set the task time limit maximum (8 h for image/text/custom, 30 days for video and 3D). */
export type TaskModality = 'image' | 'text' | 'video' | 'pointcloud' | 'custom';

/** How a task type constrains `LabelAttributeName`: must end in `-ref`, must not, or either. */
export type RefRule = 'required' | 'forbidden' | 'any';

/** What an audit job does: verification (`editsAllowed: none`) or adjustment. */
export type AuditKind = 'verification' | 'adjustment';

/** One built-in task type. */
export interface TaskTypeInfo {
  /** Data kind. */
  readonly modality: TaskModality;
  /** The `-ref` rule for its label attribute name. */
  readonly refRule: RefRule;
  /** Human task UI name, for task types that need `HumanTaskUiArn` (NER, video frame, 3D point cloud). */
  readonly humanTaskUi?: string;
  /** The task type that verifies this one, if any. */
  readonly verification?: TaskType;
  /** The task type that adjusts this one, if any. */
  readonly adjustment?: TaskType;
  /** For audit task types: the task type audited. */
  readonly audits?: TaskType;
  /** The `type` written in output manifest metadata (`groundtruth/…`), where documented. */
  readonly outputType?: string;
}

/** Regions with built-in Ground Truth Lambdas and the account that owns them. */
const REGION_ACCOUNTS = {
  'us-east-1': '432418664414',
  'us-east-2': '266458841044',
  'us-west-2': '081040173940',
  'ca-central-1': '918755190332',
  'eu-west-1': '568282634449',
  'eu-west-2': '487402164563',
  'eu-central-1': '203001061592',
  'ap-northeast-1': '477331159723',
  'ap-northeast-2': '845288260483',
  'ap-south-1': '565803892007',
  'ap-southeast-1': '377565633583',
  'ap-southeast-2': '454466003867',
} as const;

const VIDEO_UI = { VideoObjectDetection: 'VideoObjectDetection', VideoObjectTracking: 'VideoObjectTracking' } as const;

const TASK_TYPES: Readonly<Record<TaskType, TaskTypeInfo>> = {
  BoundingBox: {
    modality: 'image',
    refRule: 'any',
    verification: 'VerificationBoundingBox',
    adjustment: 'AdjustmentBoundingBox',
    outputType: 'groundtruth/object-detection',
  },
  ImageMultiClass: { modality: 'image', refRule: 'any', outputType: 'groundtruth/image-classification' },
  ImageMultiClassMultiLabel: {
    modality: 'image',
    refRule: 'any',
    outputType: 'groundtruth/image-classification-multilabel',
  },
  SemanticSegmentation: {
    modality: 'image',
    refRule: 'required',
    verification: 'VerificationSemanticSegmentation',
    adjustment: 'AdjustmentSemanticSegmentation',
    outputType: 'groundtruth/semantic-segmentation',
  },
  TextMultiClass: { modality: 'text', refRule: 'any', outputType: 'groundtruth/text-classification' },
  TextMultiClassMultiLabel: {
    modality: 'text',
    refRule: 'any',
    outputType: 'groundtruth/text-classification-multilabel',
  },
  NamedEntityRecognition: {
    modality: 'text',
    refRule: 'any',
    humanTaskUi: 'NamedEntityRecognition',
    outputType: 'groundtruth/named-entity-recognition',
  },
  VideoMultiClass: { modality: 'video', refRule: 'any', outputType: 'groundtruth/video-classification' },
  VideoObjectDetection: {
    modality: 'video',
    refRule: 'required',
    humanTaskUi: VIDEO_UI.VideoObjectDetection,
    verification: 'AdjustmentVideoObjectDetection',
    adjustment: 'AdjustmentVideoObjectDetection',
    outputType: 'groundtruth/video-object-detection',
  },
  VideoObjectTracking: {
    modality: 'video',
    refRule: 'required',
    humanTaskUi: VIDEO_UI.VideoObjectTracking,
    verification: 'AdjustmentVideoObjectTracking',
    adjustment: 'AdjustmentVideoObjectTracking',
    outputType: 'groundtruth/video-object-tracking',
  },
  '3DPointCloudObjectDetection': {
    modality: 'pointcloud',
    refRule: 'forbidden',
    humanTaskUi: 'PointCloudObjectDetection',
    verification: 'Adjustment3DPointCloudObjectDetection',
    adjustment: 'Adjustment3DPointCloudObjectDetection',
    outputType: 'groundtruth/point_cloud_object_detection',
  },
  '3DPointCloudObjectTracking': {
    modality: 'pointcloud',
    refRule: 'required',
    humanTaskUi: 'PointCloudObjectTracking',
    verification: 'Adjustment3DPointCloudObjectTracking',
    adjustment: 'Adjustment3DPointCloudObjectTracking',
    outputType: 'groundtruth/point_cloud_object_tracking',
  },
  '3DPointCloudSemanticSegmentation': {
    modality: 'pointcloud',
    refRule: 'required',
    humanTaskUi: 'PointCloudSemanticSegmentation',
    verification: 'Adjustment3DPointCloudSemanticSegmentation',
    adjustment: 'Adjustment3DPointCloudSemanticSegmentation',
    outputType: 'groundtruth/point_cloud_single_frame_semantic_segmentation',
  },
  VerificationBoundingBox: {
    modality: 'image',
    refRule: 'any',
    audits: 'BoundingBox',
    outputType: 'groundtruth/label-verification',
  },
  AdjustmentBoundingBox: {
    modality: 'image',
    refRule: 'any',
    audits: 'BoundingBox',
    verification: 'VerificationBoundingBox',
    adjustment: 'AdjustmentBoundingBox',
  },
  VerificationSemanticSegmentation: {
    modality: 'image',
    refRule: 'forbidden',
    audits: 'SemanticSegmentation',
    outputType: 'groundtruth/label-verification',
  },
  AdjustmentSemanticSegmentation: {
    modality: 'image',
    refRule: 'required',
    audits: 'SemanticSegmentation',
    verification: 'VerificationSemanticSegmentation',
    adjustment: 'AdjustmentSemanticSegmentation',
  },
  AdjustmentVideoObjectDetection: {
    modality: 'video',
    refRule: 'required',
    humanTaskUi: VIDEO_UI.VideoObjectDetection,
    audits: 'VideoObjectDetection',
    outputType: 'groundtruth/video-object-detection',
    verification: 'AdjustmentVideoObjectDetection',
    adjustment: 'AdjustmentVideoObjectDetection',
  },
  AdjustmentVideoObjectTracking: {
    modality: 'video',
    refRule: 'required',
    humanTaskUi: VIDEO_UI.VideoObjectTracking,
    audits: 'VideoObjectTracking',
    outputType: 'groundtruth/video-object-tracking',
    verification: 'AdjustmentVideoObjectTracking',
    adjustment: 'AdjustmentVideoObjectTracking',
  },
  Adjustment3DPointCloudObjectDetection: {
    modality: 'pointcloud',
    refRule: 'forbidden',
    humanTaskUi: 'PointCloudObjectDetection',
    audits: '3DPointCloudObjectDetection',
    verification: 'Adjustment3DPointCloudObjectDetection',
    adjustment: 'Adjustment3DPointCloudObjectDetection',
  },
  Adjustment3DPointCloudObjectTracking: {
    modality: 'pointcloud',
    refRule: 'required',
    humanTaskUi: 'PointCloudObjectTracking',
    audits: '3DPointCloudObjectTracking',
    verification: 'Adjustment3DPointCloudObjectTracking',
    adjustment: 'Adjustment3DPointCloudObjectTracking',
  },
  Adjustment3DPointCloudSemanticSegmentation: {
    modality: 'pointcloud',
    refRule: 'required',
    humanTaskUi: 'PointCloudSemanticSegmentation',
    audits: '3DPointCloudSemanticSegmentation',
    verification: 'Adjustment3DPointCloudSemanticSegmentation',
    adjustment: 'Adjustment3DPointCloudSemanticSegmentation',
  },
  PassThrough: { modality: 'custom', refRule: 'any' },
};

/** The shape of {@link GROUND_TRUTH_REGISTRY}; pass a modified copy to the planner to override it. */
export interface GroundTruthRegistry {
  /** Date the data was compiled (ISO 8601). */
  readonly version: string;
  /** Where it comes from. */
  readonly source: string;
  /** Regions with built-in Lambdas → the AWS account that owns them. */
  readonly regionAccounts: Readonly<Record<string, string>>;
  /** Account of the built-in human task UIs (`arn:aws:sagemaker:{region}:{account}:human-task-ui/{Name}`). */
  readonly humanTaskUiAccount: string;
  /** Task types. Every one has `PRE-{TaskType}` and `ACS-{TaskType}` functions in every listed region. */
  readonly taskTypes: Readonly<Record<TaskType, TaskTypeInfo>>;
  /** Irregularities of the sources, kept as data. */
  readonly anomalies: readonly {
    /** What is irregular. */
    readonly what: string;
    /** Regions concerned. */
    readonly regions: readonly string[];
    /** Values observed besides the regular one (function names, account ids). */
    readonly alternates: readonly string[];
    /** Where it was seen. */
    readonly source: string;
  }[];
}

/**
 * The registry of built-in task types (2026-12-04 compilation of the SageMaker model documentation).
 *
 * @example
 * ```ts
 * GROUND_TRUTH_REGISTRY.regionAccounts['us-west-2']; // '081040173940'
 * GROUND_TRUTH_REGISTRY.taskTypes.VideoObjectTracking.refRule; // 'required'
 * ```
 */
export const GROUND_TRUTH_REGISTRY: GroundTruthRegistry = Object.freeze({
  version: '2026-12-04',
  source:
    'botocore 1.43.11 sagemaker/2017-07-24 service-2.json (HumanTaskConfig.PreHumanTaskLambdaArn, ' +
    'AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn, UiConfig.HumanTaskUiArn, ' +
    'LabelAttributeName); Ground Truth developer guide "Chaining labeling jobs", "Verify and adjust labels"',
  regionAccounts: REGION_ACCOUNTS,
  humanTaskUiAccount: '394669845002',
  taskTypes: TASK_TYPES,
  anomalies: [
    {
      what: 'ACS table of 3D point cloud semantic segmentation adjustment lists a stray ACS-3DPointCloudSemanticSegmentation row (13 rows, one region twice)',
      regions: ['us-east-1'],
      alternates: ['ACS-3DPointCloudSemanticSegmentation'],
      source: 'botocore 1.43.11 AnnotationConsolidationLambdaArn documentation',
    },
    {
      what: 'a user reported a built-in Lambda account for eu-central-1 that differs from the table',
      regions: ['eu-central-1'],
      alternates: ['326177286064'],
      source: 'aws/amazon-sagemaker-examples#1936',
    },
  ],
});

/**
 * Whether `value` names a built-in task type of `registry`.
 *
 * @example
 * ```ts
 * isTaskType('VideoObjectTracking'); // true
 * ```
 */
export function isTaskType(value: unknown, registry: GroundTruthRegistry = GROUND_TRUTH_REGISTRY): value is TaskType {
  return typeof value === 'string' && Object.hasOwn(registry.taskTypes, value);
}

/** The built-in ARNs one job needs. */
export interface TaskArns {
  /** `arn:aws:lambda:{region}:{account}:function:PRE-{TaskType}`. */
  readonly preHumanTaskLambdaArn: string;
  /** `arn:aws:lambda:{region}:{account}:function:ACS-{TaskType}`. */
  readonly annotationConsolidationLambdaArn: string;
  /** Human task UI ARN, for task types that need one. */
  readonly humanTaskUiArn?: string;
}

/**
 * The built-in Lambda and UI ARNs of a task type in a region; `undefined` when the region has no built-ins.
 *
 * @example
 * ```ts
 * builtInTaskArns('VideoObjectTracking', 'us-west-2')?.humanTaskUiArn;
 * // 'arn:aws:sagemaker:us-west-2:394669845002:human-task-ui/VideoObjectTracking'
 * ```
 */
export function builtInTaskArns(
  taskType: TaskType,
  region: string,
  registry: GroundTruthRegistry = GROUND_TRUTH_REGISTRY,
): TaskArns | undefined {
  const account = Object.hasOwn(registry.regionAccounts, region) ? registry.regionAccounts[region] : undefined;
  const info = registry.taskTypes[taskType];
  if (account === undefined || info === undefined) return undefined;
  const lambda = (prefix: string) => `arn:aws:lambda:${region}:${account}:function:${prefix}-${taskType}`;
  return {
    preHumanTaskLambdaArn: lambda('PRE'),
    annotationConsolidationLambdaArn: lambda('ACS'),
    ...(info.humanTaskUi === undefined
      ? {}
      : {
          humanTaskUiArn: `arn:aws:sagemaker:${region}:${registry.humanTaskUiAccount}:human-task-ui/${info.humanTaskUi}`,
        }),
  };
}

/**
 * The task type that audits `taskType` with `kind`, or `undefined` when it cannot be audited (classification,
 * NER, video classification, custom, verification results). Video and 3D verification use the adjustment
 * functions with `editsAllowed: "none"`. An adjusted layer can be audited again (a third review level).
 *
 * @example
 * ```ts
 * auditTaskType('VideoObjectTracking', 'adjustment'); // 'AdjustmentVideoObjectTracking'
 * auditTaskType('ImageMultiClass', 'verification'); // undefined
 * ```
 */
export function auditTaskType(
  taskType: TaskType,
  kind: AuditKind,
  registry: GroundTruthRegistry = GROUND_TRUTH_REGISTRY,
): TaskType | undefined {
  const info = registry.taskTypes[taskType];
  return kind === 'verification' ? info?.verification : info?.adjustment;
}
