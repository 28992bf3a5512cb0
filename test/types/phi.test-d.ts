import type {
  ComprehendMedicalClient,
  DetectEntitiesV2Response,
  DetectPHIResponse,
} from '@aws-sdk/client-comprehendmedical';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ComprehendMedicalPhiDetectorOptions,
  ComprehendMedicalResponseLike,
  MaskedEntity,
  MaskResult,
  PhiAction,
  PhiDetector,
  PhiMasker,
  PhiPolicy,
  TokenVault,
} from '../../src/phi/index.js';

describe('aws-ml-kit/phi types', () => {
  it('accepts SDK responses without a cast', () => {
    expectTypeOf<DetectPHIResponse>().toExtend<ComprehendMedicalResponseLike>();
    expectTypeOf<DetectEntitiesV2Response>().toExtend<ComprehendMedicalResponseLike>();
  });

  it('takes client or clientConfig, never both', () => {
    expectTypeOf<{
      client: ComprehendMedicalClient;
      maxChunkBytes: number;
    }>().toExtend<ComprehendMedicalPhiDetectorOptions>();
    expectTypeOf<{ clientConfig: { region: string } }>().toExtend<ComprehendMedicalPhiDetectorOptions>();
    expectTypeOf<{
      client: ComprehendMedicalClient;
      clientConfig: { region: string };
    }>().not.toExtend<ComprehendMedicalPhiDetectorOptions>();
  });

  it('types policies and results', () => {
    expectTypeOf<{ defaultAction: 'mask'; actions: { NAME: 'pseudonym' }; minScore: 0.5 }>().toExtend<PhiPolicy>();
    expectTypeOf<{ defaultAction: 'shred' }>().not.toExtend<PhiPolicy>();
    expectTypeOf<MaskedEntity['action']>().toEqualTypeOf<PhiAction>();
    expectTypeOf<MaskedEntity['input']>().toEqualTypeOf<{ readonly begin: number; readonly end: number }>();
    expectTypeOf<PhiMasker['mask']>().returns.resolves.toEqualTypeOf<MaskResult>();
    expectTypeOf<PhiMasker['reidentify']>().parameters.toExtend<[string, MaskResult, ...unknown[]]>();
  });

  it('lets users bring their own detector and vault', () => {
    expectTypeOf<{
      name: string;
      detect(
        text: string,
      ): Promise<{ entities: { type: string; score: number; begin: number; end: number }[]; warnings: [] }>;
    }>().toExtend<PhiDetector>();
    expectTypeOf<{
      put(entries: readonly { scope: string; token: string; value: string }[]): Promise<void>;
      get(scope: string, tokens: readonly string[]): Promise<Map<string, string>>;
    }>().toExtend<TokenVault>();
  });
});
