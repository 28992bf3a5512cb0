import { describe, expect, it } from 'vitest';
import { importOptional } from '../../../src/kit/clients.js';
import { loadComprehendMedical } from '../../../src/phi/aws/comprehendMedicalClient.js';

describe('importOptional', () => {
  it('turns a missing package into a MissingDependencyError that names it', async () => {
    const missing = Object.assign(new Error("Cannot find package '@aws-sdk/client-comprehendmedical'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const error = await importOptional(() => Promise.reject(missing), '@aws-sdk/client-comprehendmedical', 'X').catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'MissingDependencyError', packageName: '@aws-sdk/client-comprehendmedical' });
    expect(String(error)).toContain('npm install @aws-sdk/client-comprehendmedical');
  });

  it('passes other failures through unchanged', async () => {
    const broken = new TypeError('broken module');
    await expect(importOptional(() => Promise.reject(broken), 'p', 'f')).rejects.toBe(broken);
  });

  it('loads the installed SDK once', async () => {
    expect(await loadComprehendMedical('test')).toBe(await loadComprehendMedical('test'));
  });
});
