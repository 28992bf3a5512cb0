/**
 * `aws-ml-kit transcribe <file.wav> [options]`: transcribe a WAV file with Amazon Transcribe streaming.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { StreamTranscriber, type TranscribeProgress } from '../transcribe/aws/StreamTranscriber.js';
import { formatSrt, formatTranscriptJson, formatTranscriptText } from '../transcribe/formatTranscript.js';
import { TranscriptAssembler } from '../transcribe/TranscriptAssembler.js';
import { parseWav } from '../transcribe/wav.js';
import type { CliCommand, CliIo } from './CliIo.js';
import { readFileArgument } from './cliFiles.js';
import { parseCommandLine } from './parseCommandLine.js';

const FORMATS = ['text', 'srt', 'json'] as const;

const USAGE = `Usage: aws-ml-kit transcribe <file.wav> [options]

Streams a 16-bit PCM WAV file to Amazon Transcribe streaming and prints the final transcript.

Options:
  --format <f>        text | srt | json (default: text)
  --language <code>   language code, e.g. en-US (default: en-US)
  --speed <n>         pacing: 1 = real time (what the service expects), 2 = twice as fast,
                      0 = no pacing (default: 1)
  --frame-ms <n>      audio per frame, 50–200 (default: 100)
  --resample-to <hz>  convert the audio to this sample rate first (e.g. 16000 for a 96 kHz file)
  --speaker-labels    label speakers
  --region <r>        AWS region (default: from the environment)
  --endpoint <url>    Transcribe streaming endpoint, e.g. a local stand-in
  -h, --help          show this help`;

/**
 * The `transcribe` subcommand.
 *
 * @example
 * ```ts
 * const code = await transcribeCommand.run(['call.wav', '--format', 'srt'], processIo());
 * ```
 */
export const transcribeCommand: CliCommand = {
  summary: 'transcribe a WAV file with Transcribe streaming (text, SRT or JSON)',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseCommandLine('transcribe', USAGE, io, () => parse(argv));
    if (parsed === undefined) return 2;
    const wav = parseWav(await readFileArgument('', parsed.file, io), {
      allowAnySampleRate: parsed.resampleToHz !== undefined,
    });
    const transcriber = new StreamTranscriber({
      clientConfig: {
        ...(parsed.region === undefined ? {} : { region: parsed.region }),
        ...(parsed.endpoint === undefined ? {} : { endpoint: parsed.endpoint }),
      },
    });
    const assembler = new TranscriptAssembler();
    const progress = io.isTTY ? progressLine(io) : undefined;
    try {
      const events = transcriber.transcribe(wav, {
        languageCode: parsed.language,
        realTimeSpeed: parsed.speed === 0 ? false : parsed.speed,
        frameMs: parsed.frameMs,
        ...(parsed.speakerLabels ? { showSpeakerLabel: true } : {}),
        ...(parsed.resampleToHz === undefined ? {} : { resampleToHz: parsed.resampleToHz }),
        ...(progress ? { onProgress: progress } : {}),
      });
      for await (const event of events) {
        if (event.type === 'final' || event.type === 'partial') assembler.push(event.segment);
        else if (event.type === 'throttled' && io.isTTY) {
          io.stderr(
            `\naws-ml-kit transcribe: stream refused (LimitExceededException), retrying in ${event.delayMs} ms\n`,
          );
        }
      }
      assembler.flush();
      if (progress) io.stderr('\n');
    } finally {
      transcriber.destroy();
    }
    const finals = assembler.finals;
    io.stdout(
      parsed.format === 'srt'
        ? formatSrt(finals)
        : parsed.format === 'json'
          ? formatTranscriptJson(finals)
          : formatTranscriptText(finals),
    );
    return 0;
  },
};

function progressLine(io: CliIo): (progress: TranscribeProgress) => void {
  let lastTenth = -1;
  return (progress) => {
    const tenth = Math.floor(progress.sentMs / 100);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    const total = progress.totalMs === undefined ? '' : ` / ${(progress.totalMs / 1000).toFixed(1)} s`;
    io.stderr(`\rtranscribing: ${(progress.sentMs / 1000).toFixed(1)} s${total} sent`);
  };
}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      language: { type: 'string', default: 'en-US' },
      speed: { type: 'string', default: '1' },
      'frame-ms': { type: 'string', default: '100' },
      'resample-to': { type: 'string' },
      'speaker-labels': { type: 'boolean', default: false },
      region: { type: 'string' },
      endpoint: { type: 'string' },
    },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new Error('expected exactly one <file.wav> argument');
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new Error(`--format must be one of ${FORMATS.join(', ')}`);
  const speed = Number(values.speed);
  if (!(speed >= 0)) throw new Error('--speed must be a number ≥ 0');
  const frameMs = Number(values['frame-ms']);
  const resampleToHz = values['resample-to'] === undefined ? undefined : Number(values['resample-to']);
  return {
    file,
    format,
    language: values.language as string,
    speed,
    frameMs,
    resampleToHz,
    speakerLabels: values['speaker-labels'] === true,
    region: values.region,
    endpoint: values.endpoint,
  };
}
