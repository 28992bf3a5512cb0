/**
 * Clinical entities for analytics (conditions, medications, tests …) from `DetectEntitiesV2`, with PHI
 * filtered out.
 *
 * @module
 */
import type {
  ComprehendMedicalClient,
  ComprehendMedicalClientConfig,
  DetectEntitiesV2Response,
} from '@aws-sdk/client-comprehendmedical';
import { throwIfAborted } from '../../kit/abort.js';
import type { ClientOptions } from '../../kit/clients.js';
import { ValidationError } from '../../kit/errors.js';
import type { Logger } from '../../kit/log.js';
import { codePointLength, OffsetMap } from '../../kit/offsets.js';
import type { RateLimiter } from '../../kit/rate-limit.js';
import { callService } from '../../kit/service-call.js';
import type { ChunkingOptions, TextChunk } from '../chunking.js';
import { DETECT_ENTITIES_V2_LIMITS } from '../limits.js';
import { PHI_CATEGORY } from '../parseServiceEntities.js';
import { runChunks } from '../runChunks.js';
import type { DetectOptions, PhiSpan } from '../types.js';
import { resolveServiceEntity } from '../verify.js';
import {
  type ComprehendMedicalAdapter,
  comprehendMedicalAdapter,
  loadComprehendMedical,
} from './comprehendMedicalClient.js';

/** A clinical (non-PHI) entity with UTF-16 offsets into the input. */
export interface ClinicalEntity {
  /** e.g. `MEDICATION`, `MEDICAL_CONDITION`, `TEST_TREATMENT_PROCEDURE`. */
  readonly category: string;
  /** e.g. `GENERIC_NAME`, `DX_NAME`. */
  readonly type: string;
  /** Confidence between 0 and 1. */
  readonly score: number;
  /** UTF-16 start in the input. */
  readonly begin: number;
  /** UTF-16 end (exclusive) in the input. */
  readonly end: number;
  /** `input.slice(begin, end)`: a clinical term, not PHI (spans overlapping PHI are dropped). */
  readonly text: string;
  /** Traits such as `NEGATION` or `SYMPTOM`. */
  readonly traits: ReadonlyArray<{
    /** Trait name, e.g. `NEGATION`. */
    readonly name: string;
    /** Confidence between 0 and 1. */
    readonly score: number;
  }>;
}

/** Options of {@link ClinicalEntityExtractor}. */
export type ClinicalEntityExtractorOptions = ClientOptions<ComprehendMedicalClient, ComprehendMedicalClientConfig> &
  Partial<ChunkingOptions> & {
    /** Chunks sent at once. Default 4. */
    readonly concurrency?: number;
    /** Shared or custom limiter; `false` disables. Default: 95% of 40 requests/s and 40,000 characters/s. */
    readonly rateLimiter?: RateLimiter | false;
    /** Receives metadata only. Never handed to the SDK client. */
    readonly logger?: Logger;
  };

/**
 * Runs `DetectEntitiesV2` over text of any length (chunked like PHI detection) and returns the clinical
 * entities, dropping every `PROTECTED_HEALTH_INFORMATION` entity and any clinical entity that overlaps one.
 *
 * @example
 * ```ts
 * const extractor = new ClinicalEntityExtractor({ clientConfig: { region: 'us-east-1' } });
 * const entities = await extractor.extract('Pt is 40yo mother. Sleeping trouble on Clonidine.');
 * entities.map((e) => e.category); // ['MEDICAL_CONDITION', 'MEDICATION']
 * ```
 */
export class ClinicalEntityExtractor {
  readonly #adapter: ComprehendMedicalAdapter;

  /**
   * @throws ValidationError for chunking or concurrency settings out of range, or both `client` and `clientConfig`.
   */
  constructor(options: ClinicalEntityExtractorOptions = {}) {
    this.#adapter = comprehendMedicalAdapter(options, 'ClinicalEntityExtractor', DETECT_ENTITIES_V2_LIMITS);
  }

  /**
   * Extracts the clinical entities of `text`, sorted by position, PHI removed. Rejects if any chunk fails.
   *
   * @example
   * ```ts
   * const entities = await extractor.extract(note, { signal });
   * ```
   */
  async extract(text: string, options: DetectOptions = {}): Promise<ClinicalEntity[]> {
    if (typeof text !== 'string') throw new ValidationError('text', `must be a string, got ${typeof text}`);
    throwIfAborted(options.signal);
    if (text.length === 0) return [];
    const clinical: ClinicalEntity[] = [];
    const phi: PhiSpan[] = [];
    await runChunks(
      text,
      async (chunk, signal) => {
        const response = await this.#call(chunk, signal);
        if (response.PaginationToken) return 'truncated';
        this.#collect(text, chunk, response, clinical, phi);
        return undefined;
      },
      { ...this.#adapter.chunking, signal: options.signal },
    );
    const seen = new Set<string>();
    return clinical
      .filter((e) => !phi.some((p) => p.begin < e.end && e.begin < p.end))
      .filter((e) => {
        const key = `${e.begin}:${e.end}:${e.category}:${e.type}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => a.begin - b.begin || a.end - b.end);
  }

  /**
   * Destroys the client if this extractor created it.
   *
   * @example
   * ```ts
   * extractor.destroy();
   * ```
   */
  destroy(): void {
    this.#adapter.client.destroy();
  }

  async #call(chunk: TextChunk, signal: AbortSignal): Promise<DetectEntitiesV2Response> {
    const [client, { DetectEntitiesV2Command }] = await Promise.all([
      this.#adapter.client.get(),
      loadComprehendMedical('ClinicalEntityExtractor'),
    ]);
    const chars = codePointLength(chunk.text);
    await this.#adapter.limiter?.acquire(chars, { signal });
    return callService<DetectEntitiesV2Response>(client, new DetectEntitiesV2Command({ Text: chunk.text }), {
      service: 'ComprehendMedical',
      operation: 'DetectEntitiesV2',
      signal,
      logger: this.#adapter.logger,
      meta: { index: chunk.index, bytes: chunk.bytes, chars },
    });
  }

  #collect(
    text: string,
    chunk: TextChunk,
    response: DetectEntitiesV2Response,
    clinical: ClinicalEntity[],
    phi: PhiSpan[],
  ): void {
    const map = new OffsetMap(chunk.text);
    for (const [i, entity] of (response.Entities ?? []).entries()) {
      const resolved = resolveServiceEntity(map, entity, 'DetectEntitiesV2', `Entities[${i}]`);
      const spans = resolved.spans.map((s) => ({ begin: s.begin + chunk.begin, end: s.end + chunk.begin }));
      // PHI, and anything that cannot be placed exactly, is treated as PHI and removed.
      if (entity.Category === PHI_CATEGORY || entity.Category === undefined || resolved.warning) {
        phi.push(...spans);
        continue;
      }
      const span = spans[0]!;
      clinical.push({
        category: entity.Category,
        type: entity.Type ?? 'UNKNOWN',
        score: entity.Score ?? 0,
        begin: span.begin,
        end: span.end,
        text: text.slice(span.begin, span.end),
        traits: (entity.Traits ?? []).map((t) => ({ name: t.Name ?? 'UNKNOWN', score: t.Score ?? 0 })),
      });
    }
  }
}
