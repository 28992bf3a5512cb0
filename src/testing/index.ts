/**
 * Local stand-ins for AWS services, for testing code that uses aws-ml-kit (or the AWS SDK) offline.
 * Each starts on an ephemeral loopback port and hands out the client configuration to use.
 * They replay and simulate; they do not run any machine learning.
 *
 * @packageDocumentation
 */
export {
  awsError,
  type RecordedCall,
  type StandInHandler,
  type StandInReply,
  type StandInRequest,
  StandInServer,
  type StandInServerOptions,
} from './StandInServer.js';
