import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/kit/errors.js';
import { verifyPresignedUrl } from '../../../src/testing/verifyPresignedUrl.js';
import {
  createPresignedTranscribeUrl,
  presignSigV4Url,
} from '../../../src/transcribe/aws/createPresignedTranscribeUrl.js';
import { assertPresignedUrlFresh, presignedUrlExpiresAt } from '../../../src/transcribe/presignedUrlExpiry.js';

/**
 * AWS's published SigV4 query-string example (Amazon S3 API reference, "Authenticating Requests: Using Query
 * Parameters (AWS Signature Version 4)", example "GET object"): the example credentials, 2013-05-24, 86,400 s,
 * `UNSIGNED-PAYLOAD`, and the signature the page prints.
 */
const PUBLISHED = {
  url: 'https://examplebucket.s3.amazonaws.com/test.txt',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  signature: 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
};

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const signingDate = new Date('2026-01-02T03:04:05Z');

describe('presignSigV4Url', () => {
  it('reproduces the published AWS presigned-URL example exactly', async () => {
    const signed = await presignSigV4Url(PUBLISHED.url, {
      service: 's3',
      region: 'us-east-1',
      credentials: { accessKeyId: PUBLISHED.accessKeyId, secretAccessKey: PUBLISHED.secretAccessKey },
      expiresInSeconds: 86_400,
      signingDate: new Date('2013-05-24T00:00:00Z'),
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    expect(signed).toBe(
      `${PUBLISHED.url}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=${PUBLISHED.signature}`,
    );
  });

  it("is verified by the stand-in's independent node:crypto implementation on the same example", () => {
    const path = `/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=${PUBLISHED.signature}`;
    const options = {
      secretAccessKey: PUBLISHED.secretAccessKey,
      host: 'examplebucket.s3.amazonaws.com',
      service: 's3',
      maxExpiresSeconds: 604_800,
      payloadHash: 'UNSIGNED-PAYLOAD',
      nowMs: Date.UTC(2013, 4, 24, 1),
    };
    expect(verifyPresignedUrl(path, options)).toEqual({ ok: true });
    expect(verifyPresignedUrl(path.replace('aeeed9', 'aeeed8'), options)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifyPresignedUrl(path, { ...options, nowMs: Date.UTC(2013, 4, 26) })).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a malformed X-Amz-Expires or credential date before looking at the signature', () => {
    const path = `/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=${PUBLISHED.signature}`;
    const options = {
      secretAccessKey: PUBLISHED.secretAccessKey,
      host: 'examplebucket.s3.amazonaws.com',
      service: 's3',
      maxExpiresSeconds: 604_800,
      payloadHash: 'UNSIGNED-PAYLOAD',
      nowMs: Date.UTC(2013, 4, 24, 1),
    };
    expect(verifyPresignedUrl(path.replace('Expires=86400', 'Expires=forever'), options)).toEqual({
      ok: false,
      reason: 'missing-parameter',
    });
    expect(verifyPresignedUrl(path.replace('%2F20130524%2F', '%2F%2F'), options)).toEqual({
      ok: false,
      reason: 'wrong-scope',
    });
  });
});

describe('RFC 3986 query encoding', () => {
  it("percent-encodes !'()* (which encodeURIComponent leaves alone) and still verifies", async () => {
    const signed = await presignSigV4Url("wss://127.0.0.1:9/stream-transcription-websocket?x-name=it's(my)*name!", {
      service: 'transcribe',
      region: 'us-east-1',
      credentials,
      expiresInSeconds: 60,
      signingDate,
    });
    const url = new URL(signed);
    expect(url.search).toContain('x-name=it%27s%28my%29%2Aname%21');
    expect(
      verifyPresignedUrl(url.pathname + url.search, {
        secretAccessKey: credentials.secretAccessKey,
        host: url.host,
        nowMs: signingDate.getTime(),
      }),
    ).toEqual({ ok: true });
  });
});

describe('createPresignedTranscribeUrl', () => {
  it('signs GET wss://transcribestreaming.{region}.amazonaws.com:8443 with only host signed and the settings in the query', async () => {
    const url = new URL(
      await createPresignedTranscribeUrl({
        region: 'eu-west-1',
        credentials: { ...credentials, sessionToken: 'token/with+chars=' },
        languageCode: 'en-GB',
        sampleRateHz: 16_000,
        vocabularyName: 'my.vocab-1',
        showSpeakerLabel: true,
        expiresInSeconds: 120,
        signingDate,
      }),
    );
    expect(url.origin).toBe('wss://transcribestreaming.eu-west-1.amazonaws.com:8443');
    expect(url.pathname).toBe('/stream-transcription-websocket');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      'language-code': 'en-GB',
      'sample-rate': '16000',
      'media-encoding': 'pcm',
      'vocabulary-name': 'my.vocab-1',
      'show-speaker-label': 'true',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'AKIDEXAMPLE/20260102/eu-west-1/transcribe/aws4_request',
      'X-Amz-Date': '20260102T030405Z',
      'X-Amz-Expires': '120',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Security-Token': 'token/with+chars=',
    });
    expect(url.search).toContain('X-Amz-Security-Token=token%2Fwith%2Bchars%3D');
    const check = verifyPresignedUrl(url.pathname + url.search, {
      secretAccessKey: credentials.secretAccessKey,
      host: url.host,
      nowMs: signingDate.getTime() + 1_000,
    });
    expect(check).toEqual({ ok: true });
  });

  it.each([
    [{ expiresInSeconds: 301 }, 'options.expiresInSeconds'],
    [{ expiresInSeconds: 0 }, 'options.expiresInSeconds'],
    [{ expiresInSeconds: 1.5 }, 'options.expiresInSeconds'],
    [{ region: 'moon-1' }, 'options.region'],
    [{ endpoint: 'https://example.com' }, 'options.endpoint'],
    [{ endpoint: 'not a url' }, 'options.endpoint'],
    [{ sampleRateHz: 96_000 }, 'options.sampleRateHz'],
    [{ languageCode: undefined }, 'options.languageCode'],
  ])('refuses %o before signing', async (overrides, field) => {
    const error = await createPresignedTranscribeUrl({
      region: 'us-east-1',
      credentials,
      languageCode: 'en-US',
      sampleRateHz: 16_000,
      ...overrides,
    } as never).catch((e: unknown) => e);
    expect(isValidationError(error) && error.field).toBe(field);
  });
});

describe('presigned URL expiry', () => {
  const url = 'wss://h/p?X-Amz-Date=20260102T030405Z&X-Amz-Expires=300';

  it('computes the expiry and refuses an expired URL', () => {
    expect(presignedUrlExpiresAt(url).toISOString()).toBe('2026-01-02T03:09:05.000Z');
    expect(() => assertPresignedUrlFresh(url, { nowMs: Date.UTC(2026, 0, 2, 3, 9, 0) })).not.toThrow();
    expect(() => assertPresignedUrlFresh(url, { nowMs: Date.UTC(2026, 0, 2, 3, 10, 0) })).toThrow(
      /expired \(55 s ago\)/,
    );
    expect(() => assertPresignedUrlFresh(url, { nowMs: Date.UTC(2026, 0, 2, 3, 9, 0), marginMs: 10_000 })).toThrow(
      /expired/,
    );
  });

  it('refuses what is not a presigned URL', () => {
    expect(() => presignedUrlExpiresAt('nope')).toThrow(/absolute URL/);
    expect(() => presignedUrlExpiresAt('wss://h/p?X-Amz-Expires=3')).toThrow(/X-Amz-Date/);
    expect(() => presignedUrlExpiresAt('wss://h/p?X-Amz-Date=20260102T030405Z')).toThrow(/X-Amz-Expires/);
  });
});
