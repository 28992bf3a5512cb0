/**
 * Endpoint-specific typed errors on the kit hierarchy. Messages carry names, ids, sizes and statuses only: a
 * model container's `OriginalMessage` may quote the request, so it is never copied.
 *
 * @module
 */
import { type AwsMlKitErrorOptions, isAwsMlKitError, ServiceError, ValidationError } from '../kit/errors.js';

const PAYLOAD_BRAND = Symbol.for('aws-ml-kit.endpoints.PayloadTooLargeError');

const MODEL_ERROR_BRAND = Symbol.for('aws-ml-kit.endpoints.ModelInvocationError');
const EI_BRAND = Symbol.for('aws-ml-kit.endpoints.ElasticInferenceUnavailableError');

/**
 * The model container failed (`ModelError`, HTTP 424). Not retried: the same input fails again. Look in the
 * CloudWatch log stream named by `logStreamArn`.
 *
 * @example
 * ```ts
 * if (isModelInvocationError(e)) console.error(`container answered ${e.originalStatusCode}; logs: ${e.logStreamArn}`);
 * ```
 */
export class ModelInvocationError extends ServiceError {
  /** CloudWatch log stream of the container, when the service reported it. */
  readonly logStreamArn: string | undefined;
  /** The HTTP status the container itself returned. */
  readonly originalStatusCode: number | undefined;

  constructor(
    endpoint: string,
    details: { logStreamArn?: string | undefined; originalStatusCode?: number | undefined; httpStatusCode?: number },
    options: AwsMlKitErrorOptions & { operation?: string } = {},
  ) {
    const status = details.originalStatusCode === undefined ? '' : ` with status ${details.originalStatusCode}`;
    const logs = details.logStreamArn ? `; see log stream ${details.logStreamArn}` : '';
    super(`model on endpoint ${endpoint} failed${status} (ModelError, not retried)${logs}`, {
      ...options,
      service: 'SageMakerRuntime',
      operation: options.operation ?? 'InvokeEndpoint',
      errorName: 'ModelError',
      httpStatusCode: details.httpStatusCode ?? 424,
      retryable: false,
    });
    // Keeps the kit name, so `isServiceError` holds; `isModelInvocationError` tells it apart.
    this.name = 'ServiceError';
    this.logStreamArn = details.logStreamArn;
    this.originalStatusCode = details.originalStatusCode;
    Object.defineProperty(this, MODEL_ERROR_BRAND, { value: true });
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), logStreamArn: this.logStreamArn, originalStatusCode: this.originalStatusCode };
  }
}

/**
 * True for a {@link ModelInvocationError}, even from another copy of the package.
 *
 * @example
 * ```ts
 * if (isModelInvocationError(e)) console.error(e.logStreamArn);
 * ```
 */
export function isModelInvocationError(value: unknown): value is ModelInvocationError {
  return isAwsMlKitError(value) && (value as unknown as Record<symbol, unknown>)[MODEL_ERROR_BRAND] === true;
}

/** Where to go instead of Elastic Inference. */
export const EI_MIGRATION_HINT =
  'Amazon Elastic Inference is no longer available (no new customers since 15 April 2023); host the model on ' +
  'AWS Inferentia (ml.inf1/ml.inf2 with the Neuron SDK), on Graviton CPU instances (ml.c7g), or on a GPU ' +
  'instance (ml.g4dn/ml.g5) and remove AcceleratorType from the production variant';

/**
 * An endpoint configuration asks for an Elastic Inference accelerator (`AcceleratorType`). Refused before any
 * request, with a migration hint.
 *
 * @example
 * ```ts
 * if (isElasticInferenceUnavailableError(e)) console.error(e.variantName, e.acceleratorType, e.message);
 * ```
 */
export class ElasticInferenceUnavailableError extends ValidationError {
  /** The production variant that carries the accelerator. */
  readonly variantName: string | undefined;
  /** The accelerator type asked for, e.g. `ml.eia2.medium`. */
  readonly acceleratorType: string;

  constructor(field: string, acceleratorType: string, variantName: string | undefined) {
    super(field, `must not be set (${acceleratorType}): ${EI_MIGRATION_HINT}`);
    // Keeps the kit name, so `isValidationError` holds; `isElasticInferenceUnavailableError` tells it apart.
    this.name = 'ValidationError';
    this.variantName = variantName;
    this.acceleratorType = acceleratorType;
    Object.defineProperty(this, EI_BRAND, { value: true });
  }
}

/**
 * True for an {@link ElasticInferenceUnavailableError}.
 *
 * @example
 * ```ts
 * if (isElasticInferenceUnavailableError(e)) console.error(e.message); // names the migration targets
 * ```
 */
export function isElasticInferenceUnavailableError(value: unknown): value is ElasticInferenceUnavailableError {
  return isAwsMlKitError(value) && (value as unknown as Record<symbol, unknown>)[EI_BRAND] === true;
}

/**
 * A request body over the endpoint's payload limit, refused before sending. The batcher splits a batch that
 * fails this way; a single item that is too large is answered with it.
 *
 * @example
 * ```ts
 * if (isPayloadTooLargeError(e)) console.error(`${e.bytes} bytes > ${e.limitBytes}`);
 * ```
 */
export class PayloadTooLargeError extends ValidationError {
  /** Size of the refused body. */
  readonly bytes: number;
  /** The limit it exceeded. */
  readonly limitBytes: number;

  constructor(field: string, bytes: number, limitBytes: number, what = 'the InvokeEndpoint payload limit') {
    super(field, `must be at most ${limitBytes} bytes (${what}), got ${bytes}`);
    // Keeps the kit name, so `isValidationError` holds; `isPayloadTooLargeError` tells it apart.
    this.name = 'ValidationError';
    this.bytes = bytes;
    this.limitBytes = limitBytes;
    Object.defineProperty(this, PAYLOAD_BRAND, { value: true });
  }
}

/**
 * True for a {@link PayloadTooLargeError}.
 *
 * @example
 * ```ts
 * if (isPayloadTooLargeError(e)) await sendInHalves();
 * ```
 */
export function isPayloadTooLargeError(value: unknown): value is PayloadTooLargeError {
  return isAwsMlKitError(value) && (value as unknown as Record<symbol, unknown>)[PAYLOAD_BRAND] === true;
}
