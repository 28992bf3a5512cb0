import { describe, expect, it } from 'vitest';
import { loadComprehendMedical } from '../../../src/phi/aws/comprehendMedicalClient.js';

describe('loadComprehendMedical', () => {
  it('loads the installed SDK once', async () => {
    expect(await loadComprehendMedical('test')).toBe(await loadComprehendMedical('test'));
  });
});
