import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/kit/errors.js';
import {
  LEX_LIMITS,
  validateCheckpointLabel,
  validateName,
  validateSessionId,
  validateText,
  validateUserId,
} from '../../../src/lex/index.js';

function errorOf(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('validateCheckpointLabel', () => {
  it.each(['windowSelection', 'a', 'A-1', 'x'.repeat(255), 'None'])('accepts %s', (label) => {
    expect(() => validateCheckpointLabel(label)).not.toThrow();
  });

  it.each(['', 'window_selection', 'window.selection', 'window selection', 'x'.repeat(256), 'é'])(
    'rejects %j naming the rule and not echoing the label',
    (label) => {
      const error = errorOf(() => validateCheckpointLabel(label));
      expect(isValidationError(error)).toBe(true);
      expect(error).toMatchObject({ field: 'label', rule: expect.stringContaining('[a-zA-Z0-9-]{1,255}') });
      if (label.length > 1) expect((error as Error).message).not.toContain(label);
    },
  );

  it('rejects non-strings', () => {
    expect(() => validateCheckpointLabel(42, 'opts.label')).toThrow(/opts.label must be a string, got number/);
  });

  test.prop([fc.string({ minLength: 1, maxLength: 300 })])('agrees with the Lex pattern', (label) => {
    const ok = /^[a-zA-Z0-9-]+$/.test(label) && label.length <= 255;
    expect(errorOf(() => validateCheckpointLabel(label)) === undefined).toBe(ok);
  });
});

describe('validateUserId / validateSessionId', () => {
  it.each(['ab', 'abc1234', 'user.name:42-x_y'.replace('_', '.'), 'u'.repeat(100)])('accepts %s', (id) => {
    expect(() => validateUserId(id)).not.toThrow();
    expect(() => validateSessionId(id)).not.toThrow();
  });
  it.each(['a', 'u'.repeat(101), 'has space', 'emoji🙂', 'slash/x'])('rejects %j', (id) => {
    expect(errorOf(() => validateUserId(id))).toMatchObject({
      field: 'userId',
      rule: expect.stringContaining('2-100'),
    });
    expect(errorOf(() => validateSessionId(id))).toMatchObject({ field: 'sessionId' });
  });
  it('rejects a missing id', () => {
    expect(() => validateUserId(undefined)).toThrow(/got undefined/);
  });
});

describe('validateText', () => {
  it('accepts 1 to 1,024 characters, counting UTF-16 code units as Lex V2 does', () => {
    expect(() => validateText('x')).not.toThrow();
    expect(() => validateText('x'.repeat(LEX_LIMITS.maxTextChars))).not.toThrow();
    expect(() => validateText('🙂'.repeat(512))).not.toThrow();
    expect(() => validateText('🙂'.repeat(513))).toThrow(/must be at most 1024 characters, got 1026/);
  });
  it('rejects empty, blank, too long and non-string text without quoting it', () => {
    expect(() => validateText('')).toThrow(/text must not be empty or blank/);
    expect(() => validateText(' \n\t')).toThrow(/must not be empty or blank/);
    const error = errorOf(() => validateText('secret '.repeat(200)));
    expect(error).toMatchObject({ rule: 'must be at most 1024 characters, got 1400' });
    expect((error as Error).message).not.toContain('secret');
    expect(() => validateText(null)).toThrow(/must be a string, got object/);
  });
});

describe('validateName', () => {
  it('requires a non-empty string of at most 100 characters', () => {
    expect(() => validateName('OrderWindows', 'intentName')).not.toThrow();
    expect(() => validateName('', 'intentName')).toThrow(/intentName must be a non-empty string/);
    expect(() => validateName('x'.repeat(101), 'botName')).toThrow(/botName/);
  });
});
