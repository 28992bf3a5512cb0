/**
 * aws-ml-kit/lex — `LexCheckpointSession`: multi-topic Lex conversations with named checkpoints, on Lex V1
 * (native checkpoint labels) and Lex V2 (checkpoints emulated in a reserved session attribute).
 *
 * Lex V1 reached end of support on 15 Sep 2025; `LexCheckpointSession.v2(…)` gives the same methods on V2.
 *
 * @packageDocumentation
 */
export type { LexV1BackendOptions } from './aws/LexV1Backend.js';
export type { LexV2BackendOptions } from './aws/LexV2Backend.js';
export { DEFAULT_LEX_THROTTLE_BACKOFF, MAX_LEX_RETRY_AFTER_MS } from './aws/lexCall.js';
export {
  assertSessionAttributesBudget,
  type CheckpointStore,
  consumeCheckpoint,
  DEFAULT_CHECKPOINT_ATTRIBUTE,
  DEFAULT_MAX_SESSION_ATTRIBUTE_BYTES,
  decodeCheckpointStore,
  emptyCheckpointStore,
  encodeCheckpointStore,
  getCheckpoint,
  isConsistentStore,
  peekDigression,
  pushDigression,
  putCheckpoint,
  type StoredCheckpoint,
  sessionAttributesHeaderBytes,
  storedLabels,
} from './CheckpointStore.js';
export {
  isLexCheckpointFulfilledError,
  isLexConcurrentWriteError,
  isLexIntentNotFoundError,
  isLexSessionNotFoundError,
  isLexUnknownCheckpointError,
  LexCheckpointFulfilledError,
  LexConcurrentWriteError,
  LexIntentNotFoundError,
  LexSessionNotFoundError,
  LexUnknownCheckpointError,
} from './errors.js';
export type { BackendSession, BackendWrite, LexBackend } from './LexBackend.js';
export {
  DEFAULT_LEX_SESSION_OPTIONS,
  type LexBackendSessionOptions,
  LexCheckpointSession,
  type LexSessionOptions,
  type LexV1SessionOptions,
  type LexV2SessionOptions,
} from './LexCheckpointSession.js';
export { LEX_LIMITS, LEX_V1_END_OF_SUPPORT } from './limits.js';
export { findLabelledIntent, labelRecentIntent, labelsInView, unlabelRecentIntents } from './recentIntents.js';
export { buildResumeDialogAction, definedSlots } from './resumeAction.js';
export type * from './types.js';
export {
  validateCheckpointLabel,
  validateDialogAction,
  validateName,
  validateSessionId,
  validateText,
  validateUserId,
} from './validation.js';
