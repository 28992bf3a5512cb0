/**
 * Checking a presigned Transcribe WebSocket URL's lifetime before connecting with it.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';

/**
 * When a SigV4 presigned URL stops being valid, from its `X-Amz-Date` and `X-Amz-Expires` parameters.
 *
 * @example
 * ```ts
 * const expiresAt = presignedUrlExpiresAt(url); // Date
 * ```
 * @throws ValidationError when the URL is not a presigned SigV4 URL.
 */
export function presignedUrlExpiresAt(url: string | URL): Date {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError('url', 'must be an absolute URL');
  }
  const date = parsed.searchParams.get('X-Amz-Date') ?? '';
  const expires = parsed.searchParams.get('X-Amz-Expires') ?? '';
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!match) throw new ValidationError('url', 'must carry X-Amz-Date as YYYYMMDDTHHMMSSZ');
  if (!/^\d{1,6}$/.test(expires)) throw new ValidationError('url', 'must carry X-Amz-Expires in seconds');
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) + Number(expires) * 1000);
}

/**
 * Refuses a presigned URL that has expired (or will within `marginMs`), before any connection is attempted.
 *
 * @example
 * ```ts
 * assertPresignedUrlFresh(url, { nowMs: Date.now() });
 * ```
 * @throws ValidationError on `url` naming how long ago it expired (the URL and its signature are not printed).
 */
export function assertPresignedUrlFresh(
  url: string | URL,
  options: { readonly nowMs: number; readonly marginMs?: number },
): void {
  const expiresAtMs = presignedUrlExpiresAt(url).getTime();
  const remainingMs = expiresAtMs - options.nowMs - (options.marginMs ?? 0);
  if (remainingMs <= 0) {
    throw new ValidationError(
      'url',
      `presigned URL has expired (${Math.round((options.nowMs - expiresAtMs) / 1000)} s ago); presign a new one`,
    );
  }
}
