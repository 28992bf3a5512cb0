/**
 * A token vault in one local file, encrypted at rest with AES-256-GCM under a key the caller supplies.
 * Node only (file I/O), which is why it lives apart from the pure PHI modules. `node:fs` is imported on first
 * use, so `aws-ml-kit/phi` still loads where there is no file system.
 *
 * @module
 */
import { throwIfAborted } from '../../kit/abort.js';
import { ResponseShapeError, ValidationError } from '../../kit/errors.js';
import {
  AES_256_KEY_BYTES,
  aesGcmOpen,
  aesGcmSeal,
  checkKeySize,
  fromBase64Url,
  importAesKey,
  type KeyMaterial,
  randomId,
  toBase64Url,
} from '../crypto.js';
import type { TokenVault, VaultEntry } from '../TokenVault.js';
import type { DetectOptions } from '../types.js';

/** Options of {@link FileTokenVault}. */
export interface FileTokenVaultOptions {
  /** File path; created on first write. */
  readonly path: string;
  /** AES-256-GCM key: 32 bytes or a CryptoKey. Losing it loses the vault. */
  readonly key: KeyMaterial;
}

const FORMAT = 'aws-ml-kit-token-vault-v1';

/**
 * Every write re-encrypts the whole file and replaces it atomically (write to a temporary file, then
 * rename), so a crash never leaves a half-written vault. Writes in one process are serialised.
 *
 * @example
 * ```ts
 * const vault = new FileTokenVault({ path: './phi-vault.bin', key: keyBytesFromYourSecretStore });
 * const masker = new PhiMasker({ detector, policy: { defaultAction: 'vault' }, vault });
 * ```
 */
export class FileTokenVault implements TokenVault {
  readonly #path: string;
  readonly #keyMaterial: KeyMaterial;
  #key: Promise<CryptoKey> | undefined;
  #entries: Promise<Map<string, Map<string, string>>> | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  /** @throws ValidationError without a path, or with a key that is not 32 bytes. */
  constructor(options: FileTokenVaultOptions) {
    if (typeof options?.path !== 'string' || options.path.length === 0) {
      throw new ValidationError('options.path', 'must be a non-empty string');
    }
    if (options.key === undefined) throw new ValidationError('options.key', 'is required');
    checkKeySize(options.key, 'options.key', AES_256_KEY_BYTES, true);
    this.#path = options.path;
    this.#keyMaterial = options.key;
  }

  /**
   * Adds entries and rewrites the encrypted file; writes are serialised.
   *
   * @example
   * ```ts
   * await vault.put([{ scope, token, value }]);
   * ```
   */
  put(entries: readonly VaultEntry[], options: DetectOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    const turn = this.#queue.then(async () => {
      const all = await this.#load();
      const next = new Map([...all].map(([scope, tokens]) => [scope, new Map(tokens)]));
      for (const { scope, token, value } of entries) {
        const tokens = next.get(scope) ?? new Map<string, string>();
        tokens.set(token, value);
        next.set(scope, tokens);
      }
      await this.#save(next);
      this.#entries = Promise.resolve(next);
    });
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * Looks tokens up in one scope; tokens not held are absent from the map.
   *
   * @example
   * ```ts
   * const originals = await vault.get(scope, tokens);
   * ```
   */
  async get(scope: string, tokens: readonly string[], options: DetectOptions = {}): Promise<Map<string, string>> {
    throwIfAborted(options.signal);
    await this.#queue;
    const stored = (await this.#load()).get(scope);
    const found = new Map<string, string>();
    for (const token of tokens) {
      const value = stored?.get(token);
      if (value !== undefined) found.set(token, value);
    }
    return found;
  }

  #aesKey(): Promise<CryptoKey> {
    this.#key ??= importAesKey(this.#keyMaterial, 'options.key');
    return this.#key;
  }

  #load(): Promise<Map<string, Map<string, string>>> {
    this.#entries ??= this.#read().catch((error: unknown) => {
      this.#entries = undefined;
      throw error;
    });
    return this.#entries;
  }

  async #read(): Promise<Map<string, Map<string, string>>> {
    const { readFile } = await nodeFs();
    let raw: string;
    try {
      raw = await readFile(this.#path, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return new Map();
      throw error;
    }
    const [format, body] = raw.split('\n');
    if (format !== FORMAT || !body) throw new ResponseShapeError('FileTokenVault', 'file', 'is not a token vault file');
    let plain: Uint8Array;
    try {
      plain = await aesGcmOpen(await this.#aesKey(), fromBase64Url(body), FORMAT);
    } catch {
      throw new ValidationError('options.key', 'does not decrypt the vault file (wrong key or altered file)');
    }
    const data = JSON.parse(new TextDecoder().decode(plain)) as Record<string, Record<string, string>>;
    return new Map(Object.entries(data).map(([scope, tokens]) => [scope, new Map(Object.entries(tokens))]));
  }

  async #save(entries: Map<string, Map<string, string>>): Promise<void> {
    const data: Record<string, Record<string, string>> = {};
    for (const [scope, tokens] of entries) data[scope] = Object.fromEntries(tokens);
    const sealed = await aesGcmSeal(await this.#aesKey(), new TextEncoder().encode(JSON.stringify(data)), FORMAT);
    const { mkdir, rename, writeFile } = await nodeFs();
    const temporary = `${this.#path}.${randomId(6)}.tmp`;
    await mkdir(parentOf(this.#path), { recursive: true });
    await writeFile(temporary, `${FORMAT}\n${toBase64Url(sealed)}\n`, { mode: 0o600 });
    await rename(temporary, this.#path);
  }

  /**
   * Metadata only.
   *
   * @example
   * ```ts
   * JSON.stringify(vault); // no stored values
   * ```
   */
  toJSON(): Record<string, unknown> {
    return { kind: 'FileTokenVault' };
  }
}

function nodeFs(): Promise<typeof import('node:fs/promises')> {
  return import('node:fs/promises');
}

function parentOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut) : cut === 0 ? path.slice(0, 1) : '.';
}
