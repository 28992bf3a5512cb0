/**
 * Inferentia instance types as data: chips, NeuronCores and an on-demand price with its region, date and source.
 * Override or extend it (`planNeuronDeployment(…, { instances })`) when prices change.
 *
 * @module
 */

/** One Inferentia instance type. */
export interface NeuronInstanceType {
  /** EC2 name, e.g. `inf1.xlarge` (SageMaker hosting adds the `ml.` prefix). */
  readonly name: string;
  /** `inf1` (NeuronCore-v1, 4 per chip) or `inf2` (NeuronCore-v2, 2 per chip). */
  readonly family: 'inf1' | 'inf2';
  /** Inferentia chips. */
  readonly chips: number;
  /** NeuronCores of the whole instance. */
  readonly neuronCores: number;
  /** On-demand price in USD per hour, when known. */
  readonly pricePerHourUsd: number | undefined;
  /** Region of the price. */
  readonly priceRegion: string;
  /** When the price was observed or published (ISO date, month precision). */
  readonly priceDate: string;
  /** Where the price comes from. */
  readonly priceSource: string;
}

const SEED = 'P13 blog post (2021): derived from its published cost column × throughput';
const RECALLED =
  'EC2 On-Demand Linux price list, as last seen by the authors; not re-verified for this release — pass your own price';

/**
 * The catalogue. Core counts are from the Neuron documentation (inf1: 4 NeuronCore-v1 per chip; inf2: 2
 * NeuronCore-v2 per chip). EC2 on-demand prices change and differ from SageMaker hosting (`ml.*`) prices:
 * `benchmark()` takes an explicit `pricePerHour`, and this table is only the fallback.
 *
 * @example
 * ```ts
 * NEURON_INSTANCES.find((t) => t.name === 'inf1.6xlarge')?.neuronCores; // 16
 * ```
 */
export const NEURON_INSTANCES: readonly NeuronInstanceType[] = Object.freeze(
  [
    ['inf1.xlarge', 'inf1', 1, 4, 0.368, '2021-05', SEED],
    ['inf1.2xlarge', 'inf1', 1, 4, 0.584, '2021-05', RECALLED],
    ['inf1.6xlarge', 'inf1', 4, 16, 1.904, '2021-05', SEED],
    ['inf1.24xlarge', 'inf1', 16, 64, 7.619, '2021-05', RECALLED],
    ['inf2.xlarge', 'inf2', 1, 2, 0.7582, '2023-04', RECALLED],
    ['inf2.8xlarge', 'inf2', 1, 2, 1.9679, '2023-04', RECALLED],
    ['inf2.24xlarge', 'inf2', 6, 12, 6.4906, '2023-04', RECALLED],
    ['inf2.48xlarge', 'inf2', 12, 24, 12.9813, '2023-04', RECALLED],
  ].map(([name, family, chips, neuronCores, pricePerHourUsd, priceDate, priceSource]) =>
    Object.freeze({
      name: name as string,
      family: family as 'inf1' | 'inf2',
      chips: chips as number,
      neuronCores: neuronCores as number,
      pricePerHourUsd: pricePerHourUsd as number,
      priceRegion: 'us-east-1',
      priceDate: priceDate as string,
      priceSource: priceSource as string,
    }),
  ),
);

/**
 * The GPU baseline of the P13 comparison (not an Inferentia type; used for ratios in examples and tests).
 *
 * @example
 * ```ts
 * costPerMillionInferences(G4DN_XLARGE_BASELINE.pricePerHourUsd, 149); // ≈ 0.98
 * ```
 */
export const G4DN_XLARGE_BASELINE = Object.freeze({
  /** EC2 name. */
  name: 'g4dn.xlarge',
  /** On-demand USD per hour implied by the post. */
  pricePerHourUsd: 0.526,
  /** Region of the price. */
  priceRegion: 'us-east-1',
  /** When it was published. */
  priceDate: '2021-05',
  /** Where it comes from. */
  priceSource: SEED,
});
