/**
 * Input checks shared by the transports and clients: names, header values, timeouts. Each failure is a
 * `ValidationError` naming the field and the rule; values are quoted only when they are identifiers.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import type { InvokeRequest } from './EndpointTransport.js';
import { ENDPOINT_NAME_PATTERN, SAGEMAKER_RUNTIME_LIMITS, VISIBLE_ASCII } from './limits.js';

/**
 * Checks a SageMaker endpoint name.
 *
 * @example
 * ```ts
 * checkEndpointName('bert-base-inf1'); // ok
 * ```
 */
export function checkEndpointName(name: unknown, field = 'endpointName'): string {
  if (typeof name !== 'string' || name.length === 0) throw new ValidationError(field, 'must be a non-empty string');
  if (name.length > SAGEMAKER_RUNTIME_LIMITS.maxEndpointNameChars || !ENDPOINT_NAME_PATTERN.test(name)) {
    throw new ValidationError(
      field,
      `must match ${ENDPOINT_NAME_PATTERN.source} and have at most ${SAGEMAKER_RUNTIME_LIMITS.maxEndpointNameChars} characters (got ${name.length} characters)`,
    );
  }
  return name;
}

const HEADER_FIELDS = [
  'contentType',
  'accept',
  'customAttributes',
  'targetModel',
  'targetVariant',
  'inferenceComponentName',
  'inferenceId',
] as const;

/**
 * Checks the header fields of a request: strings of at most 1024 visible ASCII characters (inference ids 1–64).
 *
 * @example
 * ```ts
 * checkRequestHeaders({ body, customAttributes: 'tfs-method=classify' }, 'request');
 * ```
 */
export function checkRequestHeaders(request: Omit<InvokeRequest, 'body'>, field: string): void {
  for (const key of HEADER_FIELDS) {
    const value = request[key];
    if (value === undefined) continue;
    const max = key === 'inferenceId' ? 64 : SAGEMAKER_RUNTIME_LIMITS.maxHeaderChars;
    if (typeof value !== 'string' || value.length === 0 || value.length > max || !VISIBLE_ASCII.test(value)) {
      throw new ValidationError(
        `${field}.${key}`,
        `must be 1 to ${max} visible US-ASCII characters (got ${typeof value === 'string' ? `${value.length} characters` : typeof value})`,
      );
    }
  }
}

/**
 * Checks an optional timeout.
 *
 * @example
 * ```ts
 * checkTimeout(5_000, 'options.timeoutMs');
 * ```
 */
export function checkTimeout(timeoutMs: unknown, field: string): number | undefined {
  if (timeoutMs === undefined) return undefined;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new ValidationError(field, `must be a positive number of milliseconds, got ${String(timeoutMs)}`);
  }
  return timeoutMs;
}
