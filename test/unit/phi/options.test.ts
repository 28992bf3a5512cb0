import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComprehendMedicalClient, DetectEntitiesV2Command } from '@aws-sdk/client-comprehendmedical';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ClinicalEntityExtractor,
  DynamoDbTokenVault,
  detectInChunks,
  FileTokenVault,
  InMemoryTokenVault,
  type PhiDetector,
  PhiMasker,
  type PhiMaskerOptions,
  type PhiPolicy,
  PseudonymSession,
  parsePhiResponse,
  RulePhiDetector,
} from '../../../src/phi/index.js';
import { literalDetector } from './helpers.js';

const validation = (field: string) => expect.objectContaining({ name: 'ValidationError', field });

describe('option validation before any request', () => {
  it('RulePhiDetector refuses a rule score outside 0..1', () => {
    const rule = { name: 'r', type: 'ID', score: 1.5, pattern: /\d+/g };
    expect(() => new RulePhiDetector({ rules: [rule] })).toThrow(validation('rules[0].score'));
  });

  it('ClinicalEntityExtractor and detectInChunks refuse a concurrency that is not a positive integer', async () => {
    expect(() => new ClinicalEntityExtractor({ concurrency: 0 })).toThrow(validation('options.concurrency'));
    const detectChunk = async () => ({ entities: [], warnings: [] });
    await expect(
      detectInChunks('text', detectChunk, { maxChunkBytes: 100, overlapBytes: 0, concurrency: 1.5 }),
    ).rejects.toThrow(validation('options.concurrency'));
  });

  it('DynamoDbTokenVault refuses a TTL that is not a positive integer', () => {
    expect(() => new DynamoDbTokenVault({ tableName: 'EntityMap', ttlSeconds: 0 })).toThrow(
      validation('options.ttlSeconds'),
    );
  });

  it('FileTokenVault refuses a missing path', () => {
    expect(() => new FileTokenVault({ path: '', key: new Uint8Array(32) })).toThrow(validation('options.path'));
  });
});

describe('response shape', () => {
  it('parsePhiResponse refuses an entity that is not an object, naming its index only', () => {
    expect(() => parsePhiResponse('text', { Entities: [null as never] }, 'DetectPHI')).toThrow(
      expect.objectContaining({ name: 'ResponseShapeError', path: 'Entities[0]' }),
    );
  });
});

describe('sizes and serialisation', () => {
  it('PseudonymSession counts distinct values; InMemoryTokenVault counts scopes', async () => {
    const session = new PseudonymSession();
    session.pseudonymFor('NAME', 'Carlos');
    session.pseudonymFor('NAME', 'Carlos');
    session.pseudonymFor('NAME', 'Jorge');
    expect(session.size).toBe(2);
    const vault = new InMemoryTokenVault();
    await vault.put([
      { scope: 'a', token: 't1', value: 'v' },
      { scope: 'a', token: 't2', value: 'v' },
      { scope: 'b', token: 't1', value: 'v' },
    ]);
    expect(vault.size).toBe(2);
  });
});

describe('FileTokenVault file errors', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'phi-vault-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads a missing file as empty, but reports any other read failure', async () => {
    const key = new Uint8Array(32).fill(7);
    expect((await new FileTokenVault({ path: join(dir, 'absent.bin'), key }).get('s', ['t'])).size).toBe(0);
    // A directory cannot be read as a file (EISDIR): that must fail, not look like an empty vault.
    await expect(new FileTokenVault({ path: dir, key }).get('s', ['t'])).rejects.toMatchObject({ code: 'EISDIR' });
    expect(JSON.stringify(new FileTokenVault({ path: dir, key }))).toBe('{"kind":"FileTokenVault"}');
  });
});

describe('client ownership', () => {
  it('ClinicalEntityExtractor.destroy() leaves an injected client alone', async () => {
    const cm = mockClient(ComprehendMedicalClient);
    cm.on(DetectEntitiesV2Command).resolves({ Entities: [], ModelVersion: '1' });
    const injected = new ComprehendMedicalClient({});
    let destroyed = 0;
    injected.destroy = () => {
      destroyed++;
    };
    const mine = new ClinicalEntityExtractor({ client: injected });
    await mine.extract('no entities here');
    mine.destroy();
    expect(destroyed).toBe(0);
  });
});

describe('PhiMasker input checks', () => {
  const detector = literalDetector([{ text: 'Jane', type: 'NAME' }]);
  const masker = (policy: PhiPolicy = { defaultAction: 'vault' }, extra: Partial<PhiMaskerOptions> = {}) =>
    new PhiMasker({ detector, policy, ...extra });

  it('refuses missing options and policy, and an unknown expansion', () => {
    expect(() => new PhiMasker(null as never)).toThrow(validation('options'));
    expect(() => new PhiMasker({ detector, policy: null as never })).toThrow(validation('policy'));
    expect(() => masker({ defaultAction: 'mask', expand: 'word' as never })).toThrow(validation('policy.expand'));
  });

  it('maskMany refuses a non-array and a bad concurrency before detecting anything', async () => {
    await expect(masker().maskMany('Jane' as never)).rejects.toThrow(validation('texts'));
    await expect(masker().maskMany(['Jane'], { concurrency: 0 })).rejects.toThrow(validation('options.concurrency'));
    expect(detector.calls).toBe(0);
  });

  it('maskDetected refuses a detection without an entities array', async () => {
    await expect(masker().maskDetected('Jane', { entities: 'x' } as never)).rejects.toMatchObject({
      name: 'ResponseShapeError',
    });
  });

  it('reidentify refuses a result that is not a MaskResult, or lost its vault scope', async () => {
    const m = masker();
    await expect(m.reidentify('x', null as never)).rejects.toThrow(validation('result'));
    const result = await m.mask('Jane');
    const { vaultScope: _dropped, ...withoutScope } = result;
    await expect(m.reidentify(result.text, withoutScope)).rejects.toThrow(validation('result.vaultScope'));
  });

  it('reidentify refuses encrypt tokens without a key or with a malformed token, quoting neither', async () => {
    const encrypting = masker({ defaultAction: 'encrypt' }, { keys: { encryptionKey: new Uint8Array(32).fill(1) } });
    const result = await encrypting.mask('Jane');
    await expect(masker({ defaultAction: 'mask' }).reidentify(result.text, result)).rejects.toThrow(
      validation('keys.encryptionKey'),
    );
    const forged = { ...result, entities: result.entities.map((e) => ({ ...e, token: '[NAME:e:not base64!]' })) };
    const error = await encrypting.reidentify(result.text, forged).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationError', field: 'result.entities[].token' });
    expect(String(error)).not.toContain('Jane');
  });

  it('surfaces the abort reason when the vault fails because the call was aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const vault = new InMemoryTokenVault();
    vault.put = async () => {
      controller.abort(reason);
      throw new Error('write interrupted');
    };
    await expect(masker(undefined, { vault }).mask('Jane', { signal: controller.signal })).rejects.toBe(reason);
  });
});

describe('abort reason through detectors that answer an abort with their own error', () => {
  /** Rejects with a generic error of its own as soon as the signal fires, as many HTTP clients do. */
  const stubborn: PhiDetector = {
    name: 'stubborn',
    detect: (_text, options = {}) =>
      new Promise((_resolve, reject) => {
        options.signal?.addEventListener('abort', () => reject(new Error('Request aborted')), { once: true });
      }),
  };

  it('PhiMasker.mask rejects with the caller signal reason, alone or combined', async () => {
    for (const detector of [stubborn, [stubborn, new RulePhiDetector()]]) {
      const controller = new AbortController();
      const reason = new DOMException('deadline', 'TimeoutError');
      const pending = new PhiMasker({ detector, policy: { defaultAction: 'mask' } }).mask('Jane', {
        signal: controller.signal,
      });
      controller.abort(reason);
      await expect(pending).rejects.toBe(reason);
    }
  });

  it('PhiMasker.reidentify rejects with the caller signal reason when the vault answers the abort its own way', async () => {
    const vault = new InMemoryTokenVault();
    const masker = new PhiMasker({ detector: new RulePhiDetector(), policy: { defaultAction: 'vault' }, vault });
    const result = await masker.mask('DOB 2/11/1961');
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    vault.get = async () => {
      controller.abort(reason);
      throw new Error('Request aborted');
    };
    await expect(masker.reidentify(result.text, result, { signal: controller.signal })).rejects.toBe(reason);
  });
});
