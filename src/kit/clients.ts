/**
 * Client injection: every class that talks to AWS takes `{ client }` (an SDK v3 client you own) or
 * `{ clientConfig }` (we create the client lazily, on first use), never both.
 *
 * @module
 */
import { MissingDependencyError, ValidationError } from './errors.js';

/** Anything with the SDK v3 `send(command, options)` method. Only `send` is ever called on an injected client. */
export interface SendableClient {
  send(command: never, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** `{ client }` or `{ clientConfig }`: mutually exclusive. */
export type ClientOptions<Client, Config> =
  | { client: Client; clientConfig?: never }
  | { client?: never; clientConfig?: Config };

/** How to construct a default client when none was injected. */
export interface ClientFactory<Client, Config> {
  /** The npm package to name when it is missing, e.g. `@aws-sdk/client-textract`. */
  packageName: string;
  /** The feature needing it, for the error message, e.g. `TextractOcr`. */
  feature: string;
  /** Dynamic import of the package and construction of a client. */
  create(config: Config): Promise<Client>;
}

/**
 * Holds an injected client, or creates one lazily on first use. Only created clients are destroyed.
 *
 * @example
 * ```ts
 * const clients = new LazyClient(options, {
 *   packageName: '@aws-sdk/client-textract',
 *   feature: 'TextractOcr',
 *   create: async (config) => new (await import('@aws-sdk/client-textract')).TextractClient(config),
 * });
 * const client = await clients.get();
 * ```
 */
export class LazyClient<Client extends SendableClient, Config> {
  readonly #factory: ClientFactory<Client, Config>;
  readonly #config: Config | undefined;
  #client: Client | undefined;
  #creating: Promise<Client> | undefined;
  #owned = false;

  constructor(options: Partial<ClientOptions<Client, Config>> | undefined, factory: ClientFactory<Client, Config>) {
    this.#factory = factory;
    const { client, clientConfig } = (options ?? {}) as { client?: Client; clientConfig?: Config };
    if (client !== undefined && clientConfig !== undefined) {
      throw new ValidationError('options', 'takes either client or clientConfig, not both');
    }
    if (client !== undefined) {
      if (typeof (client as { send?: unknown }).send !== 'function') {
        throw new ValidationError('options.client', 'must be an AWS SDK v3 client with a send() method');
      }
      this.#client = client;
    }
    this.#config = clientConfig;
  }

  /** The client: the injected one, or one created on the first call. */
  get(): Promise<Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#creating ??= this.#create();
    return this.#creating;
  }

  /** Destroys the client if this object created it; an injected client is left alone. */
  destroy(): void {
    if (this.#owned) (this.#client as { destroy?: () => void } | undefined)?.destroy?.();
    this.#client = undefined;
    this.#creating = undefined;
    this.#owned = false;
  }

  async #create(): Promise<Client> {
    let client: Client;
    try {
      client = await this.#factory.create((this.#config ?? {}) as Config);
    } catch (error) {
      this.#creating = undefined;
      if (isModuleNotFound(error)) {
        throw new MissingDependencyError(this.#factory.packageName, this.#factory.feature, { cause: error });
      }
      throw error;
    }
    this.#client = client;
    this.#owned = true;
    return client;
  }
}

/** True when `error` is Node's "cannot find module/package" error. */
export function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}
