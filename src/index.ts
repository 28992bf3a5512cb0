/**
 * aws-ml-kit: typed building blocks for AWS machine-learning patterns.
 *
 * The root entry holds what every feature shares — the error hierarchy and guards, offsets, rate limiting,
 * backoff, cancellation helpers, the logger contract — and the pure geometry primitives. It imports no AWS SDK
 * package. Features live in subpaths: `aws-ml-kit/textract`, `aws-ml-kit/testing`, …
 *
 * @packageDocumentation
 */

export * from './geometry/index.js';
export * from './kit/index.js';
