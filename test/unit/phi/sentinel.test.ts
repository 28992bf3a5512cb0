import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComprehendMedicalClient, DetectEntitiesV2Command, DetectPHICommand } from '@aws-sdk/client-comprehendmedical';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { isAwsMlKitError } from '../../../src/kit/errors.js';
import {
  ClinicalEntityExtractor,
  ComprehendMedicalPhiDetector,
  DynamoDbTokenVault,
  FileTokenVault,
  type PhiDetector,
  PhiMasker,
  parsePhiResponse,
  RulePhiDetector,
} from '../../../src/phi/index.js';
import { failingClient, HOSTILE_FAILURES } from '../../helpers/hostileClients.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';

const text = `Patient ${SENTINEL} Jane Doe, DOB 2/11/1961.`;

describe('the PHI sentinel never leaks', () => {
  it('through a successful masking: logs carry metadata only, the result carries no original', async () => {
    const logger = recordingLogger();
    const begin = text.indexOf(SENTINEL);
    const detector: PhiDetector = {
      name: 'd',
      detect: async () => ({
        entities: [{ type: 'NAME', score: 1, begin, end: begin + SENTINEL.length }],
        warnings: [],
      }),
    };
    for (const defaultAction of ['mask', 'redact', 'replace', 'pseudonym', 'vault', 'encrypt', 'hmac'] as const) {
      const masker = new PhiMasker({
        detector: [detector, new RulePhiDetector()],
        policy: { defaultAction },
        keys: { encryptionKey: new Uint8Array(32), hmacKey: new Uint8Array(32) },
        logger,
      });
      const result = await masker.mask(text);
      expect(JSON.stringify(result)).not.toContain(SENTINEL);
    }
    expect(logger.lines.length).toBeGreaterThan(0);
    expectNoSentinel(logger.lines);
  });

  it('through an abort during detection', async () => {
    const logger = recordingLogger();
    const slow: PhiDetector = {
      name: 'slow',
      detect: (_t, options) =>
        new Promise((_resolve, reject) =>
          options?.signal?.addEventListener('abort', () => reject(options.signal?.reason)),
        ),
    };
    const controller = new AbortController();
    const call = new PhiMasker({ detector: slow, policy: { defaultAction: 'mask' }, logger }).mask(text, {
      signal: controller.signal,
    });
    controller.abort(new DOMException('stopped', 'AbortError'));
    const error = await call.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    expectNoSentinel(logger.lines, error);
  });

  it('through Comprehend Medical failures, aborts and bad responses', async () => {
    const cm = mockClient(ComprehendMedicalClient);
    const logger = recordingLogger();
    const detector = new ComprehendMedicalPhiDetector({ client: new ComprehendMedicalClient({}), logger });
    cm.on(DetectPHICommand).rejects(
      Object.assign(new Error(`TextSizeLimitExceededException: ${SENTINEL}`), {
        name: 'TextSizeLimitExceededException',
        $metadata: { httpStatusCode: 400, requestId: 'r-1' },
        $response: { body: SENTINEL },
      }),
    );
    const failure = await detector.detect(text).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'ServiceError', requestId: 'r-1' });
    cm.on(DetectPHICommand).resolves({ Entities: [{ Text: `${SENTINEL}-not-in-text` }], ModelVersion: '1' });
    const shape = await detector.detect(text).catch((e: unknown) => e);
    expect(shape).toMatchObject({ name: 'ResponseShapeError' });
    const aborted = await detector.detect(text, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(aborted).toMatchObject({ name: 'AbortError' });
    expectNoSentinel(logger.lines, failure, shape, aborted);
  });

  it.each(HOSTILE_FAILURES)(
    'through a client that throws (%s), for detect, extract, mask and the vault',
    async (kind) => {
      const logger = recordingLogger();
      // The case: send throws `new Error('boom ' + command.input.Text)`, a string, or an unmodelled throttle.
      const client = failingClient(kind) as never;
      const detector = new ComprehendMedicalPhiDetector({ client, rateLimiter: false, logger });
      const vault = new DynamoDbTokenVault({ client, tableName: 'EntityMap', logger });
      const found: PhiDetector = {
        name: 'found',
        detect: async (t) => ({
          entities: [
            { type: 'NAME', score: 1, begin: t.indexOf(SENTINEL), end: t.indexOf(SENTINEL) + SENTINEL.length },
          ],
          warnings: [],
        }),
      };
      const errors = await Promise.all(
        [
          detector.detect(text),
          new ClinicalEntityExtractor({ client, rateLimiter: false, logger }).extract(text),
          new PhiMasker({ detector, policy: { defaultAction: 'mask' }, logger }).mask(text),
          new PhiMasker({ detector: found, policy: { defaultAction: 'vault' }, vault, logger }).mask(text),
          vault.get('scope', ['[NAME:v:abc]']),
        ].map((call) =>
          call.then(
            () => undefined,
            (e: unknown) => e,
          ),
        ),
      );
      for (const error of errors) {
        expect(isAwsMlKitError(error)).toBe(true);
        expect(error).toMatchObject({ code: kind === 'throttling-without-metadata' ? 'THROTTLED' : 'SERVICE' });
      }
      expect(logger.lines.length).toBeGreaterThan(0);
      expectNoSentinel(logger.lines, ...errors);
    },
  );

  it('through warnings about wrong offsets', () => {
    const detection = parsePhiResponse(
      text,
      { Entities: [{ BeginOffset: 0, EndOffset: 3, Text: SENTINEL }] },
      'DetectPHI',
    );
    expect(detection.warnings).toHaveLength(1);
    expect(JSON.stringify(detection)).not.toContain(SENTINEL);
  });

  it('through the clinical entity extractor failing', async () => {
    const cm = mockClient(ComprehendMedicalClient);
    cm.on(DetectEntitiesV2Command).rejects(
      Object.assign(new Error(SENTINEL), { name: 'InvalidRequestException', $metadata: { httpStatusCode: 400 } }),
    );
    const logger = recordingLogger();
    const error = await new ClinicalEntityExtractor({ client: new ComprehendMedicalClient({}), logger })
      .extract(text)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServiceError' });
    expectNoSentinel(logger.lines, error);
  });

  it('through a vault file opened with the wrong key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'phi-sentinel-'));
    try {
      const path = join(dir, 'v.bin');
      await new FileTokenVault({ path, key: new Uint8Array(32).fill(1) }).put([
        { scope: 's', token: 't', value: SENTINEL },
      ]);
      const error = await new FileTokenVault({ path, key: new Uint8Array(32) })
        .get('s', ['t'])
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ValidationError' });
      expectNoSentinel([], error);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
