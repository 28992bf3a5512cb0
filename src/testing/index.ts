/**
 * Local stand-ins for AWS services, for testing code that uses aws-ml-kit (or the AWS SDK) offline.
 * Each starts on an ephemeral loopback port and hands out the client configuration to use.
 * They replay and simulate; they do not run any machine learning.
 *
 * @packageDocumentation
 */

export * from './ComprehendMedicalStandIn.js';
export * from './DynamoDbStandIn.js';
export * from './LexBotModel.js';
export * from './LexV1StandIn.js';
export * from './LexV2StandIn.js';
export { PollyStandIn, type PollyStandInOptions, type PollyStandInStats } from './PollyStandIn.js';
export { S3StandIn, type S3StandInOptions } from './S3StandIn.js';
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
