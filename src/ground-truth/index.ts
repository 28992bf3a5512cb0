/**
 * aws-ml-kit/ground-truth — being built; see the open issue for this feature.
 *
 * @packageDocumentation
 */
export {};
