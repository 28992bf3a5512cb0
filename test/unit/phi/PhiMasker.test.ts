import { describe, expect, it } from 'vitest';
import {
  InMemoryTokenVault,
  type MaskResult,
  type PhiDetector,
  PhiMasker,
  PseudonymSession,
  type TokenVault,
} from '../../../src/phi/index.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';
import { literalDetector, ORIGINAL_POST_TERMS, originalPostNote, outsideSpans } from './helpers.js';

const KEY = new Uint8Array(32).fill(7);
const HMAC_KEY = new Uint8Array(32).fill(9);

function fixed(entities: Array<{ type: string; score: number; begin: number; end: number }>): PhiDetector {
  return { name: 'fixed', detect: async () => ({ entities, warnings: [] }) };
}

describe('PhiMasker on the original post note', () => {
  const note = originalPostNote();
  const detector = literalDetector(ORIGINAL_POST_TERMS);

  it('keeps every character outside the detected spans byte-identical', async () => {
    const masker = new PhiMasker({ detector, policy: { defaultAction: 'replace' } });
    const result = await masker.mask(note);
    for (const [before, after] of outsideSpans(note, result.text, result.entities)) expect(after).toBe(before);
    expect(new TextEncoder().encode(result.text.slice(result.entities.at(-1)!.output.end))).toEqual(
      new TextEncoder().encode(note.slice(result.entities.at(-1)!.input.end)),
    );
  });

  it('leaves "500 mg" intact although the age is 50 (the original design turned it into "<token>0 mg")', async () => {
    for (const defaultAction of ['mask', 'replace', 'vault', 'hmac'] as const) {
      const masker = new PhiMasker({ detector, policy: { defaultAction }, keys: { hmacKey: HMAC_KEY } });
      const result = await masker.mask(note);
      expect(result.text).toContain('Vicodin 5 mg – 500 mg oral tablet');
      expect(result.text).not.toContain('Age: 50');
    }
  });

  it('gives repeated names one pseudonym and different names different ones', async () => {
    const masker = new PhiMasker({ detector, policy: { defaultAction: 'mask', actions: { NAME: 'pseudonym' } } });
    const result = await masker.mask(note);
    const tokenOf = (value: string): Set<string> =>
      new Set(result.entities.filter((e) => note.slice(e.input.begin, e.input.end) === value).map((e) => e.token!));
    expect(tokenOf('Carlos').size).toBe(1);
    expect(note.split('Carlos').length - 1).toBe(2);
    const names = ['Carlos', 'Jorge', 'Diego', 'Saanvi Sarkar', 'Jackson', 'Mateo'].map((n) => [...tokenOf(n)][0]);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((t) => /^\[NAME_\d+\]$/.test(t ?? ''))).toBe(true);
  });

  it.each(['vault', 'encrypt', 'pseudonym'] as const)('round-trips exactly under %s', async (action) => {
    const masker = new PhiMasker({ detector, policy: { defaultAction: action }, keys: { encryptionKey: KEY } });
    const result = await masker.mask(note);
    expect(result.entities.length).toBeGreaterThan(20);
    expect(result.text).not.toContain('Carlos');
    expect(await masker.reidentify(result.text, result)).toBe(note);
  });

  it('keeps one vault row per emitted token and none orphaned', async () => {
    const rows: Array<{ scope: string; token: string }> = [];
    const vault: TokenVault = {
      put: async (entries) => {
        rows.push(...entries);
      },
      get: async () => new Map(),
    };
    const masker = new PhiMasker({ detector, policy: { defaultAction: 'vault' }, vault });
    const result = await masker.mask(note);
    const tokens = result.entities.map((e) => e.token!);
    expect(new Set(rows.map((r) => r.token))).toEqual(new Set(tokens));
    expect(rows).toHaveLength(new Set(tokens).size);
    for (const row of rows) expect(result.text).toContain(row.token);
    expect(rows.every((r) => r.scope === result.vaultScope)).toBe(true);
    expect(result.vaultScope).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('PhiMasker actions', () => {
  const text = 'Jane Doe, 50, 500 mg';
  const detector = fixed([
    { type: 'NAME', score: 0.99, begin: 0, end: 8 },
    { type: 'AGE', score: 0.9, begin: 10, end: 12 },
  ]);

  it.each([
    ['mask', '########, ##, 500 mg'],
    ['redact', ', , 500 mg'],
    ['replace', '[NAME], [AGE], 500 mg'],
    ['pseudonym', '[NAME_1], [AGE_1], 500 mg'],
    ['keep', text],
  ] as const)('%s', async (action, expected) => {
    const result = await new PhiMasker({ detector, policy: { defaultAction: action } }).mask(text);
    expect(result.text).toBe(expected);
    expect(result.entities.map((e) => e.action)).toEqual([action, action]);
  });

  it('uses a custom mask character and per-type actions', async () => {
    const masker = new PhiMasker({
      detector,
      policy: { defaultAction: 'mask', actions: { AGE: 'replace' }, maskCharacter: '*' },
    });
    expect((await masker.mask(text)).text).toBe('********, [AGE], 500 mg');
  });

  it('hmac is deterministic under one key and differs under another', async () => {
    const a = new PhiMasker({ detector, policy: { defaultAction: 'hmac' }, keys: { hmacKey: HMAC_KEY } });
    const b = new PhiMasker({ detector, policy: { defaultAction: 'hmac' }, keys: { hmacKey: KEY } });
    const [a1, a2, b1] = await Promise.all([a.mask(text), a.mask(text), b.mask(text)]);
    expect(a1.text).toBe(a2.text);
    expect(a1.text).not.toBe(b1.text);
    expect(a1.text).toMatch(/^\[NAME:h:[0-9a-f]{16}\], \[AGE:h:[0-9a-f]{16}\], 500 mg$/);
  });

  it('encrypt uses a fresh IV each time and fails to decrypt with another key', async () => {
    const masker = new PhiMasker({ detector, policy: { defaultAction: 'encrypt' }, keys: { encryptionKey: KEY } });
    const [r1, r2] = await Promise.all([masker.mask(text), masker.mask(text)]);
    expect(r1.text).not.toBe(r2.text);
    const other = new PhiMasker({
      detector,
      policy: { defaultAction: 'encrypt' },
      keys: { encryptionKey: new Uint8Array(32) },
    });
    await expect(other.reidentify(r1.text, r1)).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('reidentifies tokens after the surrounding text was edited', async () => {
    const masker = new PhiMasker({ detector, policy: { defaultAction: 'vault' } });
    const result = await masker.mask(text);
    const edited = `Summary: ${result.text.replace('500 mg', '250 mg')} (reviewed)`;
    expect(await masker.reidentify(edited, result)).toBe('Summary: Jane Doe, 50, 250 mg (reviewed)');
  });

  it('shares pseudonyms across documents through a session', async () => {
    const masker = new PhiMasker({ detector, policy: { defaultAction: 'pseudonym' } });
    const session = new PseudonymSession();
    const other = new PhiMasker({
      detector: fixed([{ type: 'NAME', score: 1, begin: 0, end: 4 }]),
      policy: { defaultAction: 'pseudonym' },
    });
    await other.mask('Mary', { pseudonyms: session });
    const result = await masker.mask(text, { pseudonyms: session });
    expect(result.text.startsWith('[NAME_2]')).toBe(true);
    expect(JSON.stringify(session)).not.toContain('Mary');
  });

  it('reports input and output spans', async () => {
    const result = await new PhiMasker({ detector, policy: { defaultAction: 'replace' } }).mask(text);
    expect(result.entities).toEqual([
      expect.objectContaining({
        type: 'NAME',
        input: { begin: 0, end: 8 },
        output: { begin: 0, end: 6 },
        token: '[NAME]',
      }),
      expect.objectContaining({ type: 'AGE', input: { begin: 10, end: 12 }, output: { begin: 8, end: 13 } }),
    ]);
  });
});

describe('PhiMasker policy', () => {
  it('ignores detections under minScore', async () => {
    const detector = fixed([
      { type: 'ADDRESS', score: 0.19, begin: 0, end: 5 },
      { type: 'NAME', score: 0.9, begin: 6, end: 10 },
    ]);
    const result = await new PhiMasker({ detector, policy: { defaultAction: 'mask', minScore: 0.5 } }).mask(
      'Paris Jane',
    );
    expect(result.text).toBe('Paris ####');
  });

  it('resolves overlaps to the union, never letting a longer low-score span shrink a high-score one', async () => {
    // Presidio keeps the longer span whatever its score; we mask the union and report both types.
    const detector = fixed([
      { type: 'ADDRESS', score: 0.3, begin: 0, end: 12 },
      { type: 'NAME', score: 0.95, begin: 8, end: 16 },
    ]);
    const masker = new PhiMasker({ detector, policy: { defaultAction: 'replace' } });
    const result = await masker.mask('Main St Jane Doe here');
    expect(result.text).toBe('[NAME] here');
    expect(result.entities[0]).toMatchObject({ type: 'NAME', types: ['NAME', 'ADDRESS'], score: 0.95 });
  });

  it('never keeps a span that overlaps one to be masked', async () => {
    const detector = fixed([
      { type: 'PROFESSION', score: 0.99, begin: 0, end: 7 },
      { type: 'NAME', score: 0.5, begin: 4, end: 12 },
    ]);
    const masker = new PhiMasker({ detector, policy: { defaultAction: 'mask', actions: { PROFESSION: 'keep' } } });
    expect((await masker.mask('teacher Jane!')).text).toBe('############!');
  });

  it('expands a partial phone hit to the whole number when asked', async () => {
    // The recorded AU response typed "0412 345" as ID, leaving " 678".
    const text = 'Contact number 0412 345 678. Next';
    const detector = fixed([{ type: 'ID', score: 0.383, begin: 15, end: 23 }]);
    const plain = await new PhiMasker({ detector, policy: { defaultAction: 'mask' } }).mask(text);
    expect(plain.text).toContain('######## 678');
    const expanded = await new PhiMasker({ detector, policy: { defaultAction: 'mask', expand: 'number' } }).mask(text);
    expect(expanded.text).toBe('Contact number ############. Next');
    const token = await new PhiMasker({
      detector: fixed([{ type: 'EMAIL', score: 1, begin: 5, end: 12 }]),
      policy: { defaultAction: 'replace', expand: 'token' },
    }).mask('mail jane.doe@example.org now');
    expect(token.text).toBe('mail [EMAIL] now');
  });

  it('uses the default action for unknown types and sanitises them in tokens', async () => {
    const detector = fixed([{ type: 'weird type!', score: 1, begin: 0, end: 3 }]);
    const result = await new PhiMasker({
      detector,
      policy: { defaultAction: 'replace', actions: { NAME: 'mask' } },
    }).mask('abc');
    expect(result.text).toBe('[WEIRD_TYPE_]');
  });

  it('combines several detectors as a union', async () => {
    const masker = new PhiMasker({
      detector: [
        fixed([{ type: 'NAME', score: 1, begin: 0, end: 4 }]),
        fixed([{ type: 'DATE', score: 1, begin: 5, end: 9 }]),
      ],
      policy: { defaultAction: 'replace' },
    });
    expect((await masker.mask('Jane 2020')).text).toBe('[NAME] [DATE]');
  });
});

describe('PhiMasker bad input', () => {
  const detector = fixed([]);
  const masker = new PhiMasker({ detector, policy: { defaultAction: 'mask' } });

  it('returns an empty result for empty text without calling the detector', async () => {
    const counting = literalDetector([]);
    const result = await new PhiMasker({ detector: counting, policy: { defaultAction: 'mask' } }).mask('');
    expect(result).toEqual({ text: '', entities: [], warnings: [] });
    expect(counting.calls).toBe(0);
  });

  it('rejects non-strings and lone surrogates with a ValidationError naming the field', async () => {
    await expect(masker.mask(42 as unknown as string)).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'text',
    });
    await expect(masker.mask(`a\uD800b ${SENTINEL}`)).rejects.toMatchObject({ name: 'ValidationError', field: 'text' });
  });

  it('rejects bad policies and missing keys at construction', () => {
    expect(() => new PhiMasker({ detector, policy: { defaultAction: 'shred' as never } })).toThrow(/defaultAction/);
    expect(() => new PhiMasker({ detector, policy: { defaultAction: 'mask', minScore: 2 } })).toThrow(/minScore/);
    expect(() => new PhiMasker({ detector, policy: { defaultAction: 'encrypt' } })).toThrow(/encryptionKey/);
    expect(() => new PhiMasker({ detector, policy: { defaultAction: 'hmac' } })).toThrow(/hmacKey/);
    expect(
      () =>
        new PhiMasker({ detector, policy: { defaultAction: 'encrypt' }, keys: { encryptionKey: new Uint8Array(16) } }),
    ).toThrow(/32 bytes/);
    expect(() => new PhiMasker({ detector, policy: { defaultAction: 'mask', maskCharacter: '##' } })).toThrow(
      /maskCharacter/,
    );
  });

  it('fails closed on offsets outside the text, without quoting it', async () => {
    const bad = new PhiMasker({
      detector: fixed([{ type: 'NAME', score: 1, begin: 3, end: 99 }]),
      policy: { defaultAction: 'mask' },
    });
    const error = await bad.mask(`Jane ${SENTINEL}`).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResponseShapeError' });
    expectNoSentinel([], error);
  });

  it('fails closed when the detector fails: no partial output', async () => {
    const failing: PhiDetector = {
      name: 'failing',
      detect: async () => {
        throw new Error('boom');
      },
    };
    await expect(new PhiMasker({ detector: failing, policy: { defaultAction: 'mask' } }).mask('x')).rejects.toThrow(
      'boom',
    );
  });

  it('fails closed when the vault cannot store, and keeps the vault error text out', async () => {
    const vault: TokenVault = {
      put: async (entries) => {
        throw new Error(`cannot store ${entries[0]!.value}`);
      },
      get: async () => new Map(),
    };
    const logger = recordingLogger();
    const m = new PhiMasker({
      detector: fixed([{ type: 'NAME', score: 1, begin: 0, end: SENTINEL.length }]),
      policy: { defaultAction: 'vault' },
      vault,
      logger,
    });
    const error = await m.mask(`${SENTINEL} was here`).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServiceError', service: 'TokenVault' });
    expectNoSentinel(logger.lines, error);
  });

  it('reidentify rejects a result whose tokens the vault does not hold', async () => {
    const m = new PhiMasker({
      detector: fixed([{ type: 'NAME', score: 1, begin: 0, end: 4 }]),
      policy: { defaultAction: 'vault' },
    });
    const result = await m.mask('Jane');
    const other = new PhiMasker({ detector, policy: { defaultAction: 'vault' }, vault: new InMemoryTokenVault() });
    await expect(other.reidentify(result.text, result)).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('honours an aborted signal with its own reason', async () => {
    const reason = new Error('stop');
    await expect(masker.mask('abc', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});

describe('PhiMasker.maskMany', () => {
  it('masks in input order with bounded concurrency and reports progress', async () => {
    let active = 0;
    let peak = 0;
    const detector: PhiDetector = {
      name: 'slow',
      detect: async (text) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        return { entities: [{ type: 'ID', score: 1, begin: 0, end: text.length }], warnings: [] };
      },
    };
    const masker = new PhiMasker({ detector, policy: { defaultAction: 'replace' } });
    const progress: number[] = [];
    const results = await masker.maskMany(['a', 'bb', 'ccc', 'dddd', 'e'], {
      concurrency: 2,
      onProgress: ({ done }) => progress.push(done),
    });
    expect(results.map((r: MaskResult) => r.text)).toEqual(['[ID]', '[ID]', '[ID]', '[ID]', '[ID]']);
    expect(peak).toBeLessThanOrEqual(2);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
  });

  it('fails closed on the first failure and never leaks the failing text', async () => {
    const logger = recordingLogger();
    const detector: PhiDetector = {
      name: 'picky',
      detect: async (text) => {
        if (text.includes(SENTINEL)) throw Object.assign(new Error('rejected'), { name: 'PickyError' });
        return { entities: [], warnings: [] };
      },
    };
    const masker = new PhiMasker({ detector, policy: { defaultAction: 'mask' }, logger });
    const error = await masker.maskMany(['ok', `bad ${SENTINEL}`, 'ok']).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PickyError' });
    expectNoSentinel(logger.lines, error);
  });
});

describe('PhiMasker deadlines', () => {
  it('rejects with a TimeoutError when timeoutMs passes during detection', async () => {
    const hanging: PhiDetector = {
      name: 'hanging',
      detect: (_t, options) =>
        new Promise((_resolve, reject) =>
          options?.signal?.addEventListener('abort', () => reject(options.signal?.reason)),
        ),
    };
    const masker = new PhiMasker({ detector: hanging, policy: { defaultAction: 'mask' } });
    await expect(masker.mask('Jane', { timeoutMs: 20 })).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect(masker.maskMany(['a', 'b'], { timeoutMs: 20 })).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('PhiMasker pseudonym spelling variants', () => {
  it('gives "Carlos" and "CARLOS" one pseudonym and still restores each exactly', async () => {
    const text = 'Carlos said CARLOS twice; carlos agreed.';
    const detector = fixed([
      { type: 'NAME', score: 1, begin: 0, end: 6 },
      { type: 'NAME', score: 1, begin: 12, end: 18 },
      { type: 'NAME', score: 1, begin: 26, end: 32 },
    ]);
    const masker = new PhiMasker({ detector, policy: { defaultAction: 'pseudonym' } });
    const result = await masker.mask(text);
    expect(result.text).toBe('[NAME_1] said [NAME_1] twice; [NAME_1] agreed.');
    expect(await masker.reidentify(result.text, result)).toBe(text);
    expect(await masker.reidentify(`${result.text} Edited.`, result)).toBe(
      'Carlos said Carlos twice; Carlos agreed. Edited.',
    );
  });
});
