/**
 * aws-ml-kit/ocr
 *
 * @packageDocumentation
 */
export {};
