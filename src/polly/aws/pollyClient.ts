/**
 * Lazy access to `@aws-sdk/client-polly` (an optional peer dependency, imported on first use so that
 * `aws-ml-kit/polly` loads without it), and the one place Polly calls are sent: through `callService`, raced
 * against the caller's signal so that a client ignoring `abortSignal` still cannot hang us.
 *
 * @module
 */
import type { PollyClient, PollyClientConfig } from '@aws-sdk/client-polly';
import { type ClientOptions, importOptional, LazyClient, loadOnce } from '../../kit/clients.js';
import type { Logger } from '../../kit/log.js';
import { callService } from '../../kit/service-call.js';

const POLLY_PACKAGE = '@aws-sdk/client-polly';
type Sdk = typeof import('@aws-sdk/client-polly');
const importSdk = loadOnce(() => import('@aws-sdk/client-polly'));

/**
 * The SDK module, imported once; a missing package fails with a `MissingDependencyError` naming `feature`.
 *
 * @example
 * ```ts
 * const { SynthesizeSpeechCommand } = await loadPolly('SpeechSynthesizer');
 * ```
 */
export function loadPolly(feature: string): Promise<Sdk> {
  return importOptional(importSdk, POLLY_PACKAGE, feature);
}

/**
 * A {@link LazyClient} for Polly.
 *
 * @example
 * ```ts
 * const clients = pollyClient({ clientConfig: { region: 'eu-west-1' } }, 'SpeechSynthesizer');
 * ```
 */
export function pollyClient(
  options: Partial<ClientOptions<PollyClient, PollyClientConfig>> | undefined,
  feature: string,
): LazyClient<PollyClient, PollyClientConfig> {
  return new LazyClient<PollyClient, PollyClientConfig>(options, {
    packageName: POLLY_PACKAGE,
    feature,
    create: async (config) => new (await loadPolly(feature)).PollyClient(config),
  });
}

/**
 * Sends one Polly command through `callService` (which races it against `signal`).
 *
 * @example
 * ```ts
 * const out = await sendPolly(client, command, 'GetLexicon', { signal, logger });
 * ```
 */
export function sendPolly<Output>(
  client: PollyClient,
  command: unknown,
  operation: string,
  context: { signal?: AbortSignal | undefined; logger?: Logger | undefined; meta?: Record<string, unknown> },
): Promise<Output> {
  return callService<Output>(client, command, { service: 'Polly', operation, ...context });
}
