/**
 * Scores the invisible text layer of a searchable PDF against Textract geometry, the way
 * `shared/tools/measure-text-layer.py` does (same metrics, re-stated here so the suite needs no Python):
 * poppler's `pdftotext -bbox` word boxes matched greedily 1:1 to Textract WORD boxes by IoU, LINE IoU against
 * the union of the matched boxes, vertical offset, and whitespace-token recall with poppler (layout and
 * `-raw` mode, end-of-line de-hyphenation credited) and with pdf.js `getTextContent`.
 */
import { execFileSync } from 'node:child_process';

/** [x0, y0, x1, y1] in normalised page units, y down. */
export type Box4 = readonly [number, number, number, number];

interface BlockJson {
  BlockType?: string;
  Id?: string;
  Page?: number;
  Text?: string;
  Geometry?: { BoundingBox?: { Left: number; Top: number; Width: number; Height: number } };
  Relationships?: { Type?: string; Ids?: string[] }[];
}

/** All blocks of a saved Textract response (single object or array of pages). */
export function blocksOf(json: unknown): BlockJson[] {
  const responses = (Array.isArray(json) ? json : [json]) as { Blocks?: BlockJson[] }[];
  return responses.flatMap((r) => r.Blocks ?? []);
}

function box(block: BlockJson): Box4 {
  const g = block.Geometry?.BoundingBox ?? { Left: 0, Top: 0, Width: 0, Height: 0 };
  return [g.Left, g.Top, g.Left + g.Width, g.Top + g.Height];
}

/** Intersection over union of two boxes. */
export function iou(a: Box4, b: Box4): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

function iou1d(a0: number, a1: number, b0: number, b1: number): number {
  const inter = Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  const union = Math.max(a1, b1) - Math.min(a0, b0);
  return union > 0 ? inter / union : 0;
}

/** The value at fraction `q` of the sorted list (the Python scorer's convention). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted.length ? (sorted[Math.floor(sorted.length * q)] ?? Number.NaN) : Number.NaN;
}

/** The median (mean of the middle two for even counts). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((x, y) => x - y);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return ENTITIES[code] ?? all;
  });
}

/** Word boxes from `pdftotext -bbox`, normalised to the page. */
export function popplerWords(pdfPath: string, page: number): { text: string; box: Box4 }[] {
  const out = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdfPath, '-'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const size = /<page width="([\d.]+)" height="([\d.]+)"/.exec(out);
  // Word boxes are in the displayed (rotated) frame, but the page size is reported unrotated.
  const info = execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), pdfPath], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const quarterTurn = /rot:\s+(90|270)\b/.test(info);
  const w = Number(size?.[quarterTurn ? 2 : 1]);
  const h = Number(size?.[quarterTurn ? 1 : 2]);
  const words: { text: string; box: Box4 }[] = [];
  for (const m of out.matchAll(
    /<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)<\/word>/g,
  )) {
    words.push({
      text: unescapeHtml(m[5] ?? ''),
      box: [Number(m[1]) / w, Number(m[2]) / h, Number(m[3]) / w, Number(m[4]) / h],
    });
  }
  return words;
}

/** Plain text of one page from `pdftotext` (layout mode, or `-raw`). */
export function popplerText(pdfPath: string, page: number, raw = false): string {
  const args = [...(raw ? ['-raw'] : []), '-f', String(page), '-l', String(page), pdfPath, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8', timeout: 60_000 });
}

/** Text of every page as pdf.js extracts it (items joined, end-of-line marks as newlines). */
export async function pdfJsPageTexts(pdf: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: pdf.slice(), verbosity: 0 });
  const doc = await task.promise;
  const texts: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
    }
    texts.push(text);
  }
  await task.destroy();
  return texts;
}

/** Whitespace tokens of the page's WORD texts, in block order. */
export function expectedTokens(blocks: readonly BlockJson[], page: number): string[] {
  return blocks
    .filter((b) => b.BlockType === 'WORD' && (b.Page ?? 1) === page)
    .flatMap((b) => (b.Text ?? '').normalize('NFC').split(/\s+/).filter(Boolean));
}

/** Share of expected tokens found among the tokens of `text` (multiset), crediting de-hyphenated pairs. */
export function tokenRecall(tokens: readonly string[], text: string): number {
  const expected = new Map<string, number>();
  for (const t of tokens) expected.set(t, (expected.get(t) ?? 0) + 1);
  const got = new Map<string, number>();
  for (const t of text.normalize('NFC').split(/\s+/).filter(Boolean)) got.set(t, (got.get(t) ?? 0) + 1);
  let hit = 0;
  for (const [t, c] of expected) hit += Math.min(c, got.get(t) ?? 0);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i] ?? '';
    const b = tokens[i + 1] ?? '';
    if (a.endsWith('-') && (got.get(a) ?? 0) < (expected.get(a) ?? 0) && (got.get(a.slice(0, -1) + b) ?? 0) > 0) {
      hit += 2;
    }
  }
  return Math.min(1, hit / Math.max(1, tokens.length));
}

/** Scores of one page. */
export interface PageScore {
  readonly ocrWords: number;
  readonly pdfWords: number;
  readonly matched: number;
  readonly wordIouMedian: number;
  readonly wordIouP10: number;
  readonly hIouMedian: number;
  readonly hIouP10: number;
  readonly vIouMedian: number;
  /** Median |Δ centre y| / OCR word height (the Python scorer's `dy/h`). */
  readonly dyPerWordHeight: number;
  /** Median |Δ centre y| of each LINE and its matched words' union, / LINE height. */
  readonly dyPerLineHeight: number;
  readonly lineIouMedian: number;
  readonly lineIouP10: number;
  readonly recallDefault: number;
  readonly recallRaw: number;
  /**
   * Share of multi-word LINEs whose words come out of `pdftotext` (layout mode) on one line, in order: catches
   * layers whose words poppler scatters into separate blocks, which token recall does not see.
   */
  readonly lineTextRecall: number;
}

/** Share of multi-word LINEs whose whitespace-normalised text occurs within one line of `text`. */
export function lineTextRecall(blocks: readonly BlockJson[], page: number, text: string): number {
  const outputLines = text
    .normalize('NFC')
    .split('\n')
    .map((l) => ` ${l.split(/\s+/).filter(Boolean).join(' ')} `);
  const lines = blocks
    .filter((b) => b.BlockType === 'LINE' && (b.Page ?? 1) === page)
    .map((b) => (b.Text ?? '').normalize('NFC').split(/\s+/).filter(Boolean).join(' '))
    .filter((t) => t.includes(' '));
  if (lines.length === 0) return 1;
  return lines.filter((t) => outputLines.some((l) => l.includes(` ${t} `))).length / lines.length;
}

/** Scores one page of `pdfPath` against the Textract blocks with poppler. */
export function scorePage(pdfPath: string, blocks: readonly BlockJson[], page: number): PageScore {
  const pw = popplerWords(pdfPath, page);
  const byId = new Map(blocks.map((b) => [b.Id, b]));
  const words = blocks.filter((b) => b.BlockType === 'WORD' && (b.Page ?? 1) === page);
  const used = new Set<number>();
  const match = new Map<string | undefined, Box4>();
  for (const w of words) {
    const t = box(w);
    let best = 0;
    let bestK = -1;
    pw.forEach((p, k) => {
      if (used.has(k)) return;
      const v = iou(t, p.box);
      if (v > best) {
        best = v;
        bestK = k;
      }
    });
    if (bestK >= 0) {
      used.add(bestK);
      match.set(w.Id, pw[bestK]!.box);
    }
  }
  const ious: number[] = [];
  const hs: number[] = [];
  const vs: number[] = [];
  const dys: number[] = [];
  for (const w of words) {
    const t = box(w);
    const p = match.get(w.Id);
    if (!p) {
      ious.push(0);
      hs.push(0);
      vs.push(0);
      continue;
    }
    ious.push(iou(t, p));
    hs.push(iou1d(t[0], t[2], p[0], p[2]));
    vs.push(iou1d(t[1], t[3], p[1], p[3]));
    dys.push(Math.abs((p[1] + p[3]) / 2 - (t[1] + t[3]) / 2) / Math.max(t[3] - t[1], 1e-9));
  }
  const lineIous: number[] = [];
  const lineDys: number[] = [];
  for (const line of blocks.filter((b) => b.BlockType === 'LINE' && (b.Page ?? 1) === page)) {
    const kids = (line.Relationships ?? []).filter((r) => r.Type === 'CHILD').flatMap((r) => r.Ids ?? []);
    const boxes = kids.map((id) => match.get(byId.get(id)?.Id)).filter((b): b is Box4 => b !== undefined);
    if (boxes.length === 0) {
      lineIous.push(0);
      continue;
    }
    const u: Box4 = [
      Math.min(...boxes.map((b) => b[0])),
      Math.min(...boxes.map((b) => b[1])),
      Math.max(...boxes.map((b) => b[2])),
      Math.max(...boxes.map((b) => b[3])),
    ];
    const l = box(line);
    lineIous.push(iou(l, u));
    lineDys.push(Math.abs((u[1] + u[3]) / 2 - (l[1] + l[3]) / 2) / Math.max(l[3] - l[1], 1e-9));
  }
  const tokens = expectedTokens(blocks, page);
  const defaultText = popplerText(pdfPath, page);
  return {
    ocrWords: words.length,
    pdfWords: pw.length,
    matched: match.size,
    wordIouMedian: median(ious),
    wordIouP10: quantile(ious, 0.1),
    hIouMedian: median(hs),
    hIouP10: quantile(hs, 0.1),
    vIouMedian: median(vs),
    dyPerWordHeight: median(dys),
    dyPerLineHeight: median(lineDys),
    lineIouMedian: median(lineIous),
    lineIouP10: quantile(lineIous, 0.1),
    recallDefault: tokenRecall(tokens, defaultText),
    lineTextRecall: lineTextRecall(blocks, page, defaultText),
    recallRaw: tokenRecall(tokens, popplerText(pdfPath, page, true)),
  };
}

/** Whether a command-line tool is on the PATH. */
export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}
