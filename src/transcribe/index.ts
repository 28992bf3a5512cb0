/**
 * aws-ml-kit/transcribe — real-time transcription with Amazon Transcribe streaming: WAV parsing, uniform
 * framing and pacing, `StreamTranscriber` (HTTP/2, with rollover before the 4-hour cap and back-off on
 * `LimitExceededException`), a transcript assembler that keeps only stable text, SRT/text/JSON output, and the
 * browser path (presigned WebSocket URLs and event-stream framing).
 *
 * @packageDocumentation
 */
export {
  createPresignedTranscribeUrl,
  DEFAULT_PRESIGNED_TRANSCRIBE_URL_OPTIONS,
  type PresignedTranscribeUrlOptions,
  type PresignSigV4UrlOptions,
  presignSigV4Url,
} from './aws/createPresignedTranscribeUrl.js';
export {
  DEFAULT_TRANSCRIBE_OPTIONS,
  StreamTranscriber,
  type StreamTranscriberOptions,
  type StreamTranscriberSettings,
  type TranscribeAudio,
  type TranscribeOptions,
  type TranscribeProgress,
} from './aws/StreamTranscriber.js';
export {
  TranscribeEventStream,
  type TranscribeServerEvent,
  type TranscribeServerException,
  type TranscribeServerMessage,
} from './aws/TranscribeEventStream.js';
export {
  transcribeOverWebSocket,
  type WebSocketConstructorLike,
  type WebSocketLike,
  type WebSocketTranscribeOptions,
} from './aws/transcribeOverWebSocket.js';
export { WebCryptoSha256 } from './aws/WebCryptoSha256.js';
export {
  type FormatTranscriptOptions,
  formatSrt,
  formatTranscriptJson,
  formatTranscriptText,
  srtTime,
} from './formatTranscript.js';
export {
  DEFAULT_FRAME_MS,
  type FramePcmOptions,
  frameByteLength,
  framePcm,
  type PaceFramesOptions,
  type PacingClock,
  type PcmSource,
  paceFrames,
} from './framePcm.js';
export { assertTranscribeSampleRate, TRANSCRIBE_STREAMING_LIMITS } from './limits.js';
export { parseTranscriptEvent, type SegmentPlacement } from './parseTranscriptEvent.js';
export { assertPresignedUrlFresh, presignedUrlExpiresAt } from './presignedUrlExpiry.js';
export { DEFAULT_ROLLOVER_AFTER_MS, type PlannedStream, planStreams, RolloverPlanner } from './RolloverPlanner.js';
export { resamplePcm16 } from './resamplePcm16.js';
export { TranscriptAssembler } from './TranscriptAssembler.js';
export {
  type TranscribeStreamSettings,
  toStartStreamInput,
  toWebSocketQuery,
  validateTranscribeSettings,
} from './transcribeSettings.js';
export type {
  TranscribeEvent,
  TranscribeRolloverEvent,
  TranscribeThrottledEvent,
  TranscriptFinalEvent,
  TranscriptPartialEvent,
  TranscriptSegment,
  TranscriptWord,
} from './types.js';
export {
  type EncodeWavOptions,
  encodeWav,
  type ParseWavOptions,
  parseWav,
  pcmDurationMs,
  type WavAudio,
} from './wav.js';
