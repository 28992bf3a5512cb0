/**
 * The dependency rule of ARCHITECTURE.md, enforced on the sources:
 * - only `src/<feature>/aws/` imports the AWS SDK (`@aws-sdk/*`, `@smithy/*`), and only lazily: `import type` at
 *   the top, a dynamic `import()` on first use;
 * - pure folders do no I/O (no `node:*` imports);
 * - `kit/` depends on nothing else in the project; features depend on kit and geometry, and on each other only
 *   through the published interfaces listed below;
 * - the root entry reaches no adapter;
 * - no module imports itself through others (no import cycles, type-only imports included).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Folders allowed to do I/O (import `node:*`). */
const IO_FOLDERS = [/^[^/]+\/aws\//, /^ocr\//, /^testing\//, /^cli\//, /^[^/]+\/node\//];

/** The folders published as a subpath (`aws-ml-kit/<folder>`), each with its own `index.ts`. */
const SUBPATH_FOLDERS = [
  'textract',
  'ocr',
  'searchable-pdf',
  'phi',
  'lex',
  'endpoints',
  'ground-truth',
  'polly',
  'transcribe',
  'testing',
] as const;

/** Which top-level folders each folder may import from (besides itself). */
const ALLOWED_FOLDER_IMPORTS: Record<string, readonly string[]> = {
  kit: [],
  geometry: ['kit'],
  textract: ['kit', 'geometry', 'ocr'],
  // The OCR contract owns the block shape every engine emits; textract depends on it, never the reverse.
  ocr: ['kit', 'geometry'],
  'searchable-pdf': ['kit', 'geometry', 'ocr', 'textract'],
  phi: ['kit'],
  lex: ['kit'],
  endpoints: ['kit'],
  'ground-truth': ['kit'],
  polly: ['kit'],
  transcribe: ['kit'],
  testing: ['kit'],
  cli: ['kit', 'geometry', ...SUBPATH_FOLDERS],
};

/** Type-only imports allowed on top: the stand-ins speak their feature's vocabulary without running its code. */
const ALLOWED_TYPE_IMPORTS: Record<string, readonly string[]> = {
  testing: ['geometry', 'textract', 'ocr', 'phi', 'lex', 'endpoints', 'ground-truth', 'polly', 'transcribe'],
};

interface ImportSite {
  file: string;
  specifier: string;
  typeOnly: boolean;
  dynamic: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): ImportSite[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|(?<!:)\/\/.*$/gm, '');
  const sites: ImportSite[] = [];
  const staticImport =
    /^\s*(import|export)\s+(type\s+)?[^'";]*?\sfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(staticImport)) {
    const specifier = match[3] ?? match[4]!;
    const clause = match[0];
    const typeOnly =
      Boolean(match[2]) || /^\s*(import|export)\s*\{\s*(type\s+[\w$]+\s*(as\s+[\w$]+\s*)?,?\s*)+\}/.test(clause);
    sites.push({ file, specifier, typeOnly, dynamic: false });
  }
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    sites.push({ file, specifier: match[1]!, typeOnly: false, dynamic: true });
  }
  return sites;
}

const files = sourceFiles(SRC);
const sites = files.flatMap(importsOf);
const rel = (file: string) => relative(SRC, file).split('\\').join('/');
const folderOf = (relativePath: string) => (relativePath.includes('/') ? relativePath.split('/')[0]! : '.');

describe('Architecture: the dependency rule', () => {
  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports the AWS SDK only from src/<feature>/aws/, and never eagerly', () => {
    const offenders = sites
      .filter((site) => /^@(aws-sdk|smithy)\//.test(site.specifier))
      .filter((site) => !/^[^/]+\/aws\//.test(rel(site.file)) || !(site.typeOnly || site.dynamic))
      .map((site) => `${rel(site.file)} → ${site.specifier}`);
    expect(offenders).toEqual([]);
  });

  it('keeps pure folders free of I/O (no node:* imports)', () => {
    const offenders = sites
      .filter((site) => site.specifier.startsWith('node:') && !site.typeOnly)
      .filter((site) => !IO_FOLDERS.some((pattern) => pattern.test(rel(site.file))))
      .map((site) => `${rel(site.file)} → ${site.specifier}`);
    expect(offenders).toEqual([]);
  });

  it('lets folders depend only on the folders the rule allows', () => {
    const offenders: string[] = [];
    for (const site of sites.filter((s) => s.specifier.startsWith('.'))) {
      const from = folderOf(rel(site.file));
      const to = folderOf(rel(resolve(dirname(site.file), site.specifier)));
      if (from === '.' || from === to) continue;
      const allowed = [
        ...(ALLOWED_FOLDER_IMPORTS[from] ?? []),
        ...(site.typeOnly ? (ALLOWED_TYPE_IMPORTS[from] ?? []) : []),
      ];
      if (!allowed.includes(to)) offenders.push(`${rel(site.file)} → ${site.specifier}`);
    }
    expect(offenders).toEqual([]);
  });

  it('lets the root entry reach no adapter, CLI or stand-in', () => {
    const seen = new Set<string>();
    const queue = [join(SRC, 'index.ts')];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const site of importsOf(file).filter((s) => s.specifier.startsWith('.') && !s.typeOnly)) {
        queue.push(resolve(dirname(file), site.specifier).replace(/\.js$/, '.ts'));
      }
    }
    const reached = [...seen].map(rel).filter((path) => /\/aws\/|^cli\/|^testing\//.test(path));
    expect(reached).toEqual([]);
  });

  it('has one subpath entry file per feature, importing no SDK package at the top level', () => {
    for (const entry of SUBPATH_FOLDERS) {
      const eager = importsOf(join(SRC, entry, 'index.ts')).filter((s) => /^@(aws-sdk|smithy)\//.test(s.specifier));
      expect(eager).toEqual([]);
    }
  });

  it('has no import cycles between modules (type-only imports included)', () => {
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const targets = importsOf(file)
        .filter((s) => s.specifier.startsWith('.'))
        .map((s) => resolve(dirname(file), s.specifier).replace(/\.js$/, '.ts'));
      graph.set(file, targets);
    }
    // Depth-first search with three colours: a grey node reached again closes a cycle.
    const colour = new Map<string, 'grey' | 'black'>();
    const stack: string[] = [];
    const cycles: string[] = [];
    const visit = (file: string): void => {
      colour.set(file, 'grey');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        const seen = colour.get(next);
        if (seen === 'grey') cycles.push([...stack.slice(stack.indexOf(next)), next].map(rel).join(' → '));
        else if (seen === undefined && graph.has(next)) visit(next);
      }
      stack.pop();
      colour.set(file, 'black');
    };
    for (const file of files) if (!colour.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
