import { describe, expect, it } from 'vitest';
import { createSafeLogger, filterLogMeta } from '../../../src/kit/log.js';
import { recordingLogger, SENTINEL } from '../../helpers/sentinel.js';

describe('Function: filterLogMeta', () => {
  it('keeps allow-listed metadata and drops everything else', () => {
    expect(
      filterLogMeta({
        operation: 'DetectPHI',
        requestId: 'abc-123',
        chars: 120,
        retryable: false,
        text: SENTINEL,
        Text: 'x',
      }),
    ).toEqual({ operation: 'DetectPHI', requestId: 'abc-123', chars: 120, retryable: false });
  });

  it('drops allow-listed string keys whose value does not look like an identifier', () => {
    expect(filterLogMeta({ status: `done ${SENTINEL} and more`, jobId: 'x'.repeat(200), operation: 42 })).toEqual({});
  });

  it('drops numbers under string keys and strings under numeric keys', () => {
    expect(filterLogMeta({ chars: '120', requestId: 7 })).toEqual({});
    expect(filterLogMeta(undefined)).toEqual({});
  });
});

describe('Function: createSafeLogger', () => {
  it('is silent without a logger', () => {
    expect(() => createSafeLogger(undefined).error('x', { text: SENTINEL })).not.toThrow();
  });

  it('prefixes messages, filters metadata and survives a throwing logger', () => {
    const recorder = recordingLogger();
    const logger = createSafeLogger(recorder);
    logger.info('call succeeded', { operation: 'AnalyzeDocument', body: SENTINEL });
    expect(recorder.lines).toEqual(['info aws-ml-kit: call succeeded {"operation":"AnalyzeDocument"}']);
    const throwing = createSafeLogger({
      debug: () => {
        throw new Error('logger down');
      },
      info() {},
      warn() {},
      error() {},
    });
    expect(() => throwing.debug('x')).not.toThrow();
  });
});
