/**
 * aws-ml-kit/textract
 *
 * @packageDocumentation
 */
export {};
