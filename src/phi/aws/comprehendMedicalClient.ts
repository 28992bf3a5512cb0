/**
 * What the Comprehend Medical adapters share: lazy access to `@aws-sdk/client-comprehendmedical` (an optional
 * peer dependency, imported on first use so that `aws-ml-kit/phi` loads without it), and their validated
 * chunking, concurrency, rate limiter and logger.
 *
 * @module
 */
import type { ComprehendMedicalClient, ComprehendMedicalClientConfig } from '@aws-sdk/client-comprehendmedical';
import { type ClientOptions, importOptional, LazyClient, loadOnce } from '../../kit/clients.js';
import { ValidationError } from '../../kit/errors.js';
import { createSafeLogger, type Logger } from '../../kit/log.js';
import { RateLimiter } from '../../kit/rate-limit.js';
import { type ChunkingOptions, resolveChunking } from '../chunking.js';
import { type ComprehendMedicalLimits, DEFAULT_QUOTA_UTILIZATION } from '../limits.js';
import { resolveConcurrency } from '../runChunks.js';

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

/** The settings both Comprehend Medical adapters accept besides the client. */
export interface ComprehendMedicalAdapterSettings extends Partial<ChunkingOptions> {
  readonly concurrency?: number;
  readonly rateLimiter?: RateLimiter | false;
  readonly quotaUtilization?: number;
  readonly logger?: Logger;
}

/** What a Comprehend Medical adapter runs with: its client, chunking, limiter and logger, all validated. */
export interface ComprehendMedicalAdapter {
  readonly client: LazyClient<ComprehendMedicalClient, ComprehendMedicalClientConfig>;
  /** Chunk budget, overlap and concurrency, ready for `runChunks`. */
  readonly chunking: ChunkingOptions & { readonly concurrency: number };
  readonly limiter: RateLimiter | undefined;
  readonly logger: Logger;
}

/**
 * Validates an adapter's options against the operation's `limits` and builds what it runs with; throws a
 * `ValidationError` before anything is sent.
 *
 * @example
 * ```ts
 * const adapter = comprehendMedicalAdapter(options, 'ClinicalEntityExtractor', DETECT_ENTITIES_V2_LIMITS);
 * ```
 */
export function comprehendMedicalAdapter(
  options: Partial<ClientOptions<ComprehendMedicalClient, ComprehendMedicalClientConfig>> &
    ComprehendMedicalAdapterSettings,
  feature: string,
  limits: Pick<ComprehendMedicalLimits, 'maxTextBytes' | 'requestsPerSecond' | 'charactersPerSecond'>,
): ComprehendMedicalAdapter {
  const client = comprehendMedicalClient(options, feature);
  const chunking = {
    ...resolveChunking(options, limits.maxTextBytes),
    concurrency: resolveConcurrency(options.concurrency),
  };
  const limiter =
    options.rateLimiter === false
      ? undefined
      : (options.rateLimiter ?? quotaLimiter(limits, options.quotaUtilization ?? DEFAULT_QUOTA_UTILIZATION));
  return { client, chunking, limiter, logger: createSafeLogger(options.logger) };
}
