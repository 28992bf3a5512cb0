/**
 * aws-ml-kit/phi — find protected health information and mask, redact, pseudonymise or reversibly tokenise
 * it, by offsets, under Comprehend Medical's size and rate limits, failing closed.
 *
 * @packageDocumentation
 */
export {
  type ClinicalEntity,
  ClinicalEntityExtractor,
  type ClinicalEntityExtractorOptions,
} from './aws/ClinicalEntityExtractor.js';
export {
  ComprehendMedicalPhiDetector,
  type ComprehendMedicalPhiDetectorOptions,
  type ComprehendMedicalPhiDetectorSettings,
  DEFAULT_COMPREHEND_MEDICAL_PHI_DETECTOR_OPTIONS,
} from './aws/ComprehendMedicalPhiDetector.js';
export {
  DEFAULT_DYNAMODB_VAULT_ATTRIBUTES,
  DynamoDbTokenVault,
  type DynamoDbTokenVaultOptions,
} from './aws/DynamoDbTokenVault.js';
export {
  type ChunkingOptions,
  DEFAULT_CHUNKING,
  MIN_CHUNK_BYTES,
  mergeSameType,
  rebase,
  resolveChunking,
  splitIntoChunks,
  type TextChunk,
} from './chunking.js';
export { combineDetectors } from './combineDetectors.js';
export type { KeyMaterial } from './crypto.js';
export {
  type ChunkDetection,
  type ChunkDetector,
  type DetectInChunksOptions,
  detectInChunks,
} from './detectInChunks.js';
export {
  type ComprehendMedicalLimits,
  DEFAULT_QUOTA_UTILIZATION,
  DETECT_ENTITIES_V2_LIMITS,
  DETECT_PHI_LIMITS,
} from './limits.js';
export { FileTokenVault, type FileTokenVaultOptions } from './node/FileTokenVault.js';
export {
  DEFAULT_MASK_CHARACTER,
  DEFAULT_MASK_CONCURRENCY,
  type MaskManyOptions,
  type MaskOptions,
  type MaskProgress,
  type PhiKeys,
  PhiMasker,
  type PhiMaskerOptions,
  type PhiPolicy,
} from './PhiMasker.js';
export { PseudonymSession } from './PseudonymSession.js';
export {
  type ComprehendMedicalEntityLike,
  type ComprehendMedicalResponseLike,
  PHI_CATEGORY,
  parsePhiResponse,
} from './parseServiceEntities.js';
export { type PhiExpansion, type PlannedSpan, planSpans, type SpanPolicy } from './planSpans.js';
export { DEFAULT_PHI_RULES, type PhiRule, RulePhiDetector, type RulePhiDetectorOptions } from './RulePhiDetector.js';
export { type ChunkHandler, DEFAULT_CHUNK_CONCURRENCY, type RunChunksOptions, runChunks } from './runChunks.js';
export { InMemoryTokenVault, type TokenVault, type VaultEntry } from './TokenVault.js';
export * from './types.js';
export { type ResolvedSpans, resolveServiceEntity, type ServiceEntityLike } from './verify.js';
