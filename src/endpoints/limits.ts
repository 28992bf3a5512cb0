/**
 * SageMaker runtime limits as data, with their source, so a quota change is an override rather than a patch.
 *
 * @module
 */

/** Limits of SageMaker `InvokeEndpoint` and `InvokeEndpointWithResponseStream` that the client checks. */
export interface SageMakerRuntimeLimits {
  /** Largest request body of `InvokeEndpoint`, in bytes (the model's `BodyBlob`: 6 MiB). */
  readonly maxPayloadBytes: number;
  /**
   * Largest request body of `InvokeEndpointWithResponseStream`, in bytes. The service model uses the same
   * `BodyBlob` shape (6 MiB); a 25 MB figure circulates for streaming but we could not confirm it from a primary
   * source, so the default stays at the model's limit. Raise it if your account's documentation says otherwise.
   */
  readonly maxStreamPayloadBytes: number;
  /** Longest `CustomAttributes`, `ContentType`, `Accept`, `TargetModel` header value (visible ASCII). */
  readonly maxHeaderChars: number;
  /** Longest endpoint name. */
  readonly maxEndpointNameChars: number;
  /** The container must answer `/invocations` within this time. */
  readonly containerTimeoutMs: number;
  /** Where the numbers come from. */
  readonly source: string;
}

/** Defaults of {@link SageMakerRuntimeLimits}. */
export const SAGEMAKER_RUNTIME_LIMITS: SageMakerRuntimeLimits = Object.freeze({
  maxPayloadBytes: 6_291_456,
  maxStreamPayloadBytes: 6_291_456,
  maxHeaderChars: 1024,
  maxEndpointNameChars: 63,
  containerTimeoutMs: 60_000,
  source: 'sagemaker-runtime 2017-05-13 service model (BodyBlob, header shapes); "How containers serve requests"',
});

/** SageMaker endpoint names: `^[a-zA-Z0-9](-*[a-zA-Z0-9])*`, at most 63 characters. */
export const ENDPOINT_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;

/** Visible US-ASCII, as the service requires for header values. */
export const VISIBLE_ASCII = /^[\x20-\x7e]*$/;
