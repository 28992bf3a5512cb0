/**
 * The Elastic Inference guard: EI is no longer available, so an endpoint configuration asking for an
 * accelerator is refused before it reaches AWS, with a migration hint.
 *
 * @module
 */
import { ElasticInferenceUnavailableError } from './errors.js';

/** The parts of `CreateEndpointConfigInput` / `DescribeEndpointConfigOutput` the guard reads. */
export interface EndpointConfigLike {
  /** Production variants. */
  readonly ProductionVariants?:
    | ReadonlyArray<{
        /** The variant's name. */
        readonly VariantName?: string | undefined;
        /** An Elastic Inference accelerator, e.g. `ml.eia2.medium`: refused. */
        readonly AcceleratorType?: string | undefined;
      }>
    | undefined;
}

/**
 * Throws an {@link ElasticInferenceUnavailableError} if any production variant has an `AcceleratorType`.
 *
 * @example
 * ```ts
 * assertNoElasticInference(createEndpointConfigInput); // before sending CreateEndpointConfig
 * ```
 */
export function assertNoElasticInference(config: EndpointConfigLike): void {
  config?.ProductionVariants?.forEach((variant, i) => {
    const accelerator = variant?.AcceleratorType;
    if (typeof accelerator === 'string' && accelerator.length > 0) {
      throw new ElasticInferenceUnavailableError(
        `ProductionVariants[${i}].AcceleratorType`,
        accelerator,
        variant.VariantName,
      );
    }
  });
}
