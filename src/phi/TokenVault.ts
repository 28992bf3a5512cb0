/**
 * Where the originals of `vault` and `pseudonym` tokens are kept for re-identification.
 *
 * Entries are keyed like the original design's DynamoDB table: a scope (the SHA-256 of the de-identified
 * message) and the token. Implementations: {@link InMemoryTokenVault}, `FileTokenVault` (encrypted at rest,
 * Node only) and `DynamoDbTokenVault`.
 *
 * @module
 */
import type { DetectOptions } from './types.js';

/** One stored mapping. `value` is PHI: implementations must never log it or put it in an error. */
export interface VaultEntry {
  /** Scope, e.g. the SHA-256 (hex) of the masked message. */
  readonly scope: string;
  /** The token that replaced the value in the masked text. */
  readonly token: string;
  /** The original text. */
  readonly value: string;
}

/**
 * A store of token → original mappings.
 *
 * @example
 * ```ts
 * const vault: TokenVault = new InMemoryTokenVault();
 * await vault.put([{ scope: 'abc', token: '[NAME_1]', value: 'Jane' }]);
 * (await vault.get('abc', ['[NAME_1]'])).get('[NAME_1]'); // 'Jane'
 * ```
 */
export interface TokenVault {
  /** Stores entries. Must reject if any entry could not be stored. */
  put(entries: readonly VaultEntry[], options?: DetectOptions): Promise<void>;
  /** Looks tokens up in a scope; missing tokens are absent from the map. */
  get(scope: string, tokens: readonly string[], options?: DetectOptions): Promise<Map<string, string>>;
}

/**
 * A vault in process memory: fast, and gone when the process ends. The default vault of `PhiMasker`.
 *
 * @example
 * ```ts
 * const masker = new PhiMasker({ detector, policy: { defaultAction: 'vault' }, vault: new InMemoryTokenVault() });
 * ```
 */
export class InMemoryTokenVault implements TokenVault {
  readonly #entries = new Map<string, Map<string, string>>();

  /**
   * Stores entries; a token already stored in the scope is overwritten.
   *
   * @example
   * ```ts
   * await vault.put([{ scope: 's', token: 't', value: 'v' }]);
   * ```
   */
  async put(entries: readonly VaultEntry[]): Promise<void> {
    for (const { scope, token, value } of entries) {
      const tokens = this.#entries.get(scope) ?? new Map<string, string>();
      tokens.set(token, value);
      this.#entries.set(scope, tokens);
    }
  }

  /**
   * Looks tokens up in one scope; tokens not held are absent from the map.
   *
   * @example
   * ```ts
   * const found = await vault.get('s', ['t']);
   * ```
   */
  async get(scope: string, tokens: readonly string[]): Promise<Map<string, string>> {
    const stored = this.#entries.get(scope);
    const found = new Map<string, string>();
    for (const token of tokens) {
      const value = stored?.get(token);
      if (value !== undefined) found.set(token, value);
    }
    return found;
  }

  /** Number of scopes held. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Metadata only, so serialising the vault never prints stored values.
   *
   * @example
   * ```ts
   * JSON.stringify(vault); // no stored values
   * ```
   */
  toJSON(): Record<string, unknown> {
    return { scopes: this.#entries.size };
  }
}
