/**
 * aws-ml-kit/ground-truth — multi-level SageMaker Ground Truth labeling workflows as a typed, testable,
 * resumable object: a task-type registry as data, a pure planner producing validated `CreateLabelingJob`
 * requests, `GroundTruthChain` (level by level, durable state, resume without duplicates), an Amazon States
 * Language export, and manifest tools. Ground Truth is closed to new customers; existing customers continue.
 *
 * @packageDocumentation
 */
export { S3ObjectStore, type S3ObjectStoreOptions } from './aws/S3ObjectStore.js';
export { SageMakerLabelingJobs, type SageMakerLabelingJobsOptions } from './aws/SageMakerLabelingJobs.js';
export {
  type StartedExecution,
  type StartStepFunctionsChainOptions,
  startStepFunctionsChain,
} from './aws/startStepFunctionsChain.js';
export {
  applyDescription,
  type BatchJobView,
  type BatchLevelView,
  type BatchStatus,
  type BatchView,
  batchView,
  type ChainState,
  type ChainStep,
  initialChainState,
  isTerminalPhase,
  type JobPhase,
  type JobState,
  LABELING_JOB_MAX_LIFETIME_MS,
  nextChainStep,
  planFingerprint,
  restoreChainState,
  updateJob,
} from './chainState.js';
export {
  isObjectNotFoundError,
  isParentJobNotCompleteError,
  ObjectNotFoundError,
  ParentJobNotCompleteError,
} from './errors.js';
export {
  type BetweenLevelsContext,
  type BetweenLevelsResult,
  type BlockedJob,
  type ChainProgress,
  type ChainResult,
  DEFAULT_GROUND_TRUTH_CHAIN_OPTIONS,
  type FailedJob,
  FINAL_LABELING_JOB_STATUSES,
  GroundTruthChain,
  type GroundTruthChainOptions,
  type LabelingJobStateChangeEvent,
  type RunOptions,
} from './GroundTruthChain.js';
export {
  auditLabelCategoryConfig,
  type EditsAllowed,
  LABEL_CATEGORY_DOCUMENT_VERSION,
  type LabelCategory,
  type LabelCategoryConfig,
  labelCategoryConfig,
} from './labelCategoryConfig.js';
export { writeLabelCategoryFile, writeLabelCategoryFiles } from './labelCategoryFiles.js';
export {
  buildInputManifest,
  buildVideoFrameSequence,
  DEFAULT_PARSE_MANIFEST_OPTIONS,
  type FrameAnnotation,
  type InputManifestItem,
  type LabeledFrame,
  type LabelMetadata,
  MAX_SEQUENCE_FRAMES,
  type ManifestLabel,
  type ManifestRecord,
  type MergedFrame,
  manifestLines,
  mergeFramesByNumber,
  type ParseManifestOptions,
  parseOutputManifest,
  readLabelMetadata,
  readSeqLabel,
  type SequenceFrame,
  toManifestRecord,
  type VideoFrameSequence,
} from './manifests.js';
export {
  checkJobName,
  checkLabelAttributeName,
  defaultLabelAttributeName,
  deriveJobName,
  LABELING_JOB_NAME_PATTERN,
  MAX_LABEL_ATTRIBUTE_NAME_LENGTH,
  MAX_LABELING_JOB_NAME_LENGTH,
} from './names.js';
export { JsonFileChainStateStore, type JsonFileChainStateStoreOptions } from './node/JsonFileChainStateStore.js';
export { LocalFolderObjectStore, type LocalFolderObjectStoreOptions } from './node/LocalFolderObjectStore.js';
export {
  DEFAULT_LABELING_SETTINGS,
  levelWord,
  type PlanOptions,
  planJobs,
  planLabelingChain,
  type SecondsPerModality,
} from './planLabelingChain.js';
export { joinS3Uri, outputManifestUri, parseS3Uri, type S3Location } from './s3Uri.js';
export {
  type CallOptions,
  type ChainStateStore,
  type CreatedLabelingJob,
  InMemoryChainStateStore,
  InMemoryObjectStore,
  isNotFound,
  isResourceInUse,
  type LabelCounters,
  type LabelingJobDescription,
  type LabelingJobService,
  type LabelingJobStatus,
  type ObjectStore,
} from './services.js';
export {
  type AuditKind,
  auditTaskType,
  builtInTaskArns,
  GROUND_TRUTH_REGISTRY,
  type GroundTruthRegistry,
  isTaskType,
  type RefRule,
  type TaskArns,
  type TaskModality,
  type TaskType,
  type TaskTypeInfo,
} from './taskTypes.js';
export {
  type AslCatcher,
  type AslState,
  type AslStateMachine,
  CREATE_LABELING_JOB_SYNC,
  levelStateName,
  type StepFunctionsDefinitionOptions,
  toStepFunctionsDefinition,
} from './toStepFunctionsDefinition.js';
export type {
  CreateLabelingJobRequestLike,
  ExistingParentJob,
  JobTag,
  LabelCategoryConfigToWrite,
  LabelingJobInput,
  LabelingJobSettings,
  LabelingJobSpec,
  LabelingPlan,
  LabelingWorkflow,
  PlannedJob,
  PlannedLevel,
} from './workflow.js';
export { type SmgtBatchJob, type SmgtBatchRequest, workflowFromSmgtBatch } from './workflowFromSmgtBatch.js';
