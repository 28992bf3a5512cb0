/**
 * An independent SigV4 query-signature check (node:crypto), used by the Transcribe stand-in to verify presigned
 * WebSocket URLs the way the service does.
 *
 * @module
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Why a presigned URL was refused: a parameter missing or malformed, the signature, the expiry, or the scope. */
export type PresignRefusal = 'missing-parameter' | 'bad-signature' | 'expired' | 'expiry-too-long' | 'wrong-scope';

/** The outcome of {@link verifyPresignedUrl}. */
export interface PresignCheck {
  /** Whether the URL is valid now. */
  readonly ok: boolean;
  /** Why not, when `ok` is false. */
  readonly reason?: PresignRefusal;
}

/** Options of {@link verifyPresignedUrl}. */
export interface VerifyPresignedUrlOptions {
  /** The secret key of the access key id in the URL. */
  readonly secretAccessKey: string;
  /** Host the client connected to, as signed (`host:port`). */
  readonly host: string;
  /** Service the scope must name. Default `transcribe`. */
  readonly service?: string;
  /** Longest `X-Amz-Expires` accepted. Default 300. */
  readonly maxExpiresSeconds?: number;
  /** Hash of the payload in the canonical request. Default: SHA-256 of the empty string. */
  readonly payloadHash?: string;
  /** Now, in ms. Default `Date.now()`. */
  readonly nowMs?: number;
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * Recomputes the SigV4 signature of a presigned GET URL (path + query) and checks its expiry.
 *
 * @example
 * ```ts
 * const check = verifyPresignedUrl(request.url, { secretAccessKey: 'stand-in', host: request.headers.host });
 * if (!check.ok) reject(403, check.reason);
 * ```
 */
export function verifyPresignedUrl(pathAndQuery: string, options: VerifyPresignedUrlOptions): PresignCheck {
  const url = new URL(pathAndQuery, 'http://stand-in');
  const params = url.searchParams;
  const signature = params.get('X-Amz-Signature');
  const credential = params.get('X-Amz-Credential');
  const date = params.get('X-Amz-Date');
  const expires = params.get('X-Amz-Expires');
  if (!signature || !credential || !date || !expires || params.get('X-Amz-SignedHeaders') !== 'host') {
    return { ok: false, reason: 'missing-parameter' };
  }
  const [, shortDate, region, service, terminator] = credential.split('/');
  if (
    service !== (options.service ?? 'transcribe') ||
    terminator !== 'aws4_request' ||
    shortDate === undefined ||
    !/^\d{8}$/.test(shortDate) ||
    !date.startsWith(shortDate)
  ) {
    return { ok: false, reason: 'wrong-scope' };
  }
  if (!/^\d{1,6}$/.test(expires)) return { ok: false, reason: 'missing-parameter' };
  const expiresSeconds = Number(expires);
  if (expiresSeconds > (options.maxExpiresSeconds ?? 300)) return { ok: false, reason: 'expiry-too-long' };
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!match) return { ok: false, reason: 'missing-parameter' };
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const signedAtMs = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  if ((options.nowMs ?? Date.now()) > signedAtMs + expiresSeconds * 1000) return { ok: false, reason: 'expired' };
  const encode = (text: string) =>
    encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const canonicalQuery = [...params]
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => [encode(key), encode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonicalPath = url.pathname
    .split('/')
    .map((segment) => encode(decodeURIComponent(segment)))
    .join('/');
  const canonicalRequest = [
    'GET',
    canonicalPath,
    canonicalQuery,
    `host:${options.host}`,
    '',
    'host',
    options.payloadHash ?? EMPTY_SHA256,
  ].join('\n');
  const scope = `${shortDate}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    date,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${options.secretAccessKey}`).update(shortDate!).digest();
  for (const part of [region!, service!, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? { ok: true }
    : { ok: false, reason: 'bad-signature' };
}
