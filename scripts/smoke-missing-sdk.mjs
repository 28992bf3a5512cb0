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
    'SpeechSynthesizer',
    '@aws-sdk/client-polly',
    async () =>
      new (await import('aws-ml-kit/polly')).SpeechSynthesizer({ voiceId: 'Joanna' }).synthesize({ text: 'hello' }),
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
