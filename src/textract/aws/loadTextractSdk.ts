/**
 * Lazy loading of the optional SDK packages: one dynamic `import()` per package, on first use, and a
 * `MissingDependencyError` naming the package when it is not installed.
 *
 * @module
 */
import { isModuleNotFound } from '../../kit/clients.js';
import { MissingDependencyError } from '../../kit/errors.js';

export const TEXTRACT_PACKAGE = '@aws-sdk/client-textract';
export const S3_PACKAGE = '@aws-sdk/client-s3';

/** The `@aws-sdk/client-textract` module. */
export type TextractSdk = typeof import('@aws-sdk/client-textract');
/** The `@aws-sdk/client-s3` module. */
export type S3Sdk = typeof import('@aws-sdk/client-s3');

let textractSdk: Promise<TextractSdk> | undefined;
let s3Sdk: Promise<S3Sdk> | undefined;

/**
 * Loads `@aws-sdk/client-textract` once.
 *
 * @example
 * ```ts
 * const { DetectDocumentTextCommand } = await loadTextractSdk();
 * ```
 */
export function loadTextractSdk(): Promise<TextractSdk> {
  textractSdk ??= loadSdk(() => import('@aws-sdk/client-textract'), TEXTRACT_PACKAGE, 'TextractOcr').catch((e) => {
    textractSdk = undefined;
    throw e;
  });
  return textractSdk;
}

/**
 * Loads `@aws-sdk/client-s3` once.
 *
 * @example
 * ```ts
 * const { PutObjectCommand } = await loadS3Sdk();
 * ```
 */
export function loadS3Sdk(): Promise<S3Sdk> {
  s3Sdk ??= loadSdk(() => import('@aws-sdk/client-s3'), S3_PACKAGE, 'TextractOcr (option s3)').catch((e) => {
    s3Sdk = undefined;
    throw e;
  });
  return s3Sdk;
}

/**
 * Runs a dynamic `import()`; a missing package becomes a {@link MissingDependencyError} naming it.
 *
 * @example
 * ```ts
 * const sdk = await loadSdk(() => import('@aws-sdk/client-textract'), '@aws-sdk/client-textract', 'TextractOcr');
 * ```
 */
export async function loadSdk<T>(load: () => Promise<T>, packageName: string, feature: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isModuleNotFound(error)) throw new MissingDependencyError(packageName, feature, { cause: error });
    throw error;
  }
}
