/**
 * Amazon Comprehend Medical limits used by the PHI feature, as data with their source and date. Quotas drift
 * (DetectPHI was once 100 TPS), so every value here can be overridden through the options that use it.
 *
 * @module
 */

/** Limits of `DetectPHI` / `DetectEntitiesV2`. */
export interface ComprehendMedicalLimits {
  /** Largest `Text`, in UTF-8 bytes. */
  readonly maxTextBytes: number;
  /** Sustained requests per second per account and region. */
  readonly requestsPerSecond: number;
  /** Sustained characters per second per account and region. */
  readonly charactersPerSecond: number;
  /** Where the numbers come from. */
  readonly source: string;
  /** When they were checked (ISO date). */
  readonly checkedOn: string;
}

/**
 * DetectPHI limits: 20,000 UTF-8 bytes per request, 40 requests/s and 40,000 characters/s.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({
 *   requestsPerSecond: DETECT_PHI_LIMITS.requestsPerSecond,
 *   unitsPerSecond: DETECT_PHI_LIMITS.charactersPerSecond,
 * });
 * ```
 */
export const DETECT_PHI_LIMITS: ComprehendMedicalLimits = Object.freeze({
  maxTextBytes: 20_000,
  requestsPerSecond: 40,
  charactersPerSecond: 40_000,
  source:
    'Comprehend Medical API reference (DetectPHI: Text < 20,000 bytes) and "Guidelines and quotas" (DetectPHI 40 TPS, 40,000 characters/s)',
  checkedOn: '2026-11-22',
});

/** DetectEntitiesV2 shares DetectPHI's size limit and throughput quotas. */
export const DETECT_ENTITIES_V2_LIMITS: ComprehendMedicalLimits = DETECT_PHI_LIMITS;

/**
 * Share of a throughput quota the client-side limiter spends by default. Requests leave evenly paced but reach
 * the service with jitter; running a little under the quota lets the service's own bucket absorb it instead
 * of answering 429 (each retry costs far more than the 5% held back).
 *
 * @example
 * ```ts
 * const rps = DETECT_PHI_LIMITS.requestsPerSecond * DEFAULT_QUOTA_UTILIZATION; // 38
 * ```
 */
export const DEFAULT_QUOTA_UTILIZATION = 0.95;
