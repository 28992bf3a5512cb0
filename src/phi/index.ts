/**
 * aws-ml-kit/phi
 *
 * @packageDocumentation
 */
export {};
