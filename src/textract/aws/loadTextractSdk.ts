/**
 * Lazy loading of the optional SDK packages: one dynamic `import()` per package, on first use, and a
 * `MissingDependencyError` naming the package when it is not installed.
 *
 * @module
 */
import { importOptional, loadOnce } from '../../kit/clients.js';

/** The npm package `TextractOcr` needs. */
export const TEXTRACT_PACKAGE = '@aws-sdk/client-textract';
/** The npm package `TextractOcr` needs for its `s3` option. */
export const S3_PACKAGE = '@aws-sdk/client-s3';

/** The `@aws-sdk/client-textract` module. */
export type TextractSdk = typeof import('@aws-sdk/client-textract');
/** The `@aws-sdk/client-s3` module. */
export type S3Sdk = typeof import('@aws-sdk/client-s3');

/**
 * Loads `@aws-sdk/client-textract` once.
 *
 * @example
 * ```ts
 * const { DetectDocumentTextCommand } = await loadTextractSdk();
 * ```
 */
export const loadTextractSdk: () => Promise<TextractSdk> = loadOnce(() =>
  importOptional(() => import('@aws-sdk/client-textract'), TEXTRACT_PACKAGE, 'TextractOcr'),
);

/**
 * Loads `@aws-sdk/client-s3` once.
 *
 * @example
 * ```ts
 * const { PutObjectCommand } = await loadS3Sdk();
 * ```
 */
export const loadS3Sdk: () => Promise<S3Sdk> = loadOnce(() =>
  importOptional(() => import('@aws-sdk/client-s3'), S3_PACKAGE, 'TextractOcr (option s3)'),
);
