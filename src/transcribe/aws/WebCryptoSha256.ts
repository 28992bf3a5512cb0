/**
 * A SHA-256 / HMAC-SHA-256 checksum on Web Crypto, which both browsers and Node ≥ 20 provide, for
 * `@smithy/signature-v4` (so the browser path needs no Node `crypto` and no extra hashing package).
 *
 * @module
 */
import type { Checksum, SourceData } from '@smithy/types';

/**
 * The `sha256` constructor `SignatureV4` expects, backed by `crypto.subtle`.
 *
 * @example
 * ```ts
 * const signer = new SignatureV4({ service: 'transcribe', region, credentials, sha256: WebCryptoSha256 });
 * ```
 */
export class WebCryptoSha256 implements Checksum {
  readonly #secret: Uint8Array<ArrayBuffer> | undefined;
  #parts: Uint8Array[] = [];

  constructor(secret?: SourceData) {
    this.#secret = secret === undefined ? undefined : toBytes(secret);
  }

  /** Adds data to the hash. */
  update(data: Uint8Array): void {
    this.#parts.push(toBytes(data));
  }

  /** The SHA-256 (or HMAC-SHA-256 with the secret) of everything added. */
  async digest(): Promise<Uint8Array> {
    const total = this.#parts.reduce((sum, part) => sum + part.byteLength, 0);
    const data = new Uint8Array(total);
    let offset = 0;
    for (const part of this.#parts) {
      data.set(part, offset);
      offset += part.byteLength;
    }
    const subtle = globalThis.crypto.subtle;
    if (this.#secret === undefined) return new Uint8Array(await subtle.digest('SHA-256', data));
    const key = await subtle.importKey('raw', this.#secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return new Uint8Array(await subtle.sign('HMAC', key, data));
  }

  /** Forgets the data added so far. */
  reset(): void {
    this.#parts = [];
  }
}

function toBytes(data: SourceData): Uint8Array<ArrayBuffer> {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  return new Uint8Array(data).slice();
}
