/**
 * `aws-ml-kit phi <file|-> [options]`: mask PHI in a text file or standard input.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { ValidationError } from '../kit/errors.js';
import { ComprehendMedicalPhiDetector } from '../phi/aws/ComprehendMedicalPhiDetector.js';
import { FileTokenVault } from '../phi/node/FileTokenVault.js';
import { PhiMasker } from '../phi/PhiMasker.js';
import type { PhiExpansion } from '../phi/planSpans.js';
import { RulePhiDetector } from '../phi/RulePhiDetector.js';
import type { PhiAction, PhiDetector } from '../phi/types.js';
import type { CliCommand, CliIo } from './CliIo.js';
import { readFileArgument } from './cliFiles.js';
import { parseCommandLine } from './parseCommandLine.js';

const ACTIONS = ['mask', 'redact', 'replace', 'pseudonym', 'vault'] as const;
const DETECTORS = ['comprehend', 'rules'] as const;
const EXPANSIONS = ['none', 'number', 'token'] as const;

/** Environment variable holding the base64 32-byte key of `--vault-file`. */
export const VAULT_KEY_ENV = 'AWS_ML_KIT_PHI_VAULT_KEY';

const USAGE = `Usage: aws-ml-kit phi <file|-> [options]

Masks protected health information in a UTF-8 text file ("-" reads standard input) and writes the result
to standard output.

Options:
  --action <a>        mask | redact | replace | pseudonym | vault (default: mask)
  --detector <d>      comprehend (Amazon Comprehend Medical DetectPHI; needs AWS credentials)
                      | rules (offline patterns; finds no names) (default: comprehend)
  --min-score <n>     ignore detections scoring below n, 0..1 (default: 0)
  --expand <e>        none | number | token: grow partial hits (default: none)
  --region <r>        AWS region for --detector comprehend (default: from the environment)
  --endpoint <url>    Comprehend Medical endpoint, e.g. a local stand-in
  --vault-file <p>    keep originals of pseudonym/vault tokens in an encrypted file; the base64 32-byte key
                      is read from ${VAULT_KEY_ENV}
  --json              print { text, entities, warnings, vaultScope } instead of the text
  -h, --help          show this help`;

/**
 * The `phi` subcommand.
 *
 * @example
 * ```ts
 * const code = await phiCommand.run(['note.txt', '--detector', 'rules', '--action', 'replace'], processIo());
 * ```
 */
export const phiCommand: CliCommand = {
  summary: 'mask PHI in a text file (Comprehend Medical or offline rules)',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseCommandLine('phi', USAGE, io, () => parse(argv));
    if (parsed === undefined) return 2;
    const { file, action, detectorName, minScore, expand, json, region, endpoint, vaultFile } = parsed;
    const text = new TextDecoder().decode(await readFileArgument('', file, io, { allowEmpty: true }));
    const detector: PhiDetector =
      detectorName === 'rules'
        ? new RulePhiDetector()
        : new ComprehendMedicalPhiDetector({
            clientConfig: {
              ...(region === undefined ? {} : { region }),
              ...(endpoint === undefined ? {} : { endpoint }),
            },
          });
    let vault: FileTokenVault | undefined;
    if (vaultFile !== undefined) {
      const key = Uint8Array.from(Buffer.from(io.env[VAULT_KEY_ENV] ?? '', 'base64'));
      if (key.byteLength !== 32) {
        // Named after the variable the user sets, and without its value.
        throw new ValidationError(
          VAULT_KEY_ENV,
          `must hold a base64 32-byte key when --vault-file is used, got ${key.byteLength} bytes`,
        );
      }
      vault = new FileTokenVault({ path: vaultFile, key });
    } else if (action === 'vault' || action === 'pseudonym') {
      io.stderr(
        `aws-ml-kit phi: without --vault-file the originals are not kept; the output cannot be re-identified\n`,
      );
    }
    const masker = new PhiMasker({
      detector,
      policy: { defaultAction: action, minScore, expand },
      ...(vault === undefined ? {} : { vault }),
    });
    try {
      const result = await masker.mask(text);
      io.stdout(json ? `${JSON.stringify(result, null, 2)}\n` : result.text);
      if (!json && result.warnings.length > 0) {
        io.stderr(
          `aws-ml-kit phi: ${result.warnings.length} detector warnings (offsets widened or re-split); use --json\n`,
        );
      }
      return 0;
    } finally {
      if (detector instanceof ComprehendMedicalPhiDetector) detector.destroy();
    }
  },
};

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      action: { type: 'string', default: 'mask' },
      detector: { type: 'string', default: 'comprehend' },
      'min-score': { type: 'string', default: '0' },
      expand: { type: 'string', default: 'none' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      'vault-file': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new Error('expected exactly one <file|-> argument');
  const action = oneOf('--action', values.action, ACTIONS);
  const detectorName = oneOf('--detector', values.detector, DETECTORS);
  const expand = oneOf('--expand', values.expand, EXPANSIONS) as PhiExpansion;
  const minScore = Number(values['min-score']);
  if (!(minScore >= 0 && minScore <= 1)) throw new Error('--min-score must be a number between 0 and 1');
  return {
    file,
    action: action as PhiAction,
    detectorName,
    minScore,
    expand,
    json: values.json === true,
    region: values.region,
    endpoint: values.endpoint,
    vaultFile: values['vault-file'],
  };
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new Error(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}
