/**
 * What the Lex V1 and V2 backends share: their SDK package loaded on first use, the client (injected, or created
 * from `clientConfig` and then owned), and {@link sendLex} bound to both.
 *
 * @module
 */
import { type ClientOptions, importOptional, LazyClient, loadOnce, type SendableClient } from '../../kit/clients.js';
import type { Logger } from '../../kit/log.js';
import { sendLex } from './lexCall.js';

/** Settings the session passes to its backend. */
export interface BackendSettings {
  logger: Logger;
  throttleRetries: number;
}

/** One Lex runtime SDK package: its name, how to load it and how to make a client from it. */
export interface LexRuntimePackage<Client, Config, Sdk> {
  /** For errors and logs, e.g. `LexRuntimeV2`. */
  service: string;
  packageName: string;
  load: () => Promise<Sdk>;
  createClient: (sdk: Sdk, config: Config) => Client;
}

/**
 * The SDK module and client of one Lex runtime, loaded on first use, and {@link sendLex} bound to them: what the
 * V1 and V2 backends share.
 *
 * @example
 * ```ts
 * const runtime = new LexRuntimeCaller(options, settings, { service: 'LexRuntimeV2', packageName, load, createClient });
 * const sdk = await runtime.sdk();
 * const out = await runtime.send(new sdk.GetSessionCommand(ids), 'GetSession', signal);
 * ```
 */
export class LexRuntimeCaller<Client extends SendableClient, Config, Sdk> {
  readonly #package: LexRuntimePackage<Client, Config, Sdk>;
  readonly #settings: BackendSettings;
  readonly #load: () => Promise<Sdk>;
  readonly #clients: LazyClient<Client, Config>;

  constructor(
    options: ClientOptions<Client, Config>,
    settings: BackendSettings,
    runtime: LexRuntimePackage<Client, Config, Sdk>,
  ) {
    this.#package = runtime;
    this.#settings = settings;
    this.#load = loadOnce(runtime.load);
    this.#clients = new LazyClient(options, {
      packageName: runtime.packageName,
      feature: 'LexCheckpointSession',
      create: async (config) => runtime.createClient(await this.sdk(), config),
    });
  }

  /**
   * The SDK module; a `MissingDependencyError` names the package when it is not installed.
   *
   * @example
   * ```ts
   * const { GetSessionCommand } = await runtime.sdk();
   * ```
   */
  sdk(): Promise<Sdk> {
    return importOptional(this.#load, this.#package.packageName, 'LexCheckpointSession');
  }

  /**
   * Sends `command` through {@link sendLex} with the session's logger and throttling retries.
   *
   * @example
   * ```ts
   * const out = await runtime.send<GetSessionResponse>(command, 'GetSession', signal);
   * ```
   */
  async send<T>(
    command: unknown,
    operation: string,
    signal: AbortSignal | undefined,
    meta?: Record<string, unknown>,
  ): Promise<T & { $metadata?: { requestId?: string } }> {
    return sendLex(await this.#clients.get(), command, {
      service: this.#package.service,
      operation,
      signal,
      logger: this.#settings.logger,
      throttleRetries: this.#settings.throttleRetries,
      ...(meta ? { meta } : {}),
    });
  }

  /**
   * Destroys the client if it was created here (from `clientConfig`).
   *
   * @example
   * ```ts
   * runtime.destroy();
   * ```
   */
  destroy(): void {
    this.#clients.destroy();
  }
}
