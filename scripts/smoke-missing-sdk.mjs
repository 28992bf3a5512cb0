// Run inside a consumer project without any AWS SDK package: each adapter must fail with a
// MissingDependencyError naming the package to install, on first use (not at import).
const checks = [
  [
    'TextractOcr',
    '@aws-sdk/client-textract',
    async () =>
      new (await import('aws-ml-kit/textract')).TextractOcr().detectDocumentText(new Uint8Array([0xff, 0xd8, 0xff])),
  ],
  [
    'ComprehendMedicalPhiDetector',
    '@aws-sdk/client-comprehendmedical',
    async () => new (await import('aws-ml-kit/phi')).ComprehendMedicalPhiDetector().detect('a note'),
  ],
  [
    'DynamoDbTokenVault',
    '@aws-sdk/client-dynamodb',
    async () => new (await import('aws-ml-kit/phi')).DynamoDbTokenVault({ tableName: 'tokens' }).get('scope', ['t']),
  ],
  [
    'LexCheckpointSession (V1)',
    '@aws-sdk/client-lex-runtime-service',
    async () =>
      new (await import('aws-ml-kit/lex')).LexCheckpointSession({
        botName: 'Bot',
        botAlias: 'Prod',
        userId: 'user-1',
      }).postText('hi'),
  ],
  [
    'LexCheckpointSession (V2)',
    '@aws-sdk/client-lex-runtime-v2',
    async () =>
      (await import('aws-ml-kit/lex')).LexCheckpointSession.v2({
        botId: 'ABCDEFGHIJ',
        botAliasId: 'TSTALIASID',
        localeId: 'en_US',
        sessionId: 'session-1',
      }).postText('hi'),
  ],
  [
    'StreamTranscriber',
    '@aws-sdk/client-transcribe-streaming',
    async () => {
      const { StreamTranscriber } = await import('aws-ml-kit/transcribe');
      const options = { languageCode: 'en-US', sampleRateHz: 16000, realTimeSpeed: false };
      for await (const _ of new StreamTranscriber().transcribe(new Uint8Array(3200), options)) break;
    },
  ],
  [
    'createPresignedTranscribeUrl',
    '@smithy/signature-v4',
    async () =>
      (await import('aws-ml-kit/transcribe')).createPresignedTranscribeUrl({
        region: 'us-east-1',
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
        languageCode: 'en-US',
        sampleRateHz: 16000,
      }),
  ],
  [
    'TranscribeEventStream',
    '@smithy/eventstream-codec',
    async () => (await import('aws-ml-kit/transcribe')).TranscribeEventStream.load(),
  ],
  [
    'NeuronEndpointClient',
    '@aws-sdk/client-sagemaker-runtime',
    async () =>
      new (await import('aws-ml-kit/endpoints')).NeuronEndpointClient({ endpointName: 'bert-inf1' })
        .predictAll([[1]])
        .then(([outcome]) => {
          if (!outcome.ok) throw outcome.error;
        }),
  ],
  [
    'SageMakerLabelingJobs',
    '@aws-sdk/client-sagemaker',
    async () => new (await import('aws-ml-kit/ground-truth')).SageMakerLabelingJobs().describe('job-1'),
  ],
  [
    'S3ObjectStore',
    '@aws-sdk/client-s3',
    async () => new (await import('aws-ml-kit/ground-truth')).S3ObjectStore().get('s3://bucket/key'),
  ],
  [
    'startStepFunctionsChain',
    '@aws-sdk/client-sfn',
    async () => {
      const gt = await import('aws-ml-kit/ground-truth');
      const plan = gt.planLabelingChain({
        batchId: 'b',
        region: 'us-west-2',
        roleArn: 'arn:aws:iam::111122223333:role/r',
        outputS3Uri: 's3://out-bucket',
        defaults: { workteamArn: 'arn:aws:sagemaker:us-west-2:111122223333:workteam/private-crowd/t' },
        jobs: [
          {
            id: 'j',
            level: 1,
            taskType: 'VideoObjectTracking',
            input: { manifestS3Uri: 's3://in-bucket/m' },
            labelCategoryConfigS3Uri: 's3://in-bucket/l.json',
          },
        ],
      });
      await gt.startStepFunctionsChain(plan, {
        stateMachineArn: 'arn:aws:states:us-west-2:111122223333:stateMachine:m',
        objects: new gt.InMemoryObjectStore(),
      });
    },
  ],
  [
    'SpeechSynthesizer',
    '@aws-sdk/client-polly',
    async () =>
      new (await import('aws-ml-kit/polly')).SpeechSynthesizer({ voiceId: 'Joanna' }).synthesize({ text: 'hello' }),
  ],
  [
    'EIPredictorClient',
    '@aws-sdk/client-sagemaker-runtime',
    async () =>
      new (await import('aws-ml-kit/endpoints')).EIPredictorClient({ endpointName: 'ssd-tfs' }).predict({
        inputs: [[1]],
      }),
  ],
  [
    'SageMakerRuntimeInvoker.invokeStream',
    '@aws-sdk/client-sagemaker-runtime',
    async () => {
      const { SageMakerRuntimeInvoker } = await import('aws-ml-kit/endpoints');
      const request = { body: new Uint8Array([0x5b, 0x5d]), contentType: 'application/json' };
      for await (const _ of new SageMakerRuntimeInvoker({ endpointName: 'llm' }).invokeStream(request)) break;
    },
  ],
  [
    'checkEndpointConfigForElasticInference',
    '@aws-sdk/client-sagemaker',
    async () =>
      (await import('aws-ml-kit/endpoints')).checkEndpointConfigForElasticInference({ endpointConfigName: 'legacy' }),
  ],
];

async function expectMissing(name, packageName, act) {
  try {
    await act();
  } catch (error) {
    if (error?.name === 'MissingDependencyError' && error.packageName === packageName) return;
    throw new Error(
      `${name}: expected MissingDependencyError for ${packageName}, got ${error?.name}: ${error?.message}`,
    );
  }
  throw new Error(`${name}: expected a MissingDependencyError, but the call succeeded`);
}

for (const check of checks) await expectMissing(...check);
console.log(`missing-SDK checks: ${checks.length}`);
