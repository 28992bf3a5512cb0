import {
  type ChainStateStore,
  GroundTruthChain,
  InMemoryChainStateStore,
  InMemoryObjectStore,
  type LabelingJobService,
  type ObjectStore,
  planLabelingChain,
  S3ObjectStore,
  SageMakerLabelingJobs,
  startStepFunctionsChain,
} from '../../../src/ground-truth/index.js';
import { PollyLexicons, PronunciationLexicon, SpeechSynthesizer } from '../../../src/polly/index.js';
import { verificationChainWorkflow } from '../../helpers/groundTruthWorkflows.js';
import { describeHostileClassCases, type HostileClassCase } from '../../helpers/hostileClassCases.js';
import type { HostileClient } from '../../helpers/hostileClients.js';
import { type recordingLogger, SENTINEL } from '../../helpers/sentinel.js';

type Logger = ReturnType<typeof recordingLogger>;

/** A client that answers every command with an empty output, for the side of a call that must work. */
const quietClient = { send: async () => ({ $metadata: {} }) };

const SSML = `<speak><p>Read this: ${SENTINEL}.</p></speak>`;
const lexicon = () =>
  new PronunciationLexicon({ name: 'Hostile', language: 'en-US' }).add({ graphemes: [SENTINEL], alias: 'redacted' });

const WORKFLOW = verificationChainWorkflow('hostile');
const PLAN = planLabelingChain(WORKFLOW);
const JOB_REQUEST = PLAN.levels[0]!.jobs[0]!.request;
const fastPoll = { initialDelayMs: 5, maxDelayMs: 5, factor: 1, jitter: 0 };

/** An object store holding the workflow's label category file. */
const seededObjects = (): InMemoryObjectStore => {
  const objects = new InMemoryObjectStore();
  void objects.put('s3://in-bucket/labels.json', JSON.stringify({ labels: [{ label: 'Car' }] }));
  return objects;
};

/** A labeling service whose jobs complete at once, so the chain reaches the object store for level 2. */
const completingService = (): LabelingJobService => ({
  create: async (request) => ({
    arn: `arn:aws:sagemaker:us-east-1:111122223333:labeling-job/${request.LabelingJobName}`,
  }),
  describe: async (name) => ({ name, status: 'Completed', labelAttributeName: `${name}-ref` }),
  stop: async () => undefined,
});

/** Plug-in services of the caller's own that fail (or hang) the way `client` does, quoting what they got. */
const hostileService = (client: HostileClient): LabelingJobService => ({
  create: (request) => client.send({ input: request } as never),
  describe: (name) => client.send({ input: { name, note: SENTINEL } } as never),
  stop: (name) => client.send({ input: { name, note: SENTINEL } } as never),
});
const hostileObjects = (client: HostileClient): ObjectStore => ({
  get: (uri) => client.send({ input: { uri, note: SENTINEL } } as never),
  async *stream(uri) {
    yield await client.send({ input: { uri, note: SENTINEL } } as never);
  },
  put: (uri, body) => client.send({ input: { uri, body } } as never),
});
const hostileStateStore = (client: HostileClient): ChainStateStore => ({
  load: (batchId) => client.send({ input: { batchId, note: SENTINEL } } as never),
  save: (batchId, state) => client.send({ input: { batchId, state, note: SENTINEL } } as never),
});

const chain = (
  service: LabelingJobService,
  objects: ObjectStore,
  logger: Logger,
  more: Partial<ConstructorParameters<typeof GroundTruthChain>[0]> = {},
) =>
  new GroundTruthChain({
    plan: PLAN,
    service,
    objects,
    stateStore: new InMemoryChainStateStore(),
    ...more,
    poll: fastPoll,
    logger,
  });

const CASES: HostileClassCase[] = [
  {
    name: 'SpeechSynthesizer.synthesize',
    run: (client, options, logger) =>
      new SpeechSynthesizer({ client: client as never, voiceId: 'Joanna', rateLimiter: false, logger }).synthesize(
        { ssml: SSML },
        options,
      ),
    takesTimeoutMs: true,
  },
  {
    name: 'SpeechSynthesizer.synthesizeStream',
    run: async (client, options, logger) => {
      const synthesizer = new SpeechSynthesizer({ client: client as never, voiceId: 'Joanna', logger });
      for await (const _ of synthesizer.synthesizeStream({ text: `Read this: ${SENTINEL}.` }, options)) {
        // consumes
      }
    },
    takesTimeoutMs: true,
  },
  {
    name: 'PollyLexicons.put',
    run: (client, options, logger) =>
      new PollyLexicons({ client: client as never, rateLimiter: false, logger }).put(lexicon(), options),
    takesTimeoutMs: true,
  },
  {
    name: 'PollyLexicons.get',
    run: (client, options, logger) =>
      new PollyLexicons({ client: client as never, rateLimiter: false, logger }).get('Hostile', options),
    takesTimeoutMs: true,
  },
  {
    name: 'PollyLexicons.list',
    run: (client, options, logger) => new PollyLexicons({ client: client as never, logger }).list(options),
    takesTimeoutMs: true,
  },
  {
    name: 'PollyLexicons.delete',
    run: (client, options, logger) =>
      new PollyLexicons({ client: client as never, rateLimiter: false, logger }).delete('Hostile', options),
    takesTimeoutMs: true,
  },
  {
    name: 'SageMakerLabelingJobs.create',
    run: (client, { signal }, logger) =>
      new SageMakerLabelingJobs({ client: client as never, logger }).create(JOB_REQUEST, { signal }),
    takesTimeoutMs: false,
  },
  {
    name: 'SageMakerLabelingJobs.describe',
    run: (client, { signal }, logger) =>
      new SageMakerLabelingJobs({ client: client as never, logger }).describe('hostile-a', { signal }),
    takesTimeoutMs: false,
  },
  {
    name: 'SageMakerLabelingJobs.stop',
    run: (client, { signal }, logger) =>
      new SageMakerLabelingJobs({ client: client as never, logger }).stop('hostile-a', { signal }),
    takesTimeoutMs: false,
  },
  {
    name: 'S3ObjectStore.get',
    run: (client, { signal }, logger) =>
      new S3ObjectStore({ client: client as never, logger }).get(`s3://in-bucket/${SENTINEL}.json`, { signal }),
    takesTimeoutMs: false,
  },
  {
    name: 'S3ObjectStore.put',
    run: (client, { signal }, logger) =>
      new S3ObjectStore({ client: client as never, logger }).put('s3://in-bucket/m.json', `{"x":"${SENTINEL}"}`, {
        signal,
      }),
    takesTimeoutMs: false,
  },
  {
    name: 'startStepFunctionsChain (the SFN client is hostile)',
    run: (client, { signal }, logger) =>
      startStepFunctionsChain(PLAN, {
        client: client as never,
        stateMachineArn: 'arn:aws:states:us-east-1:111122223333:stateMachine:chain',
        objects: seededObjects(),
        signal,
        logger,
      }),
    takesTimeoutMs: false,
  },
  {
    name: 'startStepFunctionsChain (the S3 client is hostile)',
    run: (client, { signal }, logger) =>
      startStepFunctionsChain(PLAN, {
        client: quietClient as never,
        stateMachineArn: 'arn:aws:states:us-east-1:111122223333:stateMachine:chain',
        objects: new S3ObjectStore({ client: client as never, logger }),
        signal,
        logger,
      }),
    takesTimeoutMs: false,
  },
  {
    name: 'GroundTruthChain.run over SageMakerLabelingJobs',
    run: (client, options, logger) =>
      chain(new SageMakerLabelingJobs({ client: client as never, logger }), seededObjects(), logger).run(options),
    takesTimeoutMs: true,
  },
  {
    name: 'GroundTruthChain.run over S3ObjectStore',
    run: (client, options, logger) =>
      chain(completingService(), new S3ObjectStore({ client: client as never, logger }), logger).run(options),
    takesTimeoutMs: true,
  },
  {
    name: 'GroundTruthChain.run with a labeling service of your own',
    run: (client, options, logger) => chain(hostileService(client), seededObjects(), logger).run(options),
    takesTimeoutMs: true,
  },
  {
    name: 'GroundTruthChain.run with an object store of your own',
    run: (client, options, logger) => chain(completingService(), hostileObjects(client), logger).run(options),
    takesTimeoutMs: true,
  },
  {
    name: 'GroundTruthChain.run with a state store of your own',
    run: (client, options, logger) =>
      chain(completingService(), seededObjects(), logger, { stateStore: hostileStateStore(client) }).run(options),
    takesTimeoutMs: true,
  },
  {
    name: 'GroundTruthChain.run with a betweenLevels hook of your own',
    run: (client, options, logger) =>
      chain(completingService(), seededObjects(), logger, {
        betweenLevels: (context) => client.send({ input: { level: context.level, note: SENTINEL } } as never),
      }).run(options),
    takesTimeoutMs: true,
  },
  {
    name: 'GroundTruthChain.stop with a labeling service of your own (the state says a job runs)',
    run: async (client, { signal }, logger) => {
      const stateStore = new InMemoryChainStateStore();
      const running: LabelingJobService = {
        ...completingService(),
        describe: async (name) => ({ name, status: 'InProgress' }),
      };
      // One run to create the level-1 job and see it in progress; then stop through the hostile service.
      await chain(running, seededObjects(), logger, { stateStore })
        .run({ timeoutMs: 30 })
        .catch(() => undefined);
      return chain(hostileService(client), seededObjects(), logger, { stateStore }).stop({ signal });
    },
    takesTimeoutMs: false,
    // A job that cannot be stopped is logged, not thrown (it may have finished meanwhile): only hangs apply.
    stopSwallows: true,
  },
  {
    name: 'startStepFunctionsChain with an object store of your own',
    run: (client, { signal }, logger) =>
      startStepFunctionsChain(PLAN, {
        client: quietClient as never,
        stateMachineArn: 'arn:aws:states:us-east-1:111122223333:stateMachine:chain',
        objects: hostileObjects(client),
        signal,
        logger,
      }),
    takesTimeoutMs: false,
  },
];

describeHostileClassCases(CASES);
