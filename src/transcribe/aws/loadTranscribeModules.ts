/**
 * Lazy loading of the optional peers the Transcribe adapter uses.
 *
 * @module
 */
import { importOptional, loadOnce } from '../../kit/clients.js';

type ClientModule = typeof import('@aws-sdk/client-transcribe-streaming');
type SignatureModule = typeof import('@smithy/signature-v4');
type CodecModule = typeof import('@smithy/eventstream-codec');

const loadClient = loadOnce(() => import('@aws-sdk/client-transcribe-streaming'));
const loadSignature = loadOnce(() => import('@smithy/signature-v4'));
const loadCodec = loadOnce(() => import('@smithy/eventstream-codec'));

/**
 * `@aws-sdk/client-transcribe-streaming`, loaded on first use.
 *
 * @example
 * ```ts
 * const { StartStreamTranscriptionCommand } = await loadTranscribeStreaming('StreamTranscriber');
 * ```
 * @throws MissingDependencyError when the package is not installed.
 */
export function loadTranscribeStreaming(feature: string): Promise<ClientModule> {
  return importOptional(loadClient, '@aws-sdk/client-transcribe-streaming', feature);
}

/**
 * `@smithy/signature-v4`, loaded on first use.
 *
 * @example
 * ```ts
 * const { SignatureV4 } = await loadSignatureV4('createPresignedTranscribeUrl');
 * ```
 * @throws MissingDependencyError when the package is not installed.
 */
export function loadSignatureV4(feature: string): Promise<SignatureModule> {
  return importOptional(loadSignature, '@smithy/signature-v4', feature);
}

/**
 * `@smithy/eventstream-codec`, loaded on first use.
 *
 * @example
 * ```ts
 * const { EventStreamCodec } = await loadEventStreamCodec('TranscribeEventStream');
 * ```
 * @throws MissingDependencyError when the package is not installed.
 */
export function loadEventStreamCodec(feature: string): Promise<CodecModule> {
  return importOptional(loadCodec, '@smithy/eventstream-codec', feature);
}
