/**
 * aws-ml-kit/polly — being built; see the open issue for this feature.
 *
 * @packageDocumentation
 */
export {};
