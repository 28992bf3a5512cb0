/**
 * `aws-ml-kit paragraphs <textract-json...> [options]`: segment saved Textract output into headings,
 * paragraphs, lists, tables and page furniture, in reading order.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { ValidationError } from '../kit/errors.js';
import { loadTextractDocument } from '../textract/model/loadTextractDocument.js';
import type { TextractResponseLike } from '../textract/model/TextractBlockLike.js';
import { ParagraphSegmenter } from '../textract/segment/ParagraphSegmenter.js';
import {
  SEGMENTER_MODES,
  type Segment,
  type SegmenterMode,
  USE_LAYOUT_VALUES,
  type UseLayout,
} from '../textract/segment/types.js';
import type { CliCommand, CliIo } from './CliIo.js';
import { fileLabel, parseJsonFile, readFileArgument } from './cliFiles.js';
import { parseCommandLine } from './parseCommandLine.js';

const FORMATS = ['json', 'text', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: aws-ml-kit paragraphs <textract-json...> [options]

Reads saved Amazon Textract output (DetectDocumentText, AnalyzeDocument, or Get* results; "-" reads standard
input) and prints its segments in reading order. Several files are the paginated parts of one document.

Options:
  --mode <m>          auto | layout | fontSize | indentation | lineSpacing | fullStop (default: auto)
  --use-layout <u>    auto | require | ignore: use Textract LAYOUT blocks when present (default: auto)
  --format <f>        json | text | markdown (default: json)
  -h, --help          show this help

JSON output is an array of { role, page, text, readingOrder, lineIds, table? } (table: rows of cell texts).`;

/**
 * The `paragraphs` subcommand.
 *
 * @example
 * ```ts
 * const code = await paragraphsCommand.run(['analyze.json', '--format', 'markdown'], processIo());
 * ```
 */
export const paragraphsCommand: CliCommand = {
  summary: 'segment saved Textract JSON into headings, paragraphs, lists and tables',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseCommandLine('paragraphs', USAGE, io, () => parse(argv));
    if (parsed === undefined) return 2;
    const responses: TextractResponseLike[] = [];
    for (const file of parsed.files) {
      responses.push(...parseResponses(await readFileArgument('', file, io), fileLabel('', file)));
    }
    const segmenter = new ParagraphSegmenter({ mode: parsed.mode, useLayout: parsed.useLayout });
    // Load first and let go of the parsed responses: their memory can be reclaimed while segmenting.
    const document = loadTextractDocument(responses.splice(0), { onInvalid: 'throw' });
    const segments = segmenter.segment(document);
    if (parsed.format === 'text') io.stdout(segmenter.toText(segments));
    else if (parsed.format === 'markdown') io.stdout(segmenter.toMarkdown(segments));
    else writeJson(segments, io);
    return 0;
  },
};

/** Output chunks of about this many characters: few writes, and never one string as large as the output. */
const JSON_CHUNK_CHARS = 1 << 16;

/**
 * Writes the segments as the JSON array `JSON.stringify(array, null, 2)` would print, one segment at a time, so
 * the output never exists as one string (a 300-page document prints tens of megabytes).
 */
function writeJson(segments: readonly Segment[], io: CliIo): void {
  if (segments.length === 0) {
    io.stdout('[]\n');
    return;
  }
  let chunk = '[\n';
  segments.forEach((s, index) => {
    const item = {
      role: s.role,
      page: s.page,
      text: s.text,
      readingOrder: s.readingOrder,
      lineIds: s.lines.map((l) => l.id),
      ...(s.table ? { table: s.table.rows } : {}),
    };
    // Strings escape their line breaks, so indenting every line of the item's own JSON nests it exactly.
    chunk += `  ${JSON.stringify(item, null, 2).replaceAll('\n', '\n  ')}${index + 1 < segments.length ? ',\n' : '\n'}`;
    if (chunk.length >= JSON_CHUNK_CHARS) {
      io.stdout(chunk);
      chunk = '';
    }
  });
  io.stdout(`${chunk}]\n`);
}

/** One file may hold a response or an array of paginated responses. */
function parseResponses(bytes: Uint8Array, label: string): TextractResponseLike[] {
  const value = parseJsonFile(bytes, label);
  const list = Array.isArray(value) ? value : [value];
  for (const item of list) {
    if (typeof item !== 'object' || item === null || !Array.isArray((item as TextractResponseLike).Blocks)) {
      throw new ValidationError(label, 'is JSON but not Textract output (an object with Blocks, or an array of them)');
    }
  }
  return list as TextractResponseLike[];
}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      mode: { type: 'string', default: 'auto' },
      'use-layout': { type: 'string', default: 'auto' },
      format: { type: 'string', default: 'json' },
    },
  });
  if (positionals.length === 0) throw new Error('expected at least one <textract-json> file (or "-")');
  return {
    files: positionals,
    mode: oneOf<SegmenterMode>('--mode', values.mode, SEGMENTER_MODES),
    useLayout: oneOf<UseLayout>('--use-layout', values['use-layout'], USE_LAYOUT_VALUES),
    format: oneOf<Format>('--format', values.format, FORMATS),
  };
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new Error(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}
