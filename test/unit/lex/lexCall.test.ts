import { describe, expect, it } from 'vitest';
import { importOptional } from '../../../src/kit/clients.js';
import { isMissingDependencyError } from '../../../src/kit/errors.js';
import { base64ToText, drain, retryAfterMsOf, sendLex } from '../../../src/lex/aws/lexCall.js';

describe('lexCall helpers', () => {
  // The backends load their SDK through the kit's importOptional, as here.
  it('names the missing SDK package when it is not installed', async () => {
    const missing = Object.assign(new Error("Cannot find package '@aws-sdk/client-lex-runtime-v2'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const error = await importOptional(
      () => Promise.reject(missing),
      '@aws-sdk/client-lex-runtime-v2',
      'LexCheckpointSession',
    ).catch((e: unknown) => e);
    expect(isMissingDependencyError(error)).toBe(true);
    expect(error).toMatchObject({ packageName: '@aws-sdk/client-lex-runtime-v2' });
    expect(String(error)).toContain('npm install @aws-sdk/client-lex-runtime-v2');
    const other = new Error('boom');
    await expect(importOptional(() => Promise.reject(other), 'x', 'LexCheckpointSession')).rejects.toBe(other);
  });

  it('reads Retry-After from the modelled field or the raw header', () => {
    expect(retryAfterMsOf({ retryAfterSeconds: '2' })).toBe(2000);
    expect(retryAfterMsOf({ $response: { headers: { 'retry-after': '1.5' } } })).toBe(1500);
    expect(retryAfterMsOf({ retryAfterSeconds: 'soon' })).toBeUndefined();
    expect(retryAfterMsOf({ retryAfterSeconds: '-1' })).toBeUndefined();
    expect(retryAfterMsOf(null)).toBeUndefined();
  });

  it('decodes base64 UTF-8 text', () => {
    expect(base64ToText(Buffer.from('Which style? – ok', 'utf8').toString('base64'))).toBe('Which style? – ok');
  });

  it('drains a body stream, destroys one it cannot read, and ignores failures', async () => {
    let read = false;
    await drain({
      transformToByteArray: async () => {
        read = true;
        return new Uint8Array();
      },
    });
    expect(read).toBe(true);
    let destroyed = false;
    await drain({
      destroy: () => {
        destroyed = true;
      },
    });
    expect(destroyed).toBe(true);
    await expect(drain({ transformToByteArray: () => Promise.reject(new Error('x')) })).resolves.toBeUndefined();
    await expect(drain(undefined)).resolves.toBeUndefined();
  });

  it('stops draining a body that never ends when the signal fires, and destroys it', async () => {
    let destroyed = false;
    const endless = { transformToByteArray: () => new Promise<never>(() => {}), destroy: () => (destroyed = true) };
    await expect(drain(endless, AbortSignal.timeout(20))).resolves.toBeUndefined();
    expect(destroyed).toBe(true);
  });

  it('sendLex: one deadline (timeoutMs) covers the attempts and the throttling waits between them', async () => {
    let calls = 0;
    const throttling = {
      send: async () => {
        calls++;
        throw Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException', retryAfterSeconds: '10' });
      },
    };
    const error = await sendLex(
      throttling,
      {},
      {
        service: 'LexRuntime',
        operation: 'PostText',
        throttleRetries: 3,
        timeoutMs: 50,
      },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(calls).toBe(1);
  });
});
