import type { Segment, SegmentRole, SegmentSource, SegmentTable } from './types.js';

/** The JSON view of one segment (what the CLI prints). */
export interface SegmentJSON {
  /** See {@link Segment.role}. */
  role: SegmentRole;
  /** 1-based page number. */
  page: number;
  /** The lines joined with single spaces. */
  text: string;
  /** 0-based position in the document's reading order. */
  readingOrder: number;
  /** The Textract LINE block ids, in reading order. */
  lineIds: string[];
  /** See {@link Segment.source}. */
  source: SegmentSource;
  /** 0–1, rounded to three decimals. */
  confidence: number;
  /** See {@link Segment.continuesOnNextPage}. */
  continuesOnNextPage: boolean;
  /** The cell grid of a table segment, when known: see {@link Segment.table}. Absent otherwise. */
  table?: SegmentTable;
}

/**
 * Plain text in reading order: segments separated by blank lines; a paragraph that continues on the next
 * page is joined to its continuation.
 *
 * @example
 * ```ts
 * console.log(segmentsToText(segments));
 * ```
 */
export function segmentsToText(segments: readonly Segment[]): string {
  const blocks: string[] = [];
  let carry = '';
  for (const segment of sorted(segments)) {
    if (segment.text === '') continue;
    const text = carry === '' ? segment.text : `${carry} ${segment.text}`;
    if (segment.continuesOnNextPage && segment.role !== 'table') {
      carry = text;
      continue;
    }
    carry = '';
    blocks.push(text);
  }
  if (carry !== '') blocks.push(carry);
  return blocks.length > 0 ? `${blocks.join('\n\n')}\n` : '';
}

/**
 * Markdown in reading order: `#` titles, `##` section headers, `-` list items; a table with a known cell grid
 * ({@link Segment.table}) as a GitHub-flavoured Markdown table (its first row is the header row; further rows
 * Textract marked as column headers follow as ordinary rows; `|` is escaped as `\|` and line breaks become
 * spaces), other tables and key-value blocks as fenced blocks with one line per LINE; page headers, footers and
 * numbers are left out; empty figures become `<!-- figure -->`.
 *
 * @example
 * ```ts
 * await writeFile('out.md', segmentsToMarkdown(segments));
 * ```
 */
export function segmentsToMarkdown(segments: readonly Segment[]): string {
  const parts: string[] = [];
  for (const segment of sorted(segments)) {
    switch (segment.role) {
      case 'pageHeader':
      case 'pageFooter':
      case 'pageNumber':
        break;
      case 'title':
        parts.push(`# ${escapeMarkdown(segment.text)}`);
        break;
      case 'sectionHeader':
        parts.push(`## ${escapeMarkdown(segment.text)}`);
        break;
      case 'listItem':
        parts.push(`- ${escapeMarkdown(stripMarker(segment.text))}`);
        break;
      case 'table':
        if (segment.table !== undefined && segment.table.rows.length > 0) {
          parts.push(markdownTable(segment.table.rows));
          break;
        }
        parts.push(fenced(segment));
        break;
      case 'keyValue':
        parts.push(fenced(segment));
        break;
      case 'figure':
        parts.push(segment.text === '' ? '<!-- figure -->' : `> ${escapeMarkdown(segment.text)}`);
        break;
      default:
        parts.push(escapeMarkdown(segment.text));
    }
  }
  return parts.length > 0 ? `${parts.join('\n\n')}\n` : '';
}

/**
 * A JSON-ready array: `role`, `page`, `text`, `readingOrder`, `lineIds`, `source`, `confidence`,
 * `continuesOnNextPage` per segment, and `table` (rows, header row count, source, TABLE ids) for table segments
 * whose cell grid is known.
 *
 * @example
 * ```ts
 * process.stdout.write(JSON.stringify(segmentsToJSON(segments), null, 2));
 * ```
 */
export function segmentsToJSON(segments: readonly Segment[]): SegmentJSON[] {
  return sorted(segments).map((s) => {
    const json: SegmentJSON = {
      role: s.role,
      page: s.page,
      text: s.text,
      readingOrder: s.readingOrder,
      lineIds: s.lines.map((l) => l.id),
      source: s.source,
      confidence: Math.round(s.confidence * 1000) / 1000,
      continuesOnNextPage: s.continuesOnNextPage,
    };
    if (s.table !== undefined) json.table = s.table;
    return json;
  });
}

function fenced(segment: Segment): string {
  return `\`\`\`\n${segment.lines.map((l) => l.text.replaceAll('```', "'''")).join('\n')}\n\`\`\``;
}

/** A GitHub-flavoured Markdown table: first row as header, a separator row, then the other rows. */
function markdownTable(rows: readonly (readonly string[])[]): string {
  const columns = rows.reduce((n, r) => Math.max(n, r.length), 1);
  const line = (row: readonly string[]): string => {
    const cells = Array.from({ length: columns }, (_, i) => escapeCell(row[i] ?? ''));
    return `| ${cells.join(' | ')} |`;
  };
  const [header = [], ...body] = rows;
  return [line(header), `|${' --- |'.repeat(columns)}`, ...body.map(line)].join('\n');
}

/** A cell's text on one line with its pipes escaped; other inline Markdown is escaped as in prose. */
function escapeCell(text: string): string {
  return escapeMarkdown(text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim());
}

function sorted(segments: readonly Segment[]): Segment[] {
  return [...segments].sort((a, b) => a.readingOrder - b.readingOrder);
}

function stripMarker(text: string): string {
  return text.replace(/^\s*[•◦▪▫●○■□►▶‣⁃∙·*-]\s+/u, '');
}

/**
 * Escapes inline Markdown characters, and what would start a heading or list at the beginning of a block. An
 * ordered-list marker is escaped at its `.` or `)`: CommonMark keeps a backslash before a digit as text.
 */
function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .replace(/^(#+|[-+])(\s)/, '\\$1$2')
    .replace(/^(\d+)([.)])(\s)/, '$1\\$2$3');
}
