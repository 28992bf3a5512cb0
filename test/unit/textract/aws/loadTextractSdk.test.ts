import { describe, expect, it } from 'vitest';
import { loadS3Sdk, loadTextractSdk } from '../../../../src/textract/aws/loadTextractSdk.js';

describe('Functions: loadTextractSdk, loadS3Sdk', () => {
  it('loads each installed SDK once', async () => {
    expect(await loadTextractSdk()).toBe(await loadTextractSdk());
    expect(typeof (await loadS3Sdk()).S3Client).toBe('function');
  });
});
