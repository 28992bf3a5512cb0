/**
 * Lazy access to `@aws-sdk/client-comprehendmedical` (an optional peer dependency): the package is imported on
 * first use, so `aws-ml-kit/phi` loads without it.
 *
 * @module
 */
import type { ComprehendMedicalClient, ComprehendMedicalClientConfig } from '@aws-sdk/client-comprehendmedical';
import { type ClientOptions, importOptional, LazyClient, loadOnce } from '../../kit/clients.js';
import { ValidationError } from '../../kit/errors.js';
import { RateLimiter } from '../../kit/rate-limit.js';
import type { ComprehendMedicalLimits } from '../limits.js';

/** The npm package these adapters need. */
const COMPREHEND_MEDICAL_PACKAGE = '@aws-sdk/client-comprehendmedical';

type Sdk = typeof import('@aws-sdk/client-comprehendmedical');
const importSdk = loadOnce(() => import('@aws-sdk/client-comprehendmedical'));

/**
 * The SDK module, imported once; a missing package fails with a `MissingDependencyError` naming `feature`.
 *
 * @example
 * ```ts
 * const { DetectPHICommand } = await loadComprehendMedical('ComprehendMedicalPhiDetector');
 * ```
 */
export function loadComprehendMedical(feature: string): Promise<Sdk> {
  return importOptional(importSdk, COMPREHEND_MEDICAL_PACKAGE, feature);
}

/**
 * A {@link LazyClient} for Comprehend Medical.
 *
 * @example
 * ```ts
 * const clients = comprehendMedicalClient({ clientConfig: { region: 'us-east-1' } }, 'ClinicalEntityExtractor');
 * ```
 */
export function comprehendMedicalClient(
  options: Partial<ClientOptions<ComprehendMedicalClient, ComprehendMedicalClientConfig>> | undefined,
  feature: string,
): LazyClient<ComprehendMedicalClient, ComprehendMedicalClientConfig> {
  return new LazyClient<ComprehendMedicalClient, ComprehendMedicalClientConfig>(options, {
    packageName: COMPREHEND_MEDICAL_PACKAGE,
    feature,
    create: async (config) => new (await loadComprehendMedical(feature)).ComprehendMedicalClient(config),
  });
}

/**
 * A two-dimensional limiter at `utilization` of a Comprehend Medical quota.
 *
 * @example
 * ```ts
 * const limiter = quotaLimiter(DETECT_PHI_LIMITS, 0.95); // 38 requests/s, 38,000 characters/s
 * ```
 */
export function quotaLimiter(
  limits: Pick<ComprehendMedicalLimits, 'requestsPerSecond' | 'charactersPerSecond'>,
  utilization: number,
): RateLimiter {
  if (!(utilization > 0 && utilization <= 1)) {
    throw new ValidationError('options.quotaUtilization', `must be a number in (0, 1], got ${utilization}`);
  }
  return new RateLimiter({
    requestsPerSecond: limits.requestsPerSecond * utilization,
    unitsPerSecond: limits.charactersPerSecond * utilization,
  });
}
