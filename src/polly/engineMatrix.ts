/**
 * Which SSML tags and attributes each Polly engine supports, as versioned data.
 *
 * Source: Amazon Polly developer guide, "Supported SSML tags" (the table changes over time; this is the
 * December 2026 reading summarised in the project's service-facts notes §4.4). `partial` means the engine
 * accepts the markup but may ignore or approximate it; `none` means the service rejects it
 * (`InvalidSsmlException`) or silently ignores it — aws-ml-kit never lets that happen unreported.
 *
 * @module
 */
import type { PollyEngine } from './limits.js';

/** How well an engine supports a tag or attribute. */
export type SsmlSupport = 'full' | 'partial' | 'none';

/** Support of one feature on each engine. */
export type EngineSupport = Readonly<Record<PollyEngine, SsmlSupport>>;

const ALL: EngineSupport = { standard: 'full', neural: 'full', 'long-form': 'full', generative: 'full' };
const STANDARD_ONLY: EngineSupport = { standard: 'full', neural: 'none', 'long-form': 'none', generative: 'none' };

/** The shape of {@link SSML_ENGINE_MATRIX}. */
export interface SsmlEngineMatrix {
  /** Version of the table (the date it was checked). */
  readonly version: string;
  /** Where it comes from. */
  readonly source: string;
  /** Support per tag. */
  readonly tags: Readonly<Record<string, EngineSupport>>;
  /** Support per `tag@attribute` or `tag@attribute=value`, where it differs from the tag's. */
  readonly attributes: Readonly<Record<string, EngineSupport>>;
  /** SSML tags Polly supports on no engine. */
  readonly unsupported: readonly string[];
}

/**
 * The SSML engine matrix. Keys of `attributes` are `tag@attribute` or `tag@attribute=value`.
 *
 * @example
 * ```ts
 * SSML_ENGINE_MATRIX.tags.emphasis.neural; // 'none'
 * SSML_ENGINE_MATRIX.attributes['prosody@pitch'].neural; // 'none'
 * ```
 */
export const SSML_ENGINE_MATRIX: SsmlEngineMatrix = Object.freeze({
  /** Version of this table (the date it was checked). */
  version: '2026-12-04',
  /** Where it comes from. */
  source: 'Amazon Polly developer guide, "Supported SSML tags"',
  tags: Object.freeze({
    speak: ALL,
    p: ALL,
    s: ALL,
    break: ALL,
    lang: ALL,
    sub: ALL,
    w: { ...ALL, generative: 'partial' },
    emphasis: STANDARD_ONLY,
    mark: { ...ALL, generative: 'partial' },
    phoneme: { ...ALL, generative: 'partial' },
    prosody: { standard: 'full', neural: 'partial', 'long-form': 'partial', generative: 'partial' },
    'say-as': { ...ALL, neural: 'partial' },
    'amazon:auto-breaths': STANDARD_ONLY,
    'amazon:breath': STANDARD_ONLY,
    'amazon:domain': { standard: 'none', neural: 'partial', 'long-form': 'none', generative: 'none' },
    'amazon:effect': { ...ALL, generative: 'none' },
  } satisfies Record<string, EngineSupport>),
  attributes: Object.freeze({
    'prosody@pitch': STANDARD_ONLY,
    'prosody@amazon:max-duration': STANDARD_ONLY,
    'amazon:effect@phonation': STANDARD_ONLY,
    'amazon:effect@vocal-tract-length': STANDARD_ONLY,
    'amazon:effect@name=whispered': STANDARD_ONLY,
    'amazon:effect@name=drc': { ...ALL, generative: 'none' },
  } satisfies Record<string, EngineSupport>),
  /** SSML tags Polly supports on no engine. */
  unsupported: Object.freeze(['audio', 'lexicon', 'lookup', 'voice', 'meta', 'desc']),
});

/**
 * Support of `tag` on `engine`; `undefined` for a tag Polly does not know at all.
 *
 * @example
 * ```ts
 * tagSupport('emphasis', 'neural'); // 'none'
 * ```
 */
export function tagSupport(tag: string, engine: PollyEngine): SsmlSupport | undefined {
  if (SSML_ENGINE_MATRIX.unsupported.includes(tag)) return 'none';
  const row = SSML_ENGINE_MATRIX.tags[tag];
  return row?.[engine];
}

/**
 * Support of an attribute (optionally with a value) of `tag` on `engine`; `full` when the matrix says nothing.
 *
 * @example
 * ```ts
 * attributeSupport('prosody', 'pitch', '+10%', 'neural'); // 'none'
 * ```
 */
export function attributeSupport(tag: string, attribute: string, value: string, engine: PollyEngine): SsmlSupport {
  const table = SSML_ENGINE_MATRIX.attributes;
  return table[`${tag}@${attribute}=${value}`]?.[engine] ?? table[`${tag}@${attribute}`]?.[engine] ?? 'full';
}
