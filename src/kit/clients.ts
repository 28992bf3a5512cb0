/**
 * Client injection: every class that talks to AWS takes `{ client }` (an SDK v3 client you own) or
 * `{ clientConfig }` (we create the client lazily, on first use), never both.
 *
 * @module
 */
import { MissingDependencyError, ValidationError } from './errors.js';

/** Anything with the SDK v3 `send(command, options)` method. Only `send` is ever called on an injected client. */
export interface SendableClient {
  /** Sends one command; `abortSignal` cancels it. */
  send(command: never, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** `{ client }` or `{ clientConfig }`: mutually exclusive. */
export type ClientOptions<Client, Config> =
  | {
      /** An SDK v3 client you own: used as is (only `send()` is called) and never destroyed by aws-ml-kit. */
      client: Client;
      /** Not allowed together with `client`. */
      clientConfig?: never;
    }
  | {
      /** Not allowed together with `clientConfig`. */
      client?: never;
      /** Configuration of the client aws-ml-kit creates on first use (and destroys in `destroy()`). */
      clientConfig?: Config;
    };

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
  /** Bumped by destroy(), so a creation that was under way when destroy() ran can tell. */
  #generation = 0;

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

  /**
   * The client: the injected one, or one created on the first call.
   *
   * @example
   * ```ts
   * const client = await clients.get(); // created on the first call, then reused
   * ```
   */
  get(): Promise<Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#creating ??= this.#create();
    return this.#creating;
  }

  /**
   * Destroys the client if this object created it; an injected client is left alone.
   *
   * @example
   * ```ts
   * clients.destroy(); // frees sockets of a created client; an injected one stays open
   * ```
   */
  destroy(): void {
    this.#generation++;
    this.#creating = undefined;
    // An injected client stays: never destroyed, and never swapped for a default client behind the caller's back.
    if (!this.#owned) return;
    (this.#client as { destroy?: () => void } | undefined)?.destroy?.();
    this.#client = undefined;
    this.#owned = false;
  }

  async #create(): Promise<Client> {
    const { create, packageName, feature } = this.#factory;
    const generation = this.#generation;
    let client: Client;
    try {
      client = await importOptional(() => create((this.#config ?? {}) as Config), packageName, feature);
    } catch (error) {
      if (generation === this.#generation) this.#creating = undefined;
      throw error;
    }
    if (generation !== this.#generation) {
      (client as { destroy?: () => void }).destroy?.();
      throw new ValidationError('client', `of ${feature} was destroyed while it was being created`);
    }
    this.#client = client;
    this.#owned = true;
    return client;
  }
}

/**
 * Runs a dynamic `import()` of an optional package; "module not found" becomes a {@link MissingDependencyError}
 * that names the package to install. Other failures pass through unchanged.
 *
 * @example
 * ```ts
 * const sdk = await importOptional(() => import('@aws-sdk/client-dynamodb'), '@aws-sdk/client-dynamodb', 'DynamoDbTokenVault');
 * ```
 */
export async function importOptional<T>(load: () => Promise<T>, packageName: string, feature: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw isModuleNotFound(error) ? new MissingDependencyError(packageName, feature, { cause: error }) : error;
  }
}

/**
 * Wraps an async loader so that it runs once and every caller shares its result. A rejection is not kept, so
 * installing a missing package later (or a transient failure) does not poison the cache.
 *
 * @example
 * ```ts
 * const loadTextract = loadOnce(() => import('@aws-sdk/client-textract'));
 * const { TextractClient } = await loadTextract();
 * ```
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/**
 * True when `error` is Node's "cannot find module/package" error.
 *
 * @example
 * ```ts
 * try {
 *   await import('@aws-sdk/client-textract');
 * } catch (error) {
 *   if (isModuleNotFound(error)) console.error('npm install @aws-sdk/client-textract');
 * }
 * ```
 */
export function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}
