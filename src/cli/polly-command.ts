/**
 * `aws-ml-kit polly synthesize <file|-> --out <audio>`: speak a text or SSML file of any length with Amazon
 * Polly into one audio file, plus the merged speech marks as JSON.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { POLLY_AUDIO_FORMATS, type PollyAudioFormat } from '../polly/joinAudio.js';
import { POLLY_ENGINES, type PollyEngine } from '../polly/limits.js';
import { SPEECH_MARK_TYPES, type SpeechMarkType } from '../polly/speechMarks.js';
import type { CliCommand, CliIo } from './CliIo.js';
import { readFileArgument } from './cliFiles.js';
import { parseCommandLine } from './parseCommandLine.js';
import { progressBar } from './progressBar.js';
import { writeFileAtomically } from './writeFileAtomically.js';

const USAGE = `Usage: aws-ml-kit polly synthesize <file|-> --out <audio file> [options]

Speaks a UTF-8 text or SSML file of any length ("-" reads standard input) with Amazon Polly: the input is
split under Polly's 3,000 billed / 6,000 total characters per request, the audio joined into one file, and
the speech marks merged into one timeline whose start/end index the input file's text.

Options:
  --out <path>          audio file to write (required; written atomically)
  --marks <path>        write the merged speech marks as JSON here
  --mark-types <list>   comma-separated: sentence,word,viseme,ssml (default: sentence,word)
  --ssml                the input is SSML (default: detected from a leading <speak>)
  --voice <id>          Polly voice (default: Joanna)
  --engine <e>          standard | neural | long-form | generative (default: standard)
  --format <f>          mp3 | ogg_vorbis | ogg_opus | pcm | mulaw | alaw (default: mp3)
  --sample-rate <hz>    output sample rate (default: Polly's for the format and engine)
  --lexicon <name>      a lexicon to apply (repeat up to 5 times)
  --downgrade           remove SSML the engine does not support and report it, instead of failing
  --region <r>          AWS region (default: from the environment)
  --endpoint <url>      Polly endpoint, e.g. a local stand-in
  -h, --help            show this help`;

/**
 * The `polly` subcommand.
 *
 * @example
 * ```ts
 * const code = await pollyCommand.run(['synthesize', 'story.ssml', '--out', 'story.mp3', '--marks', 'story.json'], processIo());
 * ```
 */
export const pollyCommand: CliCommand = {
  summary: 'speak a text or SSML file of any length with Amazon Polly (audio + speech marks)',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseCommandLine('polly', USAGE, io, () => parse(argv));
    if (parsed === undefined) return 2;
    const source = new TextDecoder().decode(await readFileArgument('', parsed.file, io, { allowEmpty: true }));
    const isSsml = parsed.ssml || /^\s*(<\?xml[^>]*\?>\s*)?<speak[\s>/]/.test(source);
    const { SpeechSynthesizer } = await import('../polly/aws/SpeechSynthesizer.js');
    const synthesizer = new SpeechSynthesizer({
      clientConfig: {
        ...(parsed.region === undefined ? {} : { region: parsed.region }),
        ...(parsed.endpoint === undefined ? {} : { endpoint: parsed.endpoint }),
      },
      voiceId: parsed.voice,
      engine: parsed.engine,
      outputFormat: parsed.format,
      ...(parsed.sampleRateHz === undefined ? {} : { sampleRateHz: parsed.sampleRateHz }),
      lexiconNames: parsed.lexicons,
      speechMarkTypes: parsed.marks === undefined ? [] : parsed.markTypes,
      onUnsupported: parsed.downgrade ? 'downgrade' : 'error',
    });
    try {
      const result = await synthesizer.synthesize(isSsml ? { ssml: source } : { text: source }, {
        ...(io.isTTY ? { onProgress: drawProgress(io) } : {}),
      });
      if (io.isTTY) io.stderr('\n');
      await writeFileAtomically('--out', parsed.out, result.audio);
      if (parsed.marks !== undefined) {
        await writeFileAtomically('--marks', parsed.marks, `${JSON.stringify(result.speechMarks, null, 1)}\n`);
      }
      for (const issue of result.issues) {
        const what = issue.attribute ? `<${issue.element}> attribute ${issue.attribute}` : `<${issue.element}>`;
        const where = issue.offset === undefined ? '' : ` at offset ${issue.offset}`;
        io.stderr(
          `aws-ml-kit polly: ${what}${where} ${issue.kind === 'downgraded' ? 'removed' : 'is only partly supported'} for the ${issue.engine} engine\n`,
        );
      }
      io.stdout(
        `${parsed.out}: ${result.chunks} requests, ${result.requestCharacters} billed characters, ${(result.durationMs / 1000).toFixed(1)} s of ${result.format}${parsed.marks === undefined ? '' : `; ${result.speechMarks.length} speech marks in ${parsed.marks}`}\n`,
      );
      return 0;
    } finally {
      synthesizer.destroy();
    }
  },
};

function parse(argv: readonly string[]) {
  const [sub, ...rest] = argv;
  if (sub !== 'synthesize') throw new Error('expected the subcommand "synthesize"');
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      marks: { type: 'string' },
      'mark-types': { type: 'string', default: 'sentence,word' },
      ssml: { type: 'boolean', default: false },
      voice: { type: 'string', default: 'Joanna' },
      engine: { type: 'string', default: 'standard' },
      format: { type: 'string', default: 'mp3' },
      'sample-rate': { type: 'string' },
      lexicon: { type: 'string', multiple: true },
      downgrade: { type: 'boolean', default: false },
      region: { type: 'string' },
      endpoint: { type: 'string' },
    },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new Error('expected exactly one <file|-> argument');
  if (values.out === undefined) throw new Error('--out <audio file> is required');
  const markTypes = (values['mark-types'] ?? '').split(',').map((t) => t.trim()) as SpeechMarkType[];
  for (const type of markTypes) {
    if (!SPEECH_MARK_TYPES.includes(type))
      throw new Error(`--mark-types must only list ${SPEECH_MARK_TYPES.join(', ')}`);
  }
  const sampleRate = values['sample-rate'] === undefined ? undefined : Number(values['sample-rate']);
  if (sampleRate !== undefined && !Number.isInteger(sampleRate)) throw new Error('--sample-rate must be an integer');
  return {
    file,
    out: values.out,
    marks: values.marks,
    markTypes,
    ssml: values.ssml === true,
    voice: values.voice ?? 'Joanna',
    engine: oneOf('--engine', values.engine, POLLY_ENGINES) as PollyEngine,
    format: oneOf('--format', values.format, POLLY_AUDIO_FORMATS) as PollyAudioFormat,
    sampleRateHz: sampleRate,
    lexicons: values.lexicon ?? [],
    downgrade: values.downgrade === true,
    region: values.region,
    endpoint: values.endpoint,
  };
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new Error(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** Draws `[#####-----] requests done/total` on one terminal line. */
function drawProgress(io: CliIo): (progress: { done: number; total: number }) => void {
  return ({ done, total }) => {
    io.stderr(progressBar(done, total, `requests ${done}/${total}`));
  };
}
