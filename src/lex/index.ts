/**
 * aws-ml-kit/lex
 *
 * @packageDocumentation
 */
export {};
