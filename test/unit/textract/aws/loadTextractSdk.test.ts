import { describe, expect, it } from 'vitest';
import { importOptional } from '../../../../src/kit/clients.js';
import { isMissingDependencyError } from '../../../../src/kit/errors.js';
import { loadS3Sdk, loadTextractSdk } from '../../../../src/textract/aws/loadTextractSdk.js';

describe('Function: loadTextractSdk', () => {
  it('turns a missing package into a MissingDependencyError that names it', async () => {
    const missing = Object.assign(new Error("Cannot find package '@aws-sdk/client-textract'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const error = await importOptional(() => Promise.reject(missing), '@aws-sdk/client-textract', 'TextractOcr').catch(
      (e: unknown) => e,
    );
    expect(isMissingDependencyError(error)).toBe(true);
    expect(error).toMatchObject({ packageName: '@aws-sdk/client-textract', cause: missing });
    expect(String(error)).toContain('npm install @aws-sdk/client-textract');
  });

  it('passes other failures through unchanged', async () => {
    const broken = new TypeError('broken module');
    await expect(importOptional(() => Promise.reject(broken), 'p', 'f')).rejects.toBe(broken);
  });

  it('loads each installed SDK once', async () => {
    expect(await loadTextractSdk()).toBe(await loadTextractSdk());
    expect(typeof (await loadS3Sdk()).S3Client).toBe('function');
  });
});
