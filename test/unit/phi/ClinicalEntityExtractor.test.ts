import { ComprehendMedicalClient, DetectEntitiesV2Command } from '@aws-sdk/client-comprehendmedical';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { ClinicalEntityExtractor } from '../../../src/phi/index.js';
import { fixture } from './helpers.js';

describe('ClinicalEntityExtractor', () => {
  it('keeps clinical entities of a recorded response and drops PHI', async () => {
    const { inputText, response } = fixture('detectentities-v1-mixed-phi.json');
    const cm = mockClient(ComprehendMedicalClient);
    cm.on(DetectEntitiesV2Command).resolves({ ...(response as object), ModelVersion: '1' } as never);
    const entities = await new ClinicalEntityExtractor({ client: new ComprehendMedicalClient({}) }).extract(inputText);
    expect(entities).toEqual([
      {
        category: 'MEDICAL_CONDITION',
        type: 'DX_NAME',
        score: 0.7587468,
        begin: 45,
        end: 61,
        text: 'Sleeping trouble',
        traits: [{ name: 'SYMPTOM', score: 0.52603405714035 }],
      },
      expect.objectContaining({ category: 'MEDICATION', text: 'Clonidine', begin: 83, end: 92 }),
    ]);
  });

  it('treats entities whose offsets do not match their text as unsafe and drops them', async () => {
    const cm = mockClient(ComprehendMedicalClient);
    cm.on(DetectEntitiesV2Command).resolves({
      Entities: [
        { BeginOffset: 0, EndOffset: 4, Text: 'Clon', Category: 'MEDICATION', Type: 'GENERIC_NAME', Score: 0.9 },
        { BeginOffset: 14, EndOffset: 20, Text: 'aspirin', Category: 'MEDICATION', Type: 'GENERIC_NAME', Score: 0.9 },
      ],
      ModelVersion: '1',
    });
    const entities = await new ClinicalEntityExtractor({ client: new ComprehendMedicalClient({}) }).extract(
      'Clon daily and aspirin',
    );
    expect(entities.map((e) => e.text)).toEqual(['Clon']);
  });

  it('re-splits when the answer is truncated', async () => {
    const cm = mockClient(ComprehendMedicalClient);
    cm.on(DetectEntitiesV2Command).callsFake((input: { Text: string }) => ({
      Entities: [],
      ModelVersion: '1',
      ...(input.Text.length > 300 ? { PaginationToken: 'more' } : {}),
    }));
    const extractor = new ClinicalEntityExtractor({ client: new ComprehendMedicalClient({}) });
    expect(await extractor.extract('Chest pain resolved. '.repeat(40))).toEqual([]);
    expect(cm.commandCalls(DetectEntitiesV2Command).length).toBeGreaterThan(2);
  });

  it('returns nothing for empty text without a call', async () => {
    const cm = mockClient(ComprehendMedicalClient);
    expect(await new ClinicalEntityExtractor({ client: new ComprehendMedicalClient({}) }).extract('')).toEqual([]);
    expect(cm.commandCalls(DetectEntitiesV2Command)).toHaveLength(0);
  });

  it('fails closed: one failing chunk rejects the whole call', async () => {
    const cm = mockClient(ComprehendMedicalClient);
    let calls = 0;
    cm.on(DetectEntitiesV2Command).callsFake(() => {
      calls++;
      if (calls === 2) throw Object.assign(new Error('boom'), { name: 'InternalServerException', $metadata: {} });
      return { Entities: [], ModelVersion: '1' };
    });
    const extractor = new ClinicalEntityExtractor({
      client: new ComprehendMedicalClient({}),
      maxChunkBytes: 200,
      overlapBytes: 0,
      concurrency: 1,
    });
    await expect(extractor.extract('Chest pain resolved. '.repeat(40))).rejects.toMatchObject({
      name: 'ServiceError',
      errorName: 'InternalServerException',
    });
  });

  it('surfaces a caller abort as the signal reason', async () => {
    mockClient(ComprehendMedicalClient);
    const reason = new Error('stop');
    const extractor = new ClinicalEntityExtractor({ client: new ComprehendMedicalClient({}) });
    await expect(extractor.extract('text', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});
