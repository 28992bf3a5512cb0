/**
 * Reading Comprehend Medical entity lists (DetectPHI, DetectEntitiesV2) into trusted UTF-16 spans.
 * Pure: it takes the response shape, not the SDK.
 *
 * @module
 */
import { ResponseShapeError } from '../kit/errors.js';
import { OffsetMap } from '../kit/offsets.js';
import type { ChunkDetection } from './detectInChunks.js';
import type { DetectedPhi, PhiWarning } from './types.js';
import { resolveServiceEntity } from './verify.js';

/** The entity fields read here; the SDK's `Entity` is assignable to it. */
export interface ComprehendMedicalEntityLike {
  /** Entity number within the response. */
  Id?: number | undefined;
  /** Start, in Unicode code points of the request text. */
  BeginOffset?: number | undefined;
  /** End (exclusive), in Unicode code points of the request text. */
  EndOffset?: number | undefined;
  /** Confidence between 0 and 1. */
  Score?: number | undefined;
  /** The detected text, checked against the offsets (never logged). */
  Text?: string | undefined;
  /** e.g. `PROTECTED_HEALTH_INFORMATION` or `MEDICATION`. */
  Category?: string | undefined;
  /** e.g. `NAME`, `DATE`, `ID`. */
  Type?: string | undefined;
}

/** The response fields read here; the SDK's `DetectPHIResponse` and `DetectEntitiesV2Response` are assignable. */
export interface ComprehendMedicalResponseLike {
  /** The entities found. */
  Entities?: ComprehendMedicalEntityLike[] | undefined;
  /** Set when the service truncated its answer. */
  PaginationToken?: string | undefined;
}

/** The category DetectPHI reports and DetectEntitiesV2 uses for PHI. */
export const PHI_CATEGORY = 'PROTECTED_HEALTH_INFORMATION';

/**
 * Converts a DetectPHI response for `text` into verified UTF-16 spans. Only `PROTECTED_HEALTH_INFORMATION`
 * entities (or entities without a category) are kept, so DetectEntitiesV2 output can be fed in too. A
 * `PaginationToken` marks the result as truncated.
 *
 * @example
 * ```ts
 * const { entities, warnings } = parsePhiResponse(chunkText, response, 'DetectPHI');
 * ```
 */
export function parsePhiResponse(
  text: string,
  response: ComprehendMedicalResponseLike,
  operation: string,
  source = 'comprehend-medical',
): ChunkDetection {
  if (typeof response !== 'object' || response === null || !Array.isArray(response.Entities)) {
    throw new ResponseShapeError(operation, 'Entities', 'is missing or not an array');
  }
  const map = new OffsetMap(text);
  const entities: DetectedPhi[] = [];
  const warnings: PhiWarning[] = [];
  for (const [i, entity] of response.Entities.entries()) {
    if (typeof entity !== 'object' || entity === null) {
      throw new ResponseShapeError(operation, `Entities[${i}]`, 'is not an object');
    }
    if (entity.Category !== undefined && entity.Category !== PHI_CATEGORY) continue;
    const type = typeof entity.Type === 'string' && entity.Type.length > 0 ? entity.Type : 'PHI';
    // A missing score must not let the entity slip under a threshold.
    const score = typeof entity.Score === 'number' && !Number.isNaN(entity.Score) ? entity.Score : 1;
    const resolved = resolveServiceEntity(map, entity, operation, `Entities[${i}]`);
    for (const span of resolved.spans) entities.push({ type, score, begin: span.begin, end: span.end, source });
    if (resolved.warning) {
      const spans = resolved.spans;
      warnings.push({
        code: resolved.warning,
        type,
        span: { begin: spans[0]!.begin, end: spans[spans.length - 1]!.end },
      });
    }
  }
  const truncated = typeof response.PaginationToken === 'string' && response.PaginationToken.length > 0;
  return { entities, warnings, truncated };
}
