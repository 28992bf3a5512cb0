/**
 * aws-ml-kit/phi
 *
 * @packageDocumentation
 */
