/**
 * PHI detection with Amazon Comprehend Medical `DetectPHI`, for text of any length.
 *
 * @module
 */
import type {
  ComprehendMedicalClient,
  ComprehendMedicalClientConfig,
  DetectPHIResponse,
} from '@aws-sdk/client-comprehendmedical';
import { throwIfAborted } from '../../kit/abort.js';
import type { ClientOptions } from '../../kit/clients.js';
import { ValidationError } from '../../kit/errors.js';
import type { Logger } from '../../kit/log.js';
import { codePointLength } from '../../kit/offsets.js';
import type { RateLimiter } from '../../kit/rate-limit.js';
import { callService } from '../../kit/service-call.js';
import type { ChunkingOptions } from '../chunking.js';
import { detectInChunks } from '../detectInChunks.js';
import { type ComprehendMedicalLimits, DEFAULT_QUOTA_UTILIZATION, DETECT_PHI_LIMITS } from '../limits.js';
import { parsePhiResponse } from '../parseServiceEntities.js';
import { DEFAULT_CHUNK_CONCURRENCY } from '../runChunks.js';
import type { DetectOptions, PhiDetection, PhiDetector } from '../types.js';
import {
  type ComprehendMedicalAdapter,
  comprehendMedicalAdapter,
  loadComprehendMedical,
} from './comprehendMedicalClient.js';

/** Settings of {@link ComprehendMedicalPhiDetector} besides the client. */
export interface ComprehendMedicalPhiDetectorSettings extends Partial<ChunkingOptions> {
  /** Chunks sent at once. Default 4. */
  readonly concurrency?: number;
  /**
   * Client-side rate limiter. Default: one per detector at `quotaUtilization` of `limits` (95% of 40
   * requests/s and 40,000 characters/s).
   * Pass one limiter to several detectors that share an account and region, or `false` to disable.
   */
  readonly rateLimiter?: RateLimiter | false;
  /** Share of the quota the default limiter uses, in (0, 1]. Default {@link DEFAULT_QUOTA_UTILIZATION}. */
  readonly quotaUtilization?: number;
  /** Overrides of {@link DETECT_PHI_LIMITS}, e.g. after a quota increase. */
  readonly limits?: Partial<
    Pick<ComprehendMedicalLimits, 'maxTextBytes' | 'requestsPerSecond' | 'charactersPerSecond'>
  >;
  /** Receives metadata only. Never handed to the SDK client. */
  readonly logger?: Logger;
}

/** Options of {@link ComprehendMedicalPhiDetector}: `{ client }` or `{ clientConfig }`, plus settings. */
export type ComprehendMedicalPhiDetectorOptions = ClientOptions<
  ComprehendMedicalClient,
  ComprehendMedicalClientConfig
> &
  ComprehendMedicalPhiDetectorSettings;

/** Documented defaults of {@link ComprehendMedicalPhiDetector}. */
export const DEFAULT_COMPREHEND_MEDICAL_PHI_DETECTOR_OPTIONS = Object.freeze({
  /** Chunk budget in UTF-8 bytes, safely under DetectPHI's 20,000-byte limit. */
  maxChunkBytes: 19_000,
  /** UTF-8 bytes each chunk repeats from the previous one, so an entity cut by an edge is seen whole. */
  overlapBytes: 400,
  /** Chunks in flight at once. */
  concurrency: DEFAULT_CHUNK_CONCURRENCY,
  /** DetectPHI's default quota of requests per second. */
  requestsPerSecond: DETECT_PHI_LIMITS.requestsPerSecond,
  /** DetectPHI's default quota of characters per second. */
  charactersPerSecond: DETECT_PHI_LIMITS.charactersPerSecond,
  /** Share of the quota the default rate limiter uses. */
  quotaUtilization: DEFAULT_QUOTA_UTILIZATION,
});

/**
 * Splits text at sentence, line or whitespace boundaries into chunks under the 20,000-byte limit, sends them
 * concurrently under the two-dimensional rate limit, converts code-point offsets to string indices, checks
 * every entity against its `Text`, re-splits truncated answers and merges entities cut by chunk edges. If any
 * chunk fails, the call rejects: there is never a partial result.
 *
 * Throttling (`TooManyRequestsException`, HTTP 429) is retried by the SDK client's retry strategy.
 *
 * @example
 * ```ts
 * import { ComprehendMedicalClient } from '@aws-sdk/client-comprehendmedical';
 * const detector = new ComprehendMedicalPhiDetector({ client: new ComprehendMedicalClient({}), maxChunkBytes: 19_000 });
 * const masker = new PhiMasker({ detector, policy: { defaultAction: 'mask' } });
 * ```
 */
export class ComprehendMedicalPhiDetector implements PhiDetector {
  /** Reported as `source` of each detection. */
  readonly name = 'comprehend-medical';
  readonly #adapter: ComprehendMedicalAdapter;

  /**
   * @throws ValidationError for chunking, concurrency or quota settings out of range, or both `client` and `clientConfig`.
   */
  constructor(options: ComprehendMedicalPhiDetectorOptions = {}) {
    this.#adapter = comprehendMedicalAdapter(options, 'ComprehendMedicalPhiDetector', {
      ...DETECT_PHI_LIMITS,
      ...options.limits,
    });
  }

  /**
   * Detects PHI in `text` of any length. Rejects if any chunk fails; never returns a partial result.
   *
   * @example
   * ```ts
   * const { entities, warnings } = await detector.detect(note, { signal });
   * ```
   */
  async detect(text: string, options: DetectOptions = {}): Promise<PhiDetection> {
    if (typeof text !== 'string') throw new ValidationError('text', `must be a string, got ${typeof text}`);
    throwIfAborted(options.signal);
    if (text.length === 0) return { entities: [], warnings: [] };
    const [client, { DetectPHICommand }] = await Promise.all([
      this.#adapter.client.get(),
      loadComprehendMedical('ComprehendMedicalPhiDetector'),
    ]);
    const startedAt = performance.now();
    const detection = await detectInChunks(
      text,
      async (chunk, signal) => {
        const chars = codePointLength(chunk.text);
        await this.#adapter.limiter?.acquire(chars, { signal });
        const response = await callService<DetectPHIResponse>(client, new DetectPHICommand({ Text: chunk.text }), {
          service: 'ComprehendMedical',
          operation: 'DetectPHI',
          signal,
          logger: this.#adapter.logger,
          meta: { index: chunk.index, bytes: chunk.bytes, chars },
        });
        return parsePhiResponse(chunk.text, response, 'DetectPHI');
      },
      { ...this.#adapter.chunking, signal: options.signal },
    );
    this.#adapter.logger.debug('phi detected', {
      operation: 'DetectPHI',
      chars: text.length,
      entities: detection.entities.length,
      durationMs: Math.round(performance.now() - startedAt),
    });
    return detection;
  }

  /**
   * Destroys the client if this detector created it.
   *
   * @example
   * ```ts
   * detector.destroy();
   * ```
   */
  destroy(): void {
    this.#adapter.client.destroy();
  }
}
