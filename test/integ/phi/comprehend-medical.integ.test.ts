import { ComprehendMedicalClient, DetectPHICommand } from '@aws-sdk/client-comprehendmedical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClinicalEntityExtractor, ComprehendMedicalPhiDetector, PhiMasker } from '../../../src/phi/index.js';
import { awsError, ComprehendMedicalStandIn } from '../../../src/testing/index.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';
import { fixture, ORIGINAL_POST_TERMS, originalPostNote } from '../../unit/phi/helpers.js';

describe('ComprehendMedicalPhiDetector with a real ComprehendMedicalClient against the stand-in', () => {
  let standIn: ComprehendMedicalStandIn;
  beforeAll(async () => {
    standIn = await ComprehendMedicalStandIn.start();
  });
  afterAll(() => standIn.close());

  const fresh = async (terms = ORIGINAL_POST_TERMS) => {
    await standIn.close();
    standIn = await ComprehendMedicalStandIn.start({ terms });
  };

  it('refuses an empty term, which would match everywhere forever', async () => {
    await expect(ComprehendMedicalStandIn.start({ terms: [{ text: '', type: 'NAME' }] })).rejects.toThrow(
      'terms[0].text must be a non-empty string',
    );
    expect(() =>
      standIn.setTerms([
        { text: 'Jane', type: 'NAME' },
        { text: '', type: 'NAME' },
      ]),
    ).toThrow('terms[1].text');
  });

  it('masks the original note end to end and leaves "500 mg" alone', async () => {
    await fresh();
    const client = new ComprehendMedicalClient(standIn.clientConfig());
    const masker = new PhiMasker({
      detector: new ComprehendMedicalPhiDetector({ client }),
      policy: { defaultAction: 'mask', actions: { NAME: 'pseudonym' } },
    });
    const note = originalPostNote();
    const result = await masker.mask(note);
    expect(result.text).toContain('Vicodin 5 mg – 500 mg');
    expect(result.text).not.toMatch(/Carlos|Jorge|Diego|Sarkar|2\/11\/1961/);
    expect(await masker.reidentify(result.text, result)).not.toContain('[NAME_');
  });

  it('splits a long note under the byte limit: TextSizeLimitExceededException cannot happen', async () => {
    await fresh([{ text: 'Jane Doe', type: 'NAME' }]);
    const client = new ComprehendMedicalClient(standIn.clientConfig());
    const detector = new ComprehendMedicalPhiDetector({ client, maxChunkBytes: 20_000 });
    // ~120 KB with multi-byte characters and a name at every chunk edge region.
    const paragraph = 'Patient Jane Doe reports 胸痛 and dizziness 😀 since Tuesday; café visit noted. ';
    const text = paragraph.repeat(1_200);
    const detection = await detector.detect(text);
    expect(standIn.stats.tooLarge).toBe(0);
    expect(standIn.stats.maxRequestBytes).toBeLessThanOrEqual(20_000);
    expect(standIn.stats.requests).toBeGreaterThan(5);
    expect(detection.entities).toHaveLength(1_200);
    for (const e of detection.entities) expect(text.slice(e.begin, e.end)).toBe('Jane Doe');
  });

  it('the stand-in does enforce the limit: a raw oversized call fails', async () => {
    await fresh([]);
    const client = new ComprehendMedicalClient(standIn.clientConfig({ maxAttempts: 1 }));
    await expect(client.send(new DetectPHICommand({ Text: 'é'.repeat(10_001) }))).rejects.toMatchObject({
      name: 'TextSizeLimitExceededException',
    });
    expect(standIn.stats.tooLarge).toBe(1);
  });

  it('retries 429 TooManyRequestsException through the SDK retry strategy', async () => {
    await fresh([{ text: 'Jane', type: 'NAME' }]);
    standIn.server.script('DetectPHI', [
      awsError('TooManyRequestsException', 429),
      awsError('TooManyRequestsException', 429),
    ]);
    const client = new ComprehendMedicalClient(standIn.clientConfig({ maxAttempts: 3 }));
    const detection = await new ComprehendMedicalPhiDetector({ client }).detect('Jane is here');
    expect(detection.entities).toEqual([expect.objectContaining({ type: 'NAME', begin: 0, end: 4 })]);
    expect(standIn.server.callsOf('DetectPHI').map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it('fails the whole call when one chunk fails, and never returns partial output', async () => {
    await fresh([{ text: 'Jane', type: 'NAME' }]);
    let calls = 0;
    standIn.server.on('DetectPHI', (request) => {
      calls++;
      if (calls === 2) return awsError('InvalidRequestException', 400);
      const text = request.json<{ Text: string }>().Text;
      return { json: { Entities: [], ModelVersion: 'x', _len: text.length } };
    });
    const client = new ComprehendMedicalClient(standIn.clientConfig({ maxAttempts: 1 }));
    const logger = recordingLogger();
    const masker = new PhiMasker({
      detector: new ComprehendMedicalPhiDetector({ client, maxChunkBytes: 1_000, concurrency: 1, logger }),
      policy: { defaultAction: 'mask' },
      logger,
    });
    const text = `${SENTINEL} Jane. `.repeat(300);
    const error = await masker.mask(text).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServiceError', errorName: 'InvalidRequestException', operation: 'DetectPHI' });
    expectNoSentinel(logger.lines, error);
    expect(logger.lines.some((l) => l.includes('call failed'))).toBe(true);
  });

  it('re-splits a chunk whose answer carried a PaginationToken', async () => {
    await fresh([{ text: 'Jane', type: 'NAME' }]);
    const text = 'Jane was seen. '.repeat(100);
    standIn.record(text, { Entities: [], PaginationToken: 'truncated' });
    const client = new ComprehendMedicalClient(standIn.clientConfig());
    const detection = await new ComprehendMedicalPhiDetector({ client }).detect(text);
    expect(detection.warnings.map((w) => w.code)).toContain('RESPLIT');
    expect(detection.entities).toHaveLength(100);
  });

  it('replays a recorded INCONSISTENT response and widens instead of trusting it', async () => {
    await fresh([]);
    const { inputText, response } = fixture('detectphi-awscli-doc-example-INCONSISTENT.json');
    standIn.record(inputText, response as never);
    const client = new ComprehendMedicalClient(standIn.clientConfig());
    const masker = new PhiMasker({
      detector: new ComprehendMedicalPhiDetector({ client }),
      policy: { defaultAction: 'replace' },
    });
    const result = await masker.mask(inputText);
    expect(result.warnings).toHaveLength(3);
    expect(result.text).not.toMatch(/Salazar|Main Street|carpenter/);
  });

  it('paces requests under the quota the stand-in enforces; without the limiter the stand-in throttles', async () => {
    const quota = { requestsPerSecond: 20, charactersPerSecond: 10_000 };
    const notes = Array.from({ length: 20 }, (_, i) => `Note ${i}: Jane was seen today. `.repeat(34)); // ~1,000 chars each
    const run = async (limited: boolean) => {
      await standIn.close();
      standIn = await ComprehendMedicalStandIn.start({ terms: [{ text: 'Jane', type: 'NAME' }], ...quota });
      const client = new ComprehendMedicalClient(standIn.clientConfig({ maxAttempts: 5 }));
      const detector = limited
        ? // 80% of the quota leaves room for scheduling jitter on a busy test machine.
          new ComprehendMedicalPhiDetector({ client, limits: quota, quotaUtilization: 0.8 })
        : new ComprehendMedicalPhiDetector({ client, rateLimiter: false });
      const masker = new PhiMasker({ detector, policy: { defaultAction: 'mask' } });
      const results = await masker.maskMany(notes, { concurrency: 20 }).catch(() => []);
      return { throttled: standIn.stats.throttled, masked: results.length };
    };
    const unlimited = await run(false);
    expect(unlimited.throttled).toBeGreaterThan(0);
    const limited = await run(true);
    expect(limited).toEqual({ throttled: 0, masked: 20 });
  });

  it('aborts in flight with the caller reason, without leaking text', async () => {
    await fresh([]);
    standIn.server.on('DetectPHI', () => ({ json: { Entities: [] }, delayMs: 2_000 }));
    const client = new ComprehendMedicalClient(standIn.clientConfig({ maxAttempts: 1 }));
    const logger = recordingLogger();
    const detector = new ComprehendMedicalPhiDetector({ client, logger });
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 50);
    const error = await detector.detect(`${SENTINEL} text`, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBe(reason);
    expectNoSentinel(logger.lines, error);
  });
});

describe('ClinicalEntityExtractor against the stand-in', () => {
  it('returns clinical entities and drops PHI and anything overlapping it', async () => {
    const standIn = await ComprehendMedicalStandIn.start({
      terms: [
        { text: 'Clonidine', type: 'GENERIC_NAME', category: 'MEDICATION' },
        { text: 'Sleeping trouble', type: 'DX_NAME', category: 'MEDICAL_CONDITION' },
        { text: '40yo', type: 'AGE' },
        { text: 'Jane Clonidine', type: 'NAME' },
      ],
    });
    try {
      const client = new ComprehendMedicalClient(standIn.clientConfig());
      const extractor = new ClinicalEntityExtractor({ client });
      const text = 'Pt is 40yo. Sleeping trouble on Clonidine. Visitor: Jane Clonidine.';
      const entities = await extractor.extract(text);
      expect(entities.map((e) => [e.category, e.text])).toEqual([
        ['MEDICAL_CONDITION', 'Sleeping trouble'],
        ['MEDICATION', 'Clonidine'],
      ]);
      expect(standIn.server.callsOf('DetectEntitiesV2')).toHaveLength(1);
    } finally {
      await standIn.close();
    }
  });
});
