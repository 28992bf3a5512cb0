/**
 * aws-ml-kit/endpoints — being built; see the open issue for this feature.
 *
 * @packageDocumentation
 */
export {};
