/**
 * Local stand-ins for AWS services, for testing code that uses aws-ml-kit (or the AWS SDK) offline.
 * Each starts on an ephemeral loopback port and hands out the client configuration to use.
 * They replay and simulate; they do not run any machine learning.
 *
 * @packageDocumentation
 */

export * from './ComprehendMedicalStandIn.js';
export * from './DynamoDbStandIn.js';
export {
  decodeEventStreamMessage,
  type EventStreamMessage,
  EventStreamSplitter,
  encodeEventStreamMessage,
} from './eventStreamMessages.js';
export * from './LexBotModel.js';
export * from './LexV1StandIn.js';
export * from './LexV2StandIn.js';
export { PollyStandIn, type PollyStandInOptions, type PollyStandInStats } from './PollyStandIn.js';
export { S3StandIn, type S3StandInOptions } from './S3StandIn.js';
export {
  type LabelingJobScript,
  SageMakerLabelingStandIn,
  type SageMakerLabelingStandInOptions,
  type StandInLabelingJob,
  type StandInObjectStore,
} from './SageMakerLabelingStandIn.js';
export {
  modelErrorReply,
  modelNotReadyReply,
  SageMakerRuntimeStandIn,
  type SageMakerRuntimeStandInOptions,
  type SageMakerRuntimeStandInStats,
  throttlingReply,
} from './SageMakerRuntimeStandIn.js';

export {
  awsError,
  type RecordedCall,
  type StandInClientConfig,
  type StandInHandler,
  type StandInReply,
  type StandInRequest,
  StandInServer,
  type StandInServerOptions,
} from './StandInServer.js';
export {
  type SavedTextractPage,
  type SavedTextractResponse,
  TextractStandIn,
  type TextractStandInJob,
  type TextractStandInJobScript,
  type TextractStandInOptions,
} from './TextractStandIn.js';
export { TfServingStandIn, type TfServingStandInOptions, type TfServingStandInStats } from './TfServingStandIn.js';
export {
  type RecordedTranscribeSession,
  type TranscribeStandInFault,
  type TranscribeStandInPresignOptions,
  TranscribeStreamingStandIn,
  type TranscribeStreamingStandInOptions,
} from './TranscribeStreamingStandIn.js';
export {
  type PresignCheck,
  type PresignRefusal,
  type VerifyPresignedUrlOptions,
  verifyPresignedUrl,
} from './verifyPresignedUrl.js';
