import { describe, expect, it } from 'vitest';
import { OffsetMap } from '../../../src/kit/offsets.js';
import { type PhiDetector, PhiMasker, parsePhiResponse, resolveServiceEntity } from '../../../src/phi/index.js';
import { fixture } from './helpers.js';

const none: PhiDetector = { name: 'none', detect: async () => ({ entities: [], warnings: [] }) };
const masker = new PhiMasker({ detector: none, policy: { defaultAction: 'replace' } });

describe('recorded Comprehend Medical responses', () => {
  it('AU note: all six offsets verify; the truncated low-score phone leaks unless expanded', async () => {
    const { inputText, response } = fixture('detectphi-au-note-recorded.json');
    const detection = parsePhiResponse(inputText, response, 'DetectPHI');
    expect(detection.warnings).toEqual([]);
    expect(detection.entities).toHaveLength(6);
    for (const [i, e] of detection.entities.entries())
      expect(inputText.slice(e.begin, e.end)).toBe(response.Entities[i]!.Text);
    const plain = await masker.maskDetected(inputText, detection);
    expect(plain.text).toContain('Contact number [ID] 678.');
    const expanding = new PhiMasker({ detector: none, policy: { defaultAction: 'replace', expand: 'number' } });
    const expanded = await expanding.maskDetected(inputText, detection);
    expect(expanded.text).toContain('Contact number [ID].');
    expect(expanded.text).toBe(
      'Patient [NAME], DOB [DATE], presented to [ADDRESS] on [DATE]\nwith chest pain. Contact number [ID]. Attending physician: Dr. [NAME].\n',
    );
  });

  it('Carlos Salazar: offsets verify; a 0.196 ADDRESS is masked by default and dropped at minScore 0.5', async () => {
    const { inputText, response } = fixture('detectphi-carlos-salazar.json');
    const detection = parsePhiResponse(inputText, response, 'DetectPHI');
    expect(detection.warnings).toEqual([]);
    expect((await masker.maskDetected(inputText, detection)).text).toBe(
      'Patient [NAME] presented with rash on his upper extremities and dry cough. He lives at [ADDRESS] where he works from his home as a [PROFESSION].',
    );
    const strict = new PhiMasker({ detector: none, policy: { defaultAction: 'replace', minScore: 0.5 } });
    expect((await strict.maskDetected(inputText, detection)).text).toContain(
      'He lives at 100 Main Street, Anytown, USA',
    );
  });

  it('INCONSISTENT aws-cli example: every wrong offset is detected, widened to cover the real text, and reported', async () => {
    const { inputText, response } = fixture('detectphi-awscli-doc-example-INCONSISTENT.json');
    const detection = parsePhiResponse(inputText, response, 'DetectPHI');
    expect(detection.warnings.map((w) => w.code)).toEqual(['OFFSET_MISMATCH', 'OFFSET_MISMATCH', 'OFFSET_MISMATCH']);
    const result = await masker.maskDetected(inputText, detection);
    // Trusting the offsets would have left "r" of Salazar, most of the address and "carpenter" readable.
    for (const secret of ['Salazar', 'Carlos', 'Main Street', 'Anytown', 'carpenter'])
      expect(result.text).not.toContain(secret);
    expect(result.text.startsWith('Patient [NAME] presented with rash')).toBe(true);
  });

  it('PARTLY-INCONSISTENT awsdocs example: four entities verify, Washington is relocated and reported', async () => {
    const { inputText, response } = fixture('detectphi-awsdocs-john-smith-PARTLY-INCONSISTENT.json');
    const detection = parsePhiResponse(inputText, response, 'DetectPHI');
    expect(detection.warnings).toEqual([{ code: 'OFFSET_MISMATCH', type: 'ADDRESS', span: { begin: 70, end: 80 } }]);
    const result = await masker.maskDetected(inputText, detection);
    expect(result.text).toBe('Patient is [NAME], a [AGE]-year-old [PROFESSION] and resident of [ADDRESS], [ADDRESS].');
  });

  it('DetectEntities output: only PROTECTED_HEALTH_INFORMATION entities are masked', async () => {
    const { inputText, response } = fixture('detectentities-v1-mixed-phi.json');
    const detection = parsePhiResponse(inputText, response, 'DetectEntities');
    expect(detection.entities.map((e) => e.type)).toEqual(['AGE', 'PROFESSION']);
    expect((await masker.maskDetected(inputText, detection)).text).toBe(
      'Pt is [AGE] mother, [PROFESSION]. HPI : Sleeping trouble on present dosage of Clonidine.',
    );
  });
});

describe('resolveServiceEntity', () => {
  const map = new OffsetMap('Jane met Jane');

  it('uses the occurrence nearest to the wrong offsets and keeps both when apart', () => {
    expect(
      resolveServiceEntity(map, { BeginOffset: 7, EndOffset: 11, Text: 'Jane' }, 'DetectPHI', 'Entities[0]'),
    ).toEqual({
      spans: [{ begin: 7, end: 13 }],
      warning: 'OFFSET_MISMATCH',
    });
    expect(
      resolveServiceEntity(map, { BeginOffset: 4, EndOffset: 7, Text: 'Jane' }, 'DetectPHI', 'Entities[0]'),
    ).toEqual({
      spans: [{ begin: 0, end: 7 }],
      warning: 'OFFSET_MISMATCH',
    });
  });

  it('masks the given offsets when the text is nowhere, and uses unverified offsets without Text', () => {
    expect(resolveServiceEntity(map, { BeginOffset: 0, EndOffset: 4, Text: 'Mary' }, 'DetectPHI', 'E')).toEqual({
      spans: [{ begin: 0, end: 4 }],
      warning: 'TEXT_NOT_FOUND',
    });
    expect(resolveServiceEntity(map, { BeginOffset: 0, EndOffset: 4 }, 'DetectPHI', 'E')).toEqual({
      spans: [{ begin: 0, end: 4 }],
      warning: 'UNVERIFIED',
    });
  });

  it('clamps offsets past the end and locates the text', () => {
    expect(resolveServiceEntity(map, { BeginOffset: 9, EndOffset: 40, Text: 'Jane' }, 'DetectPHI', 'E')).toEqual({
      spans: [{ begin: 9, end: 13 }],
      warning: 'OFFSET_MISMATCH',
    });
  });

  it('masks every occurrence when offsets are missing altogether', () => {
    expect(resolveServiceEntity(map, { Text: 'Jane' }, 'DetectPHI', 'E')).toEqual({
      spans: [
        { begin: 0, end: 4 },
        { begin: 9, end: 13 },
      ],
      warning: 'OFFSET_MISMATCH',
    });
  });

  it('merges overlapping occurrences into one span when offsets are missing', () => {
    const repeated = new OffsetMap('ID 1111 end');
    expect(resolveServiceEntity(repeated, { Text: '11' }, 'DetectPHI', 'E')).toEqual({
      spans: [{ begin: 3, end: 7 }],
      warning: 'OFFSET_MISMATCH',
    });
  });

  it('throws a ResponseShapeError without quoting text when nothing is usable', () => {
    expect(() => resolveServiceEntity(map, { Text: 'Mary' }, 'DetectPHI', 'Entities[2]')).toThrow(
      expect.objectContaining({ name: 'ResponseShapeError', message: expect.not.stringContaining('Mary') }),
    );
    expect(() => resolveServiceEntity(map, {}, 'DetectPHI', 'Entities[2]')).toThrow(/Entities\[2\]/);
  });

  it('rejects a response without Entities', () => {
    expect(() => parsePhiResponse('x', {} as never, 'DetectPHI')).toThrow(/Entities/);
  });

  it('flags a PaginationToken as truncated', () => {
    expect(parsePhiResponse('x', { Entities: [], PaginationToken: 'more' }, 'DetectPHI').truncated).toBe(true);
  });
});
