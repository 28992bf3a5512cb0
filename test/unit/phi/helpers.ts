import { readFileSync } from 'node:fs';
import type { DetectedPhi, PhiDetection, PhiDetector } from '../../../src/phi/index.js';

const FIXTURES = new URL('../../fixtures/comprehend-medical/', import.meta.url);

/** A fixture file from test/fixtures/comprehend-medical. */
export function fixture<T = FixtureFile>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

/** The original post's fictional clinical note. */
export function originalPostNote(): string {
  return readFileSync(new URL('original-post-note.txt', FIXTURES), 'utf8');
}

export interface FixtureFile {
  inputText: string;
  response: { Entities: Array<Record<string, unknown>>; PaginationToken?: string };
}

/** A term a literal detector reports at every whole-word occurrence, like DetectPHI reports each mention. */
export interface Term {
  text: string;
  type: string;
  score?: number;
}

/** Every whole-word occurrence of each term, as separate entities (UTF-16 offsets). */
export function findTerms(text: string, terms: readonly Term[]): DetectedPhi[] {
  const entities: DetectedPhi[] = [];
  const isWord = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
  for (const term of terms) {
    for (let at = text.indexOf(term.text); at >= 0; at = text.indexOf(term.text, at + 1)) {
      const end = at + term.text.length;
      if (isWord(text[at - 1]) || isWord(text[end])) continue;
      entities.push({ type: term.type, score: term.score ?? 0.99, begin: at, end, source: 'literal' });
    }
  }
  return entities.sort((a, b) => a.begin - b.begin);
}

/** A detector that reports the given terms: a stand-in for a recorded DetectPHI response. */
export function literalDetector(terms: readonly Term[]): PhiDetector & { calls: number } {
  const detector = {
    name: 'literal',
    calls: 0,
    async detect(text: string): Promise<PhiDetection> {
      detector.calls++;
      return { entities: findTerms(text, terms), warnings: [] };
    },
  };
  return detector;
}

/** What the original post's de-identified output shows DetectPHI found in the note. */
export const ORIGINAL_POST_TERMS: readonly Term[] = [
  { text: 'Stay Free Medical Center', type: 'ADDRESS' },
  { text: 'Emergency Department', type: 'ADDRESS', score: 0.6 },
  { text: '12341 W. Bohannon Rd, Grantville, GA', type: 'ADDRESS' },
  { text: '(770) 922-9800', type: 'PHONE_OR_FAX' },
  { text: 'SALAZAR, CARLOS', type: 'NAME' },
  { text: 'RQ36114734', type: 'ID' },
  { text: '11/12/2011', type: 'DATE' },
  { text: '2/11/1961', type: 'DATE' },
  { text: '50', type: 'AGE' },
  { text: '186 VALETINE, NE 69201', type: 'ADDRESS' },
  { text: '402 213-2221', type: 'PHONE_OR_FAX' },
  { text: 'Carlos', type: 'NAME' },
  { text: 'Jorge', type: 'NAME' },
  { text: 'Food Corp', type: 'ADDRESS', score: 0.7 },
  { text: 'Diego', type: 'NAME' },
  { text: '11/23/2011', type: 'DATE' },
  { text: 'Saanvi Sarkar', type: 'NAME' },
  { text: 'Jackson', type: 'NAME' },
  { text: 'Mateo', type: 'NAME' },
  { text: 'ED', type: 'ADDRESS', score: 0.5 },
];

/** Asserts that every character outside the masked spans is unchanged, by walking the span lists. */
export function outsideSpans(
  input: string,
  output: string,
  entities: ReadonlyArray<{ input: { begin: number; end: number }; output: { begin: number; end: number } }>,
): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  let inCursor = 0;
  let outCursor = 0;
  for (const e of entities) {
    pairs.push([input.slice(inCursor, e.input.begin), output.slice(outCursor, e.output.begin)]);
    inCursor = e.input.end;
    outCursor = e.output.end;
  }
  pairs.push([input.slice(inCursor), output.slice(outCursor)]);
  return pairs;
}
