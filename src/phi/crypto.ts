/**
 * Web Crypto helpers for the reversible and keyed actions. Web Crypto (`globalThis.crypto.subtle`) keeps this
 * module free of `node:*` imports; Node ≥ 22, browsers, Deno and Bun all provide it.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';

/** Key material: raw bytes (32 for AES-256; at least 32 for HMAC) or an already imported `CryptoKey`. */
export type KeyMaterial = Uint8Array | CryptoKey;

/** Bytes of the AES-GCM initialisation vector (96 bits, as NIST SP 800-38D recommends). */
const AES_GCM_IV_BYTES = 12;
/** Bytes of an AES-256 key. */
export const AES_256_KEY_BYTES = 32;
/** Smallest accepted HMAC key, in bytes (the SHA-256 output size). */
export const MIN_HMAC_KEY_BYTES = 32;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (!api) throw new ValidationError('globalThis.crypto.subtle', 'is required (Node >= 22 or a browser)');
  return api;
}

function isCryptoKey(key: KeyMaterial): key is CryptoKey {
  return !(key instanceof Uint8Array);
}

/**
 * Imports an AES-256-GCM key. Raw keys must be exactly 32 bytes.
 *
 * @example
 * ```ts
 * const key = await importAesKey(crypto.getRandomValues(new Uint8Array(32)), 'keys.encryptionKey');
 * ```
 */
export async function importAesKey(key: KeyMaterial, field: string): Promise<CryptoKey> {
  if (isCryptoKey(key)) return key;
  checkKeySize(key, field, AES_256_KEY_BYTES, true);
  return subtle().importKey('raw', toBuffer(key), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/**
 * Imports an HMAC-SHA-256 key of at least 32 bytes.
 *
 * @example
 * ```ts
 * const key = await importHmacKey(secretBytes, 'keys.hmacKey');
 * ```
 */
export async function importHmacKey(key: KeyMaterial, field: string): Promise<CryptoKey> {
  if (isCryptoKey(key)) return key;
  checkKeySize(key, field, MIN_HMAC_KEY_BYTES, false);
  return subtle().importKey('raw', toBuffer(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/**
 * Checks raw key sizes synchronously (constructors cannot await).
 *
 * @example
 * ```ts
 * checkKeySize(key, 'keys.encryptionKey', AES_256_KEY_BYTES, true);
 * ```
 */
export function checkKeySize(key: KeyMaterial | undefined, field: string, bytes: number, exact: boolean): void {
  if (key === undefined || isCryptoKey(key)) return;
  if (!(key instanceof Uint8Array)) throw new ValidationError(field, 'must be a Uint8Array or a CryptoKey');
  if (exact ? key.byteLength !== bytes : key.byteLength < bytes) {
    throw new ValidationError(field, `must be ${exact ? '' : 'at least '}${bytes} bytes, got ${key.byteLength}`);
  }
}

/**
 * AES-256-GCM encryption with a random 96-bit IV; returns `iv ‖ ciphertext ‖ tag`.
 *
 * @example
 * ```ts
 * const sealed = await aesGcmSeal(key, new TextEncoder().encode('secret'), 'NAME');
 * ```
 */
export async function aesGcmSeal(key: CryptoKey, plaintext: Uint8Array, associatedData: string): Promise<Uint8Array> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(AES_GCM_IV_BYTES));
  const sealed = new Uint8Array(
    await subtle().encrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(associatedData) },
      key,
      toBuffer(plaintext),
    ),
  );
  const out = new Uint8Array(iv.byteLength + sealed.byteLength);
  out.set(iv, 0);
  out.set(sealed, iv.byteLength);
  return out;
}

/**
 * Opens what {@link aesGcmSeal} produced. Rejects when the key, the data or the associated data is wrong.
 *
 * @example
 * ```ts
 * const plain = await aesGcmOpen(key, sealed, 'NAME');
 * ```
 */
export async function aesGcmOpen(key: CryptoKey, sealed: Uint8Array, associatedData: string): Promise<Uint8Array> {
  if (sealed.byteLength < AES_GCM_IV_BYTES + 16) throw new ValidationError('ciphertext', 'is too short');
  const iv = sealed.subarray(0, AES_GCM_IV_BYTES);
  const body = sealed.subarray(AES_GCM_IV_BYTES);
  return new Uint8Array(
    await subtle().decrypt(
      { name: 'AES-GCM', iv: toBuffer(iv), additionalData: encoder.encode(associatedData) },
      key,
      toBuffer(body),
    ),
  );
}

/**
 * Encrypts a string to a base64url token body.
 *
 * @example
 * ```ts
 * const body = await encryptString(key, 'Jane Doe', 'NAME');
 * ```
 */
export async function encryptString(key: CryptoKey, value: string, associatedData: string): Promise<string> {
  return toBase64Url(await aesGcmSeal(key, encoder.encode(value), associatedData));
}

/**
 * Decrypts a base64url token body made by {@link encryptString}.
 *
 * @example
 * ```ts
 * const value = await decryptString(key, body, 'NAME');
 * ```
 */
export async function decryptString(key: CryptoKey, body: string, associatedData: string): Promise<string> {
  return decoder.decode(await aesGcmOpen(key, fromBase64Url(body), associatedData));
}

/**
 * HMAC-SHA-256 of `value`, as lower-case hex.
 *
 * @example
 * ```ts
 * const digest = await hmacHex(key, 'NAME\u0000jane doe');
 * ```
 */
export async function hmacHex(key: CryptoKey, value: string): Promise<string> {
  return toHex(new Uint8Array(await subtle().sign('HMAC', key, encoder.encode(value))));
}

/**
 * SHA-256 of `value` (UTF-8), as lower-case hex.
 *
 * @example
 * ```ts
 * const messageHash = await sha256Hex(maskedText);
 * ```
 */
export async function sha256Hex(value: string): Promise<string> {
  return toHex(new Uint8Array(await subtle().digest('SHA-256', encoder.encode(value))));
}

/**
 * A random base64url string from `bytes` random bytes (16 bytes = 128 bits → 22 characters).
 *
 * @example
 * ```ts
 * randomId(16); // e.g. 'Zb3x0Q7sYx6m2Qk1d9PqYw'
 * ```
 */
export function randomId(bytes: number): string {
  return toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * Base64url without padding.
 *
 * @example
 * ```ts
 * toBase64Url(new Uint8Array([255])); // '_w'
 * ```
 */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes base64url (with or without padding).
 *
 * @example
 * ```ts
 * fromBase64Url('_w'); // Uint8Array [255]
 * ```
 */
export function fromBase64Url(text: string): Uint8Array {
  if (!/^[\w-]*$/.test(text)) throw new ValidationError('token', 'is not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Copies into a fresh ArrayBuffer-backed view, as Web Crypto's types require `BufferSource` over ArrayBuffer. */
function toBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}
