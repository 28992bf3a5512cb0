import { describe, expect, it } from 'vitest';
import {
  AwsMlKitError,
  isAwsMlKitError,
  isJobFailedError,
  isLimitError,
  isMissingDependencyError,
  isResponseShapeError,
  isServiceError,
  isValidationError,
  isWaitTimeoutError,
  JobFailedError,
  LimitError,
  MissingDependencyError,
  ResponseShapeError,
  ServiceError,
  ValidationError,
  WaitTimeoutError,
} from '../../../src/kit/errors.js';

describe('Error hierarchy', () => {
  const cases = [
    [new ValidationError('options.x', 'must be positive'), isValidationError, 'VALIDATION'],
    [new ServiceError('boom', { service: 'Textract', operation: 'AnalyzeDocument' }), isServiceError, 'SERVICE'],
    [new JobFailedError('job-1', 'FAILED', 'bad file'), isJobFailedError, 'JOB_FAILED'],
    [new WaitTimeoutError('job-1', 1500), isWaitTimeoutError, 'WAIT_TIMEOUT'],
    [new LimitError('Text', 'too big'), isLimitError, 'LIMIT'],
    [new ResponseShapeError('Textract', 'Blocks[0]', 'has no Id'), isResponseShapeError, 'RESPONSE_SHAPE'],
    [
      new MissingDependencyError('@aws-sdk/client-textract', 'TextractOcr'),
      isMissingDependencyError,
      'MISSING_DEPENDENCY',
    ],
  ] as const;

  it.each(cases)('%s: has its name, code, brand and its own guard only', (error, guard, code) => {
    expect(error).toBeInstanceOf(AwsMlKitError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.name).toBe(error.constructor.name);
    expect(isAwsMlKitError(error)).toBe(true);
    expect(guard(error)).toBe(true);
    const otherGuards = cases.map(([, g]) => g).filter((g) => g !== guard);
    for (const other of otherGuards) expect(other(error)).toBe(false);
  });

  it('guards recognise errors from another copy of the package by brand, and reject look-alikes', () => {
    const foreign = Object.assign(new Error('x'), { name: 'ServiceError' });
    expect(isServiceError(foreign)).toBe(false);
    const branded = Object.assign(new Error('x'), { name: 'ServiceError', [Symbol.for('aws-ml-kit.error')]: true });
    expect(isServiceError(branded)).toBe(true);
    expect(isAwsMlKitError(null)).toBe(false);
    expect(isAwsMlKitError('ValidationError')).toBe(false);
  });

  it('keeps the cause but not in JSON, and serialises metadata only', () => {
    const cause = Object.assign(new Error('raw body'), { $response: { body: 'secret' } });
    const error = new ServiceError('Textract.AnalyzeDocument failed', {
      service: 'Textract',
      operation: 'AnalyzeDocument',
      errorName: 'ThrottlingException',
      httpStatusCode: 400,
      requestId: 'req-1',
      retryable: true,
      cause,
    });
    expect(error.cause).toBe(cause);
    const json = JSON.stringify(error);
    expect(json).not.toContain('secret');
    expect(JSON.parse(json)).toMatchObject({
      name: 'ServiceError',
      code: 'SERVICE',
      requestId: 'req-1',
      retryable: true,
      errorName: 'ThrottlingException',
    });
  });

  it('ValidationError names the field and the rule in its message', () => {
    const error = new ValidationError('options.maxChunkBytes', 'must be an integer between 1 and 20000, got 0');
    expect(error.message).toBe('options.maxChunkBytes must be an integer between 1 and 20000, got 0');
    expect(error.field).toBe('options.maxChunkBytes');
  });

  it('MissingDependencyError tells which package to install', () => {
    expect(new MissingDependencyError('@aws-sdk/client-textract', 'TextractOcr').message).toContain(
      'npm install @aws-sdk/client-textract',
    );
  });
});
