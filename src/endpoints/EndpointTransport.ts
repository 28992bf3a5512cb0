/**
 * The one seam between the endpoint clients and the wire: a SageMaker endpoint (`SageMakerRuntimeInvoker`), a
 * TensorFlow Serving REST server (`TfServingRestTransport`) or anything of your own that moves bytes.
 *
 * @module
 */

/** One request body and its headers. */
export interface InvokeRequest {
  /** The encoded body. */
  readonly body: Uint8Array;
  /** `Content-Type`. */
  readonly contentType?: string | undefined;
  /** `Accept`. */
  readonly accept?: string | undefined;
  /** `X-Amzn-SageMaker-Custom-Attributes` (e.g. `tfs-method=classify`), ≤ 1024 visible ASCII characters. */
  readonly customAttributes?: string | undefined;
  /** Multi-model endpoints: the model artefact, e.g. `model-a.tar.gz`. */
  readonly targetModel?: string | undefined;
  /** The production variant to hit. */
  readonly targetVariant?: string | undefined;
  /** Inference component name (endpoints hosting components). */
  readonly inferenceComponentName?: string | undefined;
  /** Your id for this inference (1–64 characters), for tracing in logs. */
  readonly inferenceId?: string | undefined;
}

/** The answer. */
export interface InvokeResponse {
  /** The response body. */
  readonly body: Uint8Array;
  /** Its content type. */
  readonly contentType: string | undefined;
  /** Custom attributes echoed by the container. */
  readonly customAttributes: string | undefined;
  /** The production variant that answered. */
  readonly invokedProductionVariant: string | undefined;
  /** The AWS request id (SageMaker) or `undefined`. */
  readonly requestId: string | undefined;
}

/** Per-call options. */
export interface InvokeCallOptions {
  /** Cancels the call; it rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** Deadline for the whole call (retries included); it rejects with a `TimeoutError` DOMException. */
  readonly timeoutMs?: number | undefined;
}

/**
 * Moves one body to a model and back. Implementations validate limits before sending, retry what is worth
 * retrying, and reject only with aws-ml-kit errors or the signal's reason.
 */
export interface EndpointTransport {
  /** What is called, for errors and logs (an endpoint name or a model name; never a payload). */
  readonly target: string;
  /** Largest request body accepted, in bytes. */
  readonly maxPayloadBytes: number;
  /** Sends one request. */
  invoke(request: InvokeRequest, options?: InvokeCallOptions): Promise<InvokeResponse>;
  /** Sends one request and yields the response body in parts as they arrive, when supported. */
  invokeStream?(request: InvokeRequest, options?: InvokeCallOptions): AsyncIterable<Uint8Array>;
  /** Frees what the transport created (a client it built). */
  destroy?(): void;
}
