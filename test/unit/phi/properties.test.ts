import { ComprehendMedicalClient, DetectPHICommand } from '@aws-sdk/client-comprehendmedical';
import { fc, test } from '@fast-check/vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect } from 'vitest';
import { codePointLength } from '../../../src/kit/offsets.js';
import {
  ComprehendMedicalPhiDetector,
  type DetectedPhi,
  detectInChunks,
  mergeSameType,
  type PhiDetector,
  PhiMasker,
  parsePhiResponse,
} from '../../../src/phi/index.js';

const alphabet = ['a', 'b', 'Z', '7', ' ', ' ', '\n', '.', 'é', '中', '😀', 'e\u0301'];
const textArb = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 300 }).map((c) => c.join(''));

/** Random spans on code-point boundaries (overlapping allowed), as UTF-16 offsets. */
function withSpans(maxSpan: number) {
  return textArb.chain((text) => {
    const starts = [...text.matchAll(/./gsu)].map((m) => m.index);
    const bounds = [...starts, text.length];
    return fc
      .array(
        fc.record({
          a: fc.integer({ min: 0, max: bounds.length - 2 }),
          len: fc.integer({ min: 1, max: maxSpan }),
          type: fc.constantFrom('NAME', 'DATE', 'ID'),
          score: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { maxLength: 12 },
      )
      .map((raw) => ({
        text,
        spans: raw.map(({ a, len, type, score }) => ({
          type,
          score,
          begin: bounds[a]!,
          end: bounds[Math.min(a + len, bounds.length - 1)]!,
        })),
      }));
  });
}

/** A detector that, shown a chunk, reports the parts of the true spans it sees (truncated at its edges). */
function truncatingChunkDetector(spans: readonly DetectedPhi[]) {
  return async (chunk: { begin: number; end: number }) => ({
    entities: spans
      .filter((s) => s.begin < chunk.end && s.end > chunk.begin)
      .map((s) => ({
        ...s,
        begin: Math.max(s.begin, chunk.begin) - chunk.begin,
        end: Math.min(s.end, chunk.end) - chunk.begin,
      })),
    warnings: [],
  });
}

describe('chunk + rebase + merge', () => {
  test.prop([withSpans(20), fc.integer({ min: 64, max: 160 })])(
    'equals the unchunked result for truncated straddling spans',
    async ({ text, spans }, maxChunkBytes) => {
      const chunked = await detectInChunks(text, truncatingChunkDetector(spans), {
        maxChunkBytes,
        overlapBytes: Math.floor(maxChunkBytes / 4),
      });
      const whole = mergeSameType(spans);
      // Scores of merged pieces are the max of their members in both cases; compare spans and types.
      expect(chunked.entities.map(({ type, begin, end }) => ({ type, begin, end }))).toEqual(
        whole.map(({ type, begin, end }) => ({ type, begin, end })),
      );
    },
  );

  test.prop([withSpans(6)])(
    'equals the unchunked result when spans shorter than the overlap are reported only when whole',
    async ({ text, spans }) => {
      const maxChunkBytes = 96;
      const chunked = await detectInChunks(
        text,
        async (chunk) => ({
          entities: spans
            .filter((s) => s.begin >= chunk.begin && s.end <= chunk.end)
            .map((s) => ({ ...s, begin: s.begin - chunk.begin, end: s.end - chunk.begin })),
          warnings: [],
        }),
        { maxChunkBytes, overlapBytes: 24 },
      );
      expect(chunked.entities.map(({ type, begin, end }) => ({ type, begin, end }))).toEqual(
        mergeSameType(spans).map(({ type, begin, end }) => ({ type, begin, end })),
      );
    },
  );
});

const fixed = (entities: readonly DetectedPhi[]): PhiDetector => ({
  name: 'fixed',
  detect: async () => ({ entities, warnings: [] }),
});

describe('masked output', () => {
  test.prop([withSpans(15), fc.constantFrom('mask', 'redact', 'replace', 'vault', 'pseudonym' as const)])(
    'never contains a character of a masked span, and keeps everything else',
    async ({ text, spans }, action) => {
      const result = await new PhiMasker({ detector: fixed(spans), policy: { defaultAction: action } }).mask(text);
      let inCursor = 0;
      let outCursor = 0;
      for (const e of result.entities) {
        expect(result.text.slice(outCursor, e.output.begin)).toBe(text.slice(inCursor, e.input.begin));
        const replacement = result.text.slice(e.output.begin, e.output.end);
        if (action === 'mask' || action === 'redact') {
          // Mask characters and nothing else: no character of the span survives.
          const secret = new Set(text.slice(e.input.begin, e.input.end));
          for (const ch of replacement) expect(secret.has(ch)).toBe(false);
        } else {
          // Tokens are generated, never derived from the span's characters.
          expect(replacement).toBe(e.token);
          expect(replacement).toMatch(/^\[[A-Z_]+(?:_\d+|:v:[\w-]+)?\]$/);
        }
        inCursor = e.input.end;
        outCursor = e.output.end;
      }
      expect(result.text.slice(outCursor)).toBe(text.slice(inCursor));
      // Every input position inside some detected span is inside a reported entity.
      for (const s of spans) {
        expect(result.entities.some((e) => e.input.begin <= s.begin && s.end <= e.input.end)).toBe(true);
      }
    },
  );

  test.prop([withSpans(15)])('mask preserves length', async ({ text, spans }) => {
    const result = await new PhiMasker({ detector: fixed(spans), policy: { defaultAction: 'mask' } }).mask(text);
    expect(result.text.length).toBe(text.length);
    for (const e of result.entities) expect(e.output).toEqual(e.input);
  });
});

describe('code-point offsets before entities', () => {
  test.prop([fc.array(fc.constantFrom('😀', '中文', 'e\u0301', 'ñ', '👩‍⚕️', 'x '), { maxLength: 20 })])(
    'masks exactly the entity after emoji, CJK and combining marks',
    async (prefixParts) => {
      const prefix = prefixParts.join('');
      const text = `${prefix}Patient Jane Doe, DOB 2/11/1961.`;
      const cp = codePointLength(prefix);
      const response = {
        Entities: [
          { BeginOffset: cp + 8, EndOffset: cp + 16, Text: 'Jane Doe', Type: 'NAME', Score: 0.99 },
          { BeginOffset: cp + 22, EndOffset: cp + 31, Text: '2/11/1961', Type: 'DATE', Score: 0.99 },
        ],
      };
      const detection = parsePhiResponse(text, response, 'DetectPHI');
      expect(detection.warnings).toEqual([]);
      const masker = new PhiMasker({ detector: fixed([]), policy: { defaultAction: 'mask' } });
      const result = await masker.maskDetected(text, detection);
      expect(result.text).toBe(`${prefix}Patient ########, DOB #########.`);
    },
  );
});

describe('ComprehendMedicalPhiDetector: chunked equals unchunked, through code-point offsets', () => {
  // The mock "service" reports every run of X as a NAME, with code-point offsets, for whatever chunk it gets.
  const serviceAnswer = (input: { Text?: string }) => {
    const text = input.Text ?? '';
    const Entities = [...text.matchAll(/X+/g)].map((m) => {
      const begin = codePointLength(text.slice(0, m.index));
      return { BeginOffset: begin, EndOffset: begin + m[0].length, Text: m[0], Type: 'NAME', Score: 0.9 };
    });
    return { Entities, ModelVersion: 'mock' };
  };
  const textWithNames = fc
    .array(fc.constantFrom('a', ' ', '\n', '. ', 'é', '中', '😀', 'e\u0301', 'XXX', 'XXXXXXXX'), {
      minLength: 1,
      maxLength: 250,
    })
    .map((parts) => parts.join(''));

  test.prop([textWithNames, fc.integer({ min: 64, max: 200 })], { numRuns: 60 })(
    'same spans for any chunk budget',
    async (text, maxChunkBytes) => {
      const cm = mockClient(ComprehendMedicalClient);
      cm.on(DetectPHICommand).callsFake(serviceAnswer);
      const client = new ComprehendMedicalClient({});
      const whole = await new ComprehendMedicalPhiDetector({ client, rateLimiter: false }).detect(text);
      const chunked = await new ComprehendMedicalPhiDetector({
        client,
        rateLimiter: false,
        maxChunkBytes,
        overlapBytes: Math.floor(maxChunkBytes / 4),
      }).detect(text);
      expect(chunked.entities.map(({ begin, end }) => [begin, end])).toEqual(
        whole.entities.map(({ begin, end }) => [begin, end]),
      );
      for (const e of chunked.entities) expect(/^X+$/.test(text.slice(e.begin, e.end))).toBe(true);
      expect(chunked.warnings).toEqual([]);
      cm.restore();
    },
  );
});
