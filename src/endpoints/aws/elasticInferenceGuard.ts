/**
 * The Elastic Inference guard against an existing endpoint: reads its configuration with SageMaker
 * `DescribeEndpointConfig` (`@aws-sdk/client-sagemaker`, an optional peer) and refuses an accelerator.
 *
 * @module
 */
import type { DescribeEndpointConfigOutput, SageMakerClient, SageMakerClientConfig } from '@aws-sdk/client-sagemaker';
import { raceAbort, withDeadline } from '../../kit/abort.js';
import { type ClientOptions, importOptional, LazyClient, loadOnce } from '../../kit/clients.js';
import { ValidationError } from '../../kit/errors.js';
import { createSafeLogger, type Logger } from '../../kit/log.js';
import { callService } from '../../kit/service-call.js';
import { assertNoElasticInference } from '../elasticInference.js';
import { checkEndpointName, checkTimeout } from '../validation.js';

const PACKAGE = '@aws-sdk/client-sagemaker';
const importSdk = loadOnce(() => import('@aws-sdk/client-sagemaker'));

/** Options of {@link checkEndpointConfigForElasticInference}. */
export type ElasticInferenceGuardOptions = ClientOptions<SageMakerClient, SageMakerClientConfig> & {
  /** The endpoint configuration to read. */
  readonly endpointConfigName: string;
  /** Cancels the check. */
  readonly signal?: AbortSignal;
  /** Deadline in ms. */
  readonly timeoutMs?: number;
  /** Receives metadata only. */
  readonly logger?: Logger;
};

/**
 * Reads an endpoint configuration and throws an `ElasticInferenceUnavailableError` (with a migration hint) if
 * a production variant has an accelerator. Resolves with the variant count otherwise.
 *
 * @example
 * ```ts
 * await checkEndpointConfigForElasticInference({ endpointConfigName: 'legacy-ssd-config', clientConfig: { region: 'us-west-2' } });
 * ```
 */
export async function checkEndpointConfigForElasticInference(options: ElasticInferenceGuardOptions): Promise<{
  /** Production variants checked. */
  variants: number;
}> {
  if (options === null || typeof options !== 'object') throw new ValidationError('options', 'must be an object');
  const name = checkEndpointName(options.endpointConfigName, 'options.endpointConfigName');
  const signal = withDeadline(options.signal, checkTimeout(options.timeoutMs, 'options.timeoutMs'));
  const clients = new LazyClient<SageMakerClient, SageMakerClientConfig>(options, {
    packageName: PACKAGE,
    feature: 'checkEndpointConfigForElasticInference',
    create: async (config) =>
      new (await importOptional(importSdk, PACKAGE, 'checkEndpointConfigForElasticInference')).SageMakerClient(config),
  });
  try {
    const [client, sdk] = await raceAbort(
      Promise.all([clients.get(), importOptional(importSdk, PACKAGE, 'checkEndpointConfigForElasticInference')]),
      signal,
    );
    const output = await callService<DescribeEndpointConfigOutput>(
      client,
      new sdk.DescribeEndpointConfigCommand({ EndpointConfigName: name }),
      { service: 'SageMaker', operation: 'DescribeEndpointConfig', signal, logger: createSafeLogger(options.logger) },
    );
    assertNoElasticInference(output);
    return { variants: output.ProductionVariants?.length ?? 0 };
  } finally {
    clients.destroy();
  }
}
