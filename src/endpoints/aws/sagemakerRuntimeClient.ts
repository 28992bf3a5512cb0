/**
 * Lazy access to `@aws-sdk/client-sagemaker-runtime` (an optional peer dependency), so `aws-ml-kit/endpoints`
 * loads without it.
 *
 * @module
 */
import type { SageMakerRuntimeClient, SageMakerRuntimeClientConfig } from '@aws-sdk/client-sagemaker-runtime';
import { type ClientOptions, importOptional, LazyClient, loadOnce } from '../../kit/clients.js';

const PACKAGE = '@aws-sdk/client-sagemaker-runtime';
type Sdk = typeof import('@aws-sdk/client-sagemaker-runtime');
const importSdk = loadOnce(() => import('@aws-sdk/client-sagemaker-runtime'));

/**
 * The SDK module, imported once; a missing package fails with a `MissingDependencyError` naming `feature`.
 *
 * @example
 * ```ts
 * const { InvokeEndpointCommand } = await loadSageMakerRuntime('NeuronEndpointClient');
 * ```
 */
export function loadSageMakerRuntime(feature: string): Promise<Sdk> {
  return importOptional(importSdk, PACKAGE, feature);
}

/**
 * A {@link LazyClient} for the SageMaker runtime. A client created here gets `maxAttempts: 1` unless the config
 * says otherwise, because the invoker retries by error class itself (an injected client keeps its own retries).
 *
 * @example
 * ```ts
 * const clients = sageMakerRuntimeClient({ clientConfig: { region: 'us-east-1' } }, 'NeuronEndpointClient');
 * ```
 */
export function sageMakerRuntimeClient(
  options: Partial<ClientOptions<SageMakerRuntimeClient, SageMakerRuntimeClientConfig>> | undefined,
  feature: string,
): LazyClient<SageMakerRuntimeClient, SageMakerRuntimeClientConfig> {
  return new LazyClient<SageMakerRuntimeClient, SageMakerRuntimeClientConfig>(options, {
    packageName: PACKAGE,
    feature,
    create: async (config) =>
      new (await loadSageMakerRuntime(feature)).SageMakerRuntimeClient({ maxAttempts: 1, ...config }),
  });
}

/** `{ client }` (a `SageMakerRuntimeClient`) or `{ clientConfig }`, for the classes outside `aws/`. */
export type SageMakerRuntimeClientOptions = ClientOptions<SageMakerRuntimeClient, SageMakerRuntimeClientConfig>;
