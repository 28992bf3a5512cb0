/**
 * `aws-ml-kit searchable-pdf <input> -o <out.pdf> [options]`: add an invisible, selectable text layer to a
 * scanned PDF or image, from saved Textract JSON, Amazon Textract, or the embedded offline OCR engine.
 *
 * @module
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isValidationError, ValidationError } from '../kit/errors.js';
import type { OcrEngine } from '../ocr/OcrEngine.js';
import type { SearchablePdfProgress } from '../searchable-pdf/SearchablePdfBuilder.js';
import { SearchablePdfBuilder } from '../searchable-pdf/SearchablePdfBuilder.js';
import type { TextractResponseLike } from '../textract/model/TextractBlockLike.js';
import type { CliCommand, CliIo } from './CliIo.js';
import { checkOutputPath, fileLabel, parseJsonFile, readFileArgument } from './cliFiles.js';
import { parseCommandLine } from './parseCommandLine.js';
import { progressBar } from './progressBar.js';
import { writeFileAtomically } from './writeFileAtomically.js';

const ENGINES = ['tesseract', 'textract'] as const;
type EngineName = (typeof ENGINES)[number];

const USAGE = `Usage: aws-ml-kit searchable-pdf <input.(pdf|jpg|png|tif)> -o <out.pdf> [options]

Adds an exact, invisible, selectable text layer to a scanned PDF or image. PDF pages are never rasterised;
JPEGs are embedded byte-for-byte, PNG and TIFF losslessly. "-" reads the input from standard input.

Options:
  -o, --output <file>       where to write the searchable PDF (written atomically)
  --textract <json>         saved Textract output to use instead of running OCR; repeat for paginated parts
  --ocr <engine>            tesseract (embedded, offline) | textract (Amazon Textract, needs AWS credentials).
                            Default: textract when AWS credentials are configured, tesseract otherwise
  --s3-bucket <bucket>      with --ocr textract: S3 bucket to stage multi-page documents for the async API
  --dpi <n>                 image resolution, overriding the file's metadata (default: metadata, else 300)
  --debug                   draw the OCR boxes and baselines visibly
  --allow-page-mismatch     warn instead of failing when the OCR covers a different number of pages
  --drop-invalid-words      drop OCR words with empty text or zero-size boxes instead of failing
  -h, --help                show this help`;

/** Environment variables that mean the AWS SDK's default credential chain can find credentials. */
const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
];

/**
 * The `searchable-pdf` subcommand.
 *
 * @example
 * ```ts
 * const code = await searchablePdfCommand.run(['scan.pdf', '-o', 'out.pdf', '--textract', 'scan.json'], processIo());
 * ```
 */
export const searchablePdfCommand: CliCommand = {
  summary: 'add an invisible, selectable text layer to a scanned PDF or image',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const options = parseCommandLine('searchable-pdf', USAGE, io, () => parse(argv, io.env));
    if (options === undefined) return 2;
    // Before any work: a folder that does not exist must not cost a full OCR run first.
    await checkOutputPath('-o', options.output);
    const input = await readFileArgument('input', options.input, io);
    const ocr = options.textract.length > 0 ? await readTextract(options.textract, io) : undefined;
    const engine = ocr ? undefined : await createEngine(options.engine, options.s3Bucket);
    if (engine) io.stderr(`aws-ml-kit searchable-pdf: OCR with ${engine.name}\n`);
    const progress = io.isTTY ? drawProgress(io) : undefined;
    try {
      const build = async () =>
        new SearchablePdfBuilder({
          ocrEngine: engine,
          debug: options.debug,
          dpi: options.dpi,
          pageCountMismatch: options.allowPageMismatch ? 'warn' : 'error',
          invalidWords: options.dropInvalidWords ? 'drop' : 'error',
        }).build(input, { ocr, onProgress: progress });
      const result = await build().catch((error: unknown) => {
        if (progress) io.stderr('\n');
        throw inUserTerms(error, options);
      });
      if (progress) io.stderr('\n');
      await writeFileAtomically('-o', options.output, result.pdf);
      for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
      io.stdout(
        `${options.output}: ${result.pageCount} page(s), ${result.wordCount} word(s) in the text layer, ${result.pdf.length} bytes\n`,
      );
      return 0;
    } finally {
      await (engine as { destroy?: () => unknown } | undefined)?.destroy?.();
    }
  },
};

function parse(argv: readonly string[], env: CliIo['env']) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      textract: { type: 'string', multiple: true, default: [] },
      ocr: { type: 'string' },
      's3-bucket': { type: 'string' },
      dpi: { type: 'string' },
      debug: { type: 'boolean', default: false },
      'allow-page-mismatch': { type: 'boolean', default: false },
      'drop-invalid-words': { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new Error('expected exactly one <input> file (or "-")');
  if (!values.output) throw new Error('-o <out.pdf> is required');
  // The input is never modified: writing the output over it would replace it.
  if (positionals[0] !== '-' && resolve(positionals[0] as string) === resolve(values.output)) {
    throw new Error('-o must name a file other than the input');
  }
  if (values.ocr !== undefined && !ENGINES.includes(values.ocr as EngineName)) {
    throw new Error(`--ocr must be one of ${ENGINES.join(', ')}`);
  }
  if (values.ocr !== undefined && values.textract.length > 0)
    throw new Error('--ocr and --textract exclude each other');
  const dpi = values.dpi === undefined ? undefined : Number(values.dpi);
  if (dpi !== undefined && !Number.isFinite(dpi)) throw new Error('--dpi must be a number');
  const hasCredentials = CREDENTIAL_VARIABLES.some((name) => Boolean(env[name]));
  return {
    input: positionals[0] as string,
    output: values.output,
    textract: values.textract,
    engine: (values.ocr as EngineName | undefined) ?? (hasCredentials ? 'textract' : 'tesseract'),
    s3Bucket: values['s3-bucket'],
    dpi,
    debug: values.debug,
    allowPageMismatch: values['allow-page-mismatch'],
    dropInvalidWords: values['drop-invalid-words'],
  };
}

async function readTextract(files: readonly string[], io: CliIo): Promise<TextractResponseLike[]> {
  const responses: TextractResponseLike[] = [];
  for (const file of files) {
    const label = fileLabel('--textract', file);
    const value = parseJsonFile(await readFileArgument('--textract', file, io), label);
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== 'object' || item === null || !Array.isArray((item as TextractResponseLike).Blocks)) {
        throw new ValidationError(
          label,
          'is JSON but not Textract output (an object with Blocks, or an array of them)',
        );
      }
      responses.push(item as TextractResponseLike);
    }
  }
  return responses;
}

/** Loads the chosen engine lazily, so the other one's dependencies are never imported. */
async function createEngine(name: EngineName, s3Bucket: string | undefined): Promise<OcrEngine> {
  if (name === 'tesseract') {
    const { TesseractOcr } = await import('../ocr/index.js');
    return new TesseractOcr();
  }
  const { TextractOcr } = await import('../textract/aws/TextractOcr.js');
  return new TextractOcr(s3Bucket ? { s3: { bucket: s3Bucket } } : {});
}

/**
 * The library names its own parameters (`input`, `options.ocr`, `options.dpi`); the user knows the file and the
 * flag they typed. Rule texts are kept: they name sizes, pages and formats, never content.
 */
function inUserTerms(error: unknown, options: ReturnType<typeof parse>): unknown {
  if (!isValidationError(error)) return error;
  const [root] = error.field.split('.');
  let label: string | undefined;
  if (root === 'input') label = fileLabel('input', options.input);
  else if (error.field === 'options.dpi') label = '--dpi';
  else if (error.field === 'options.ocr') {
    label =
      options.textract.length > 0
        ? `the Textract output in ${options.textract.map((file) => fileLabel('--textract', file)).join(', ')}`
        : `the ${options.engine} OCR result`;
  }
  return label === undefined ? error : new ValidationError(label, error.rule, { cause: error });
}

/** Draws `[#####-----] stage page/pages` on one terminal line. */
function drawProgress(io: CliIo): (progress: SearchablePdfProgress) => void {
  return ({ stage, page, pageCount }) => {
    io.stderr(progressBar(page, pageCount, `${stage === 'ocr' ? 'OCR       ' : 'text layer'} ${page}/${pageCount}`));
  };
}
