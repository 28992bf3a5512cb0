/**
 * aws-ml-kit/transcribe — being built; see the open issue for this feature.
 *
 * @packageDocumentation
 */
export {};
