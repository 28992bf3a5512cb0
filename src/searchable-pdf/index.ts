/**
 * aws-ml-kit/searchable-pdf
 *
 * @packageDocumentation
 */
