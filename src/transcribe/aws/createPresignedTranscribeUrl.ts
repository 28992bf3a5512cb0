/**
 * SigV4 query presigning of Transcribe's WebSocket URL, for browsers and other clients that cannot send
 * signed headers on a WebSocket upgrade.
 *
 * @module
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { ValidationError } from '../../kit/errors.js';
import { TRANSCRIBE_STREAMING_LIMITS } from '../limits.js';
import { type TranscribeStreamSettings, toWebSocketQuery, validateTranscribeSettings } from '../transcribeSettings.js';
import { loadSignatureV4 } from './loadTranscribeModules.js';
import { WebCryptoSha256 } from './WebCryptoSha256.js';

/** Options of {@link createPresignedTranscribeUrl}: the stream settings plus where and how to sign. */
export interface PresignedTranscribeUrlOptions extends TranscribeStreamSettings {
  /** AWS region, e.g. `us-east-1`. */
  readonly region: string;
  /** Credentials to sign with; prefer short-lived ones (Cognito, STS) in a browser. */
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Lifetime of the URL in seconds, 1–300. Default {@link DEFAULT_PRESIGNED_TRANSCRIBE_URL_OPTIONS}. */
  readonly expiresInSeconds?: number;
  /** Base URL instead of `wss://transcribestreaming.{region}.amazonaws.com:8443` (e.g. a local stand-in). */
  readonly endpoint?: string;
  /** Signing time. Default now. */
  readonly signingDate?: Date;
}

/**
 * Defaults of {@link createPresignedTranscribeUrl}.
 *
 * @example
 * ```ts
 * DEFAULT_PRESIGNED_TRANSCRIBE_URL_OPTIONS.expiresInSeconds; // 300
 * ```
 */
export const DEFAULT_PRESIGNED_TRANSCRIBE_URL_OPTIONS = Object.freeze({
  /** The longest the service allows; a shorter value fails sooner on clock skew without adding safety. */
  expiresInSeconds: TRANSCRIBE_STREAMING_LIMITS.maxPresignExpirySeconds,
  /** WebSocket path of `StartStreamTranscriptionWebSocket`. */
  path: '/stream-transcription-websocket',
  /** Port of the WebSocket endpoint. */
  port: 8443,
});

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * A presigned `wss://` URL for `StartStreamTranscriptionWebSocket`: method GET, service `transcribe`, only
 * `host` signed, the empty payload's hash, RFC 3986 encoding of every query value (so vocabulary names with
 * `!'()*` work), and an expiry of at most 300 seconds.
 *
 * @example
 * ```ts
 * const url = await createPresignedTranscribeUrl({
 *   region: 'us-east-1', credentials, languageCode: 'en-US', sampleRateHz: 16_000, expiresInSeconds: 60,
 * });
 * const socket = new WebSocket(url);
 * ```
 * @throws ValidationError for settings Transcribe rejects, an expiry outside 1–300 s, a bad region or endpoint.
 * @throws MissingDependencyError when `@smithy/signature-v4` is not installed.
 */
export async function createPresignedTranscribeUrl(options: PresignedTranscribeUrlOptions): Promise<string> {
  validateTranscribeSettings(options);
  const expiresInSeconds = options.expiresInSeconds ?? DEFAULT_PRESIGNED_TRANSCRIBE_URL_OPTIONS.expiresInSeconds;
  const max = TRANSCRIBE_STREAMING_LIMITS.maxPresignExpirySeconds;
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > max) {
    throw new ValidationError(
      'options.expiresInSeconds',
      `must be an integer from 1 to ${max}, got ${expiresInSeconds}`,
    );
  }
  if (typeof options.region !== 'string' || !REGION.test(options.region)) {
    throw new ValidationError('options.region', 'must be an AWS region such as us-east-1');
  }
  const { path, port } = DEFAULT_PRESIGNED_TRANSCRIBE_URL_OPTIONS;
  const base = options.endpoint ?? `wss://transcribestreaming.${options.region}.amazonaws.com:${port}`;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new ValidationError('options.endpoint', 'must be an absolute ws:// or wss:// URL');
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
    throw new ValidationError('options.endpoint', `must use ws: or wss:, got ${url.protocol}`);
  }
  url.pathname = url.pathname === '/' ? path : url.pathname;
  for (const [key, value] of Object.entries(toWebSocketQuery(options))) url.searchParams.set(key, value);
  return presignSigV4Url(url, {
    service: 'transcribe',
    region: options.region,
    credentials: options.credentials,
    expiresInSeconds,
    ...(options.signingDate ? { signingDate: options.signingDate } : {}),
  });
}

/** Options of {@link presignSigV4Url}. */
export interface PresignSigV4UrlOptions {
  /** Signing name of the service, e.g. `transcribe`. */
  readonly service: string;
  /** Region to sign for. */
  readonly region: string;
  /** Credentials to sign with. */
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** `X-Amz-Expires`. */
  readonly expiresInSeconds: number;
  /** Signing time. Default now. */
  readonly signingDate?: Date;
  /** Hash of the payload put in the canonical request. Default: SHA-256 of the empty string. */
  readonly payloadHash?: string;
}

/**
 * SigV4 query-string presigning of any GET URL with only `host` signed — the primitive under
 * {@link createPresignedTranscribeUrl}, exposed so it can be checked against AWS's published presigning
 * example.
 *
 * @example
 * ```ts
 * const signed = await presignSigV4Url('https://examplebucket.s3.amazonaws.com/test.txt', {
 *   service: 's3', region: 'us-east-1', credentials, expiresInSeconds: 86_400, payloadHash: 'UNSIGNED-PAYLOAD',
 * });
 * ```
 * @throws MissingDependencyError when `@smithy/signature-v4` is not installed.
 */
export async function presignSigV4Url(target: string | URL, options: PresignSigV4UrlOptions): Promise<string> {
  const { SignatureV4 } = await loadSignatureV4('createPresignedTranscribeUrl');
  const url = new URL(target);
  const signer = new SignatureV4({
    service: options.service,
    region: options.region,
    credentials: options.credentials,
    sha256: WebCryptoSha256,
    uriEscapePath: true,
  });
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  const headers: Record<string, string> = { host: url.host };
  if (options.payloadHash !== undefined) headers['x-amz-content-sha256'] = options.payloadHash;
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query,
      headers,
    },
    {
      expiresIn: options.expiresInSeconds,
      ...(options.signingDate ? { signingDate: options.signingDate } : {}),
      unsignableHeaders: new Set(['x-amz-content-sha256']),
      unhoistableHeaders: new Set(['x-amz-content-sha256']),
    },
  );
  const queryString = Object.entries(signed.query ?? {})
    .flatMap(([key, value]) =>
      Array.isArray(value) ? value.map((v) => [key, v]) : value == null ? [] : [[key, value]],
    )
    .map(([key, value]) => `${rfc3986(key!)}=${rfc3986(value!)}`)
    .join('&');
  return `${url.protocol}//${url.host}${url.pathname}?${queryString}`;
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
