/**
 * Every public class that calls `send()`, driven with hostile clients (test/helpers/hostileClients.ts): whatever
 * the client throws leaves as one of our errors without the payload, and a client that never answers and ignores
 * `abortSignal` cannot keep a call from settling on its signal or its deadline.
 */
import { describe, expect, it } from 'vitest';
import { LexCheckpointSession } from '../../../src/lex/index.js';
import {
  ClinicalEntityExtractor,
  ComprehendMedicalPhiDetector,
  DynamoDbTokenVault,
  type PhiDetector,
  PhiMasker,
} from '../../../src/phi/index.js';
import { TextractOcr } from '../../../src/textract/index.js';
import { describeHostileClassCases, type HostileClassCase } from '../../helpers/hostileClassCases.js';
import { hangingClient, rejection } from '../../helpers/hostileClients.js';
import { SENTINEL } from '../../helpers/sentinel.js';
import { minimalPdf, pngBytes } from '../textract/aws/documents.js';

const TEXT = `Patient ${SENTINEL} Jane Doe, DOB 2/11/1961, seen for chest pain.`;
/** A client that answers every command with an empty output, for the side of a call that must work. */
const quietClient = { send: async () => ({ $metadata: {} }) };

/** A detector that finds the sentinel, so a vault policy has something to store. */
const sentinelDetector: PhiDetector = {
  name: 'sentinel',
  detect: async (text) => {
    const begin = text.indexOf(SENTINEL);
    return { entities: [{ type: 'NAME', score: 1, begin, end: begin + SENTINEL.length }], warnings: [] };
  },
};

const lexV1 = { botName: 'HomeImprovementBot', botAlias: 'Prod', throttleRetries: 0 };
const lexV2 = { botId: 'ABCDEFGHIJ', botAliasId: 'TSTALIASID', localeId: 'en_US', throttleRetries: 0 };
const fastWait = { pollIntervalMs: 5, maxPollIntervalMs: 5 };
let conversation = 0;
/** A fresh Lex conversation per call: a hung call must not queue the next case behind it. */
const nextUser = (): string => `user${String(++conversation).padStart(4, '0')}`;

const CASES: HostileClassCase[] = [
  {
    name: 'ComprehendMedicalPhiDetector.detect',
    run: (client, { signal }, logger) =>
      new ComprehendMedicalPhiDetector({ client: client as never, rateLimiter: false, logger }).detect(TEXT, {
        signal,
      }),
    takesTimeoutMs: false,
  },
  {
    name: 'PhiMasker.mask over ComprehendMedicalPhiDetector',
    run: (client, options, logger) =>
      new PhiMasker({
        detector: new ComprehendMedicalPhiDetector({ client: client as never, logger }),
        policy: { defaultAction: 'mask' },
        logger,
      }).mask(TEXT, options),
    takesTimeoutMs: true,
  },
  {
    name: 'ClinicalEntityExtractor.extract',
    run: (client, { signal }, logger) =>
      new ClinicalEntityExtractor({ client: client as never, rateLimiter: false, logger }).extract(TEXT, { signal }),
    takesTimeoutMs: false,
  },
  {
    name: 'DynamoDbTokenVault.put',
    run: (client, { signal }, logger) =>
      new DynamoDbTokenVault({ client: client as never, tableName: 'EntityMap', logger }).put(
        [{ scope: 'scope-1', token: '[NAME:v:abc]', value: SENTINEL }],
        { signal },
      ),
    takesTimeoutMs: false,
  },
  {
    name: 'DynamoDbTokenVault.get',
    run: (client, { signal }, logger) =>
      new DynamoDbTokenVault({ client: client as never, tableName: 'EntityMap', logger }).get(
        'scope-1',
        ['[NAME:v:abc]'],
        { signal },
      ),
    takesTimeoutMs: false,
  },
  {
    name: 'PhiMasker.mask into DynamoDbTokenVault',
    run: (client, options, logger) =>
      new PhiMasker({
        detector: sentinelDetector,
        policy: { defaultAction: 'vault' },
        vault: new DynamoDbTokenVault({ client: client as never, tableName: 'EntityMap', logger }),
        logger,
      }).mask(TEXT, options),
    takesTimeoutMs: true,
  },
  {
    name: 'LexCheckpointSession (V1).postText',
    run: (client, { signal }, logger) =>
      new LexCheckpointSession({ client: client as never, ...lexV1, userId: nextUser(), logger }).postText(
        `I want windows ${SENTINEL}`,
        { signal },
      ),
    takesTimeoutMs: false,
  },
  {
    name: 'LexCheckpointSession (V1).checkpoint',
    run: (client, { signal }, logger) =>
      new LexCheckpointSession({ client: client as never, ...lexV1, userId: nextUser(), logger }).checkpoint(
        'before-digression',
        { signal },
      ),
    takesTimeoutMs: false,
  },
  {
    name: 'LexCheckpointSession (V2).postText',
    run: (client, { signal }, logger) =>
      LexCheckpointSession.v2({ client: client as never, ...lexV2, sessionId: nextUser(), logger }).postText(
        `I want windows ${SENTINEL}`,
        { signal },
      ),
    takesTimeoutMs: false,
  },
  {
    name: 'LexCheckpointSession (V2).getSession',
    run: (client, { signal }, logger) =>
      LexCheckpointSession.v2({ client: client as never, ...lexV2, sessionId: nextUser(), logger }).getSession({
        signal,
      }),
    takesTimeoutMs: false,
  },
  {
    name: 'TextractOcr.detectDocumentText',
    run: (client, options, logger) =>
      new TextractOcr({ client: client as never, logger }).detectDocumentText(pngBytes(SENTINEL), options),
    takesTimeoutMs: true,
  },
  {
    name: 'TextractOcr.analyzeDocument',
    run: (client, options, logger) =>
      new TextractOcr({ client: client as never, logger }).analyzeDocument(pngBytes(SENTINEL), {
        featureTypes: ['TABLES'],
        queries: [{ text: `What is ${SENTINEL}?` }],
        ...options,
      }),
    takesTimeoutMs: true,
  },
  {
    name: 'TextractOcr.startDocumentTextDetection',
    run: (client, options, logger) =>
      new TextractOcr({ client: client as never, logger }).startDocumentTextDetection(
        { bucket: 'my-bucket', name: 'scans/report.pdf' },
        options,
      ),
    takesTimeoutMs: true,
  },
  {
    name: 'TextractOcr.waitForJob',
    run: (client, options, logger) =>
      new TextractOcr({ client: client as never, logger }).waitForJob('job-1', {
        api: 'textDetection',
        ...fastWait,
        ...options,
        // Polls are patient with throttling: only the wait's own deadline ends them.
        timeoutMs: options.timeoutMs ?? 200,
      }),
    takesTimeoutMs: true,
    throttledCode: 'WAIT_TIMEOUT',
    deadlineName: 'WaitTimeoutError',
  },
  {
    name: 'TextractOcr.recognize (S3 staging: the S3 client is hostile)',
    run: (client, { signal }, logger) =>
      new TextractOcr({
        client: quietClient as never,
        s3: { bucket: 'staging-bucket', client: client as never },
        wait: fastWait,
        logger,
      }).recognize({ bytes: minimalPdf(2, SENTINEL), mediaType: 'application/pdf' }, { signal }),
    takesTimeoutMs: false,
  },
  {
    name: 'TextractOcr.recognize (S3 staging: the Textract client is hostile)',
    run: (client, { signal }, logger) =>
      new TextractOcr({
        client: client as never,
        s3: { bucket: 'staging-bucket', client: quietClient as never },
        wait: fastWait,
        logger,
      }).recognize({ bytes: minimalPdf(2, SENTINEL), mediaType: 'application/pdf' }, { signal }),
    takesTimeoutMs: false,
  },
  {
    name: 'TextractOcr.recognize (synchronous)',
    run: (client, { signal }, logger) =>
      new TextractOcr({ client: client as never, logger }).recognize(
        { bytes: pngBytes(SENTINEL), mediaType: 'image/png' },
        { signal },
      ),
    takesTimeoutMs: false,
  },
];

describeHostileClassCases(CASES);

describe('PhiMasker with plug-ins of your own that never settle and ignore the signal', () => {
  const never = <T>(): Promise<T> => new Promise<T>(() => {});
  const hangingVault = { put: () => never<void>(), get: () => never<Map<string, string>>() };

  it('mask settles at timeoutMs when the detector hangs', async () => {
    const masker = new PhiMasker({ detector: { name: 'stuck', detect: never }, policy: { defaultAction: 'mask' } });
    expect(await rejection(masker.mask(TEXT, { timeoutMs: 50 }))).toMatchObject({ name: 'TimeoutError' });
    // A deadline that is not a whole number of ms is rounded up, a negative one named (no RangeError).
    expect(await rejection(masker.mask(TEXT, { timeoutMs: 20.5 }))).toMatchObject({ name: 'TimeoutError' });
    expect(await rejection(masker.mask(TEXT, { timeoutMs: -1 }))).toMatchObject({ field: 'options.timeoutMs' });
  });

  it('mask and reidentify settle when the vault hangs', async () => {
    const masker = new PhiMasker({
      detector: sentinelDetector,
      policy: { defaultAction: 'vault' },
      vault: hangingVault,
    });
    expect(await rejection(masker.mask(TEXT, { timeoutMs: 50 }))).toMatchObject({ name: 'TimeoutError' });
    const stored = new PhiMasker({
      detector: sentinelDetector,
      policy: { defaultAction: 'vault' },
      vault: { put: async () => undefined, get: hangingVault.get },
    });
    const result = await stored.mask(TEXT);
    const reason = new DOMException('stopped', 'AbortError');
    const controller = new AbortController();
    const pending = stored.reidentify(result.text, result, { signal: controller.signal });
    controller.abort(reason);
    expect(await rejection(pending)).toBe(reason);
  });
});

describe('a hung call releases what it holds', () => {
  it('the Lex conversation lock: the next call on the same conversation runs after an abort', async () => {
    const ids = { ...lexV2, sessionId: 'lock0001' };
    const hung = LexCheckpointSession.v2({ client: hangingClient() as never, ...ids });
    const aborted = rejection(hung.postText('hello', { signal: AbortSignal.timeout(30) }));
    let sent = 0;
    const answering = {
      send: async () => {
        sent++;
        return { $metadata: { requestId: 'r-1' }, sessionId: 'lock0001', sessionState: {}, messages: [] };
      },
    };
    const next = LexCheckpointSession.v2({ client: answering as never, ...ids });
    const turn = next.postText('hello again');
    expect(await aborted).toMatchObject({ name: 'TimeoutError' });
    await expect(Promise.race([turn.then(() => 'answered'), rejection(new Promise(() => {}), 2_000)])).resolves.toBe(
      'answered',
    );
    expect(sent).toBe(1);
  });
});
