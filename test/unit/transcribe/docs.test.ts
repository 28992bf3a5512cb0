import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('docs/transcribe.md', () => {
  const text = readFileSync(resolve(import.meta.dirname, '../../../docs/transcribe.md'), 'utf8');

  it('publishes a valid IAM policy (the original post printed invalid JSON)', () => {
    const blocks = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const policy = JSON.parse(block);
      expect(policy.Statement[0]).toMatchObject({ Effect: 'Allow', Resource: '*' });
      expect(policy.Statement[0].Action).toContain('transcribe:StartStreamTranscriptionWebSocket');
    }
  });
});
