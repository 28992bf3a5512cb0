/**
 * The hostile-client table (see hostile-clients.test.ts) for the endpoints and transcribe features: whatever the
 * client throws — at `send()` or later, from the response stream — leaves as one of our errors without the
 * payload, and a client that never answers and ignores `abortSignal` cannot keep a call or an iterable from
 * settling on its signal or its deadline.
 */
import { describe, expect, it } from 'vitest';
import {
  checkEndpointConfigForElasticInference,
  EIPredictorClient,
  NeuronEndpointClient,
  SageMakerRuntimeInvoker,
} from '../../../src/endpoints/index.js';
import { type ErrorCode, isAwsMlKitError } from '../../../src/kit/errors.js';
import { StreamTranscriber } from '../../../src/transcribe/index.js';
import { encodeWav, parseWav } from '../../../src/transcribe/wav.js';
import {
  describeHostileClassCases,
  type HostileCallOptions,
  type HostileClassCase,
} from '../../helpers/hostileClassCases.js';
import {
  failingStreamClient,
  HOSTILE_FAILURES,
  type HostileClient,
  type HostileFailure,
  rejection,
} from '../../helpers/hostileClients.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';

type Logger = ReturnType<typeof recordingLogger>;

interface ClassCase extends HostileClassCase {
  /** The response field that carries the event stream, for streaming calls. */
  streamField?: string;
}

/** Reads an async iterable to its end; an iterable that fails makes this reject. */
async function drain(events: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const ENDPOINT = 'bert-base-inf1';
const body = new TextEncoder().encode(JSON.stringify([SENTINEL]));
const wav = parseWav(encodeWav(new Uint8Array(16_000 * 2 * 0.25), { sampleRateHz: 16_000 }));
/** Present only when given, for options typed with `exactOptionalPropertyTypes`. */
const given = (options: HostileCallOptions) => ({
  ...(options.signal ? { signal: options.signal } : {}),
  ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
});

const CASES: ClassCase[] = [
  {
    name: 'SageMakerRuntimeInvoker.invoke',
    run: (client, options, logger) =>
      new SageMakerRuntimeInvoker({ client: client as never, endpointName: ENDPOINT, maxRetries: 0, logger }).invoke(
        { body, contentType: 'application/json' },
        given(options),
      ),
    takesTimeoutMs: true,
  },
  {
    name: 'SageMakerRuntimeInvoker.invokeStream',
    run: (client, options, logger) =>
      drain(
        new SageMakerRuntimeInvoker({
          client: client as never,
          endpointName: ENDPOINT,
          maxRetries: 0,
          logger,
        }).invokeStream({ body, contentType: 'application/json' }, given(options)),
      ),
    takesTimeoutMs: true,
    streamField: 'Body',
  },
  {
    name: 'NeuronEndpointClient.predict',
    run: (client, options, logger) =>
      new NeuronEndpointClient<string, string>({
        client: client as never,
        endpointName: ENDPOINT,
        maxRetries: 0,
        maxQueueDelayMs: 0,
        logger,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      }).predict(SENTINEL, options.signal ? { signal: options.signal } : {}),
    takesTimeoutMs: true,
  },
  {
    name: 'NeuronEndpointClient.predictAll (the first outcome)',
    run: async (client, options, logger) => {
      const outcomes = await new NeuronEndpointClient<string, string>({
        client: client as never,
        endpointName: ENDPOINT,
        maxRetries: 0,
        maxQueueDelayMs: 0,
        logger,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      }).predictAll([SENTINEL, `${SENTINEL} again`], options.signal ? { signal: options.signal } : {});
      for (const outcome of outcomes) if (!outcome.ok) throw outcome.error;
      return outcomes;
    },
    takesTimeoutMs: true,
  },
  {
    name: 'NeuronEndpointClient.benchmark',
    run: (client, options, logger) =>
      new NeuronEndpointClient<string, string>({
        client: client as never,
        endpointName: ENDPOINT,
        maxRetries: 0,
        logger,
      }).benchmark({
        sample: SENTINEL,
        durationMs: 50,
        pricePerHour: 1,
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    takesTimeoutMs: false,
  },
  {
    name: 'EIPredictorClient.predict (SageMaker endpoint)',
    run: (client, options, logger) =>
      new EIPredictorClient({
        client: client as never,
        endpointName: ENDPOINT,
        modelName: 'ssd',
        maxRetries: 0,
        logger,
      }).predict({ inputs: [SENTINEL] }, given(options)),
    takesTimeoutMs: true,
  },
  {
    name: 'EIPredictorClient.classify (SageMaker endpoint)',
    run: (client, options, logger) =>
      new EIPredictorClient({ client: client as never, endpointName: ENDPOINT, maxRetries: 0, logger }).classify(
        [{ note: SENTINEL }],
        given(options),
      ),
    takesTimeoutMs: true,
  },
  {
    name: 'checkEndpointConfigForElasticInference',
    run: (client, options, logger) =>
      checkEndpointConfigForElasticInference({
        client: client as never,
        endpointConfigName: 'legacy-ssd-config',
        logger,
        ...given(options),
      }),
    takesTimeoutMs: true,
  },
  {
    name: 'StreamTranscriber.transcribe',
    run: (client, options, logger) =>
      drain(
        new StreamTranscriber({ client: client as never, logger }).transcribe(wav, {
          languageCode: 'en-US',
          realTimeSpeed: false,
          frameMs: 50,
          maxThrottleRetries: 0,
          vocabularyName: `vocab-${SENTINEL.length}`,
          ...given(options),
        }),
      ),
    takesTimeoutMs: true,
    streamField: 'TranscriptResultStream',
  },
];

function _expectOurs(error: unknown, code: ErrorCode, logger: Logger): void {
  expect(isAwsMlKitError(error), String(error)).toBe(true);
  expect(error).toMatchObject({ code });
  expectNoSentinel(logger.lines, error);
}

describeHostileClassCases(CASES);

describe.each(CASES.filter((c) => c.streamField !== undefined))('$name when the response stream is hostile', (c) => {
  const field = c.streamField as string;

  it.each(HOSTILE_FAILURES)(
    'ends by throwing one of our errors, without the payload, when the stream throws %s',
    async (kind: HostileFailure) => {
      const logger = recordingLogger();
      const error = await rejection(c.run(failingStreamClient(field, kind), {}, logger));
      // Mid-stream failures are not retried; their class is the stream's to say (service or throttled).
      expect(isAwsMlKitError(error), String(error)).toBe(true);
      expect(['SERVICE', 'THROTTLED']).toContain((error as { code: string }).code);
      expectNoSentinel(logger.lines, error);
    },
  );

  it('does not repeat an error name that quotes the request', async () => {
    const logger = recordingLogger();
    const named = Object.assign(new Error('mid-stream'), { name: `Broken ${SENTINEL}` });
    const client = {
      send: async () => ({
        $metadata: {},
        [field]: { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(named) }) },
      }),
    };
    const error = await rejection(c.run(client as unknown as HostileClient, {}, logger));
    expect(isAwsMlKitError(error), String(error)).toBe(true);
    expectNoSentinel(logger.lines, error);
  });

  it('settles on abort and at its deadline when the stream never yields', async () => {
    const logger = recordingLogger();
    const controller = new AbortController();
    const reason = new DOMException('stopped by the caller', 'AbortError');
    const aborted = c.run(failingStreamClient(field, 'never'), { signal: controller.signal }, logger);
    setTimeout(() => controller.abort(reason), 30);
    expect(await rejection(aborted)).toBe(reason);
    const late = await rejection(c.run(failingStreamClient(field, 'never'), { timeoutMs: 50 }, logger));
    expect(late).toMatchObject({ name: 'TimeoutError' });
    expectNoSentinel(logger.lines);
  });
});
