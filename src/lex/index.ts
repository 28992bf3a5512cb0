/**
 * aws-ml-kit/lex
 *
 * @packageDocumentation
 */
