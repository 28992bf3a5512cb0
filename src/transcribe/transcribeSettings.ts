/**
 * Stream settings shared by the HTTP/2 (SDK) and WebSocket paths, validated before any request.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { assertTranscribeSampleRate } from './limits.js';

/** What to transcribe and how; the same settings drive the SDK request headers and the presigned URL. */
export interface TranscribeStreamSettings {
  /** Language, e.g. `en-US`. Required unless `identifyLanguage` is set. */
  readonly languageCode?: string;
  /** Sample rate of the PCM, 8,000–48,000 Hz. */
  readonly sampleRateHz: number;
  /** Interleaved channels: 1, or 2 (then channel identification is switched on). Default 1. */
  readonly channels?: 1 | 2;
  /** Label speakers in the results. */
  readonly showSpeakerLabel?: boolean;
  /** Let the service identify the language among `languageOptions`. */
  readonly identifyLanguage?: boolean;
  /** Candidate languages for `identifyLanguage`, e.g. `['en-US', 'es-US']`. */
  readonly languageOptions?: readonly string[];
  /** Custom vocabulary name. */
  readonly vocabularyName?: string;
  /** Vocabulary filter name. */
  readonly vocabularyFilterName?: string;
  /** What the filter does: `remove`, `mask` or `tag`. */
  readonly vocabularyFilterMethod?: 'remove' | 'mask' | 'tag';
  /** Custom language model name. */
  readonly languageModelName?: string;
  /** Switch on partial-results stabilisation at this level. */
  readonly partialResultsStability?: 'low' | 'medium' | 'high';
  /** Mark PII (mutually exclusive with `contentRedactionType`). */
  readonly contentIdentificationType?: 'PII';
  /** Redact PII (mutually exclusive with `contentIdentificationType`). */
  readonly contentRedactionType?: 'PII';
  /** PII types, e.g. `['SSN', 'EMAIL']`, or `['ALL']`. */
  readonly piiEntityTypes?: readonly string[];
  /** Session id (a UUID) to resume or correlate a session. */
  readonly sessionId?: string;
}

const LANGUAGE_CODE = /^[a-z]{2,3}-[A-Z]{2}$/;
const NAME = /^[0-9a-zA-Z._-]{1,200}$/;
const PII_TYPE = /^[A-Z_]{2,40}$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Checks settings against the service's rules: a sample rate it accepts, a language code or language
 * identification, names in the allowed alphabet, PII identification and redaction not both.
 *
 * @example
 * ```ts
 * validateTranscribeSettings({ languageCode: 'en-US', sampleRateHz: 16_000 });
 * ```
 * @throws ValidationError naming `${field}.<setting>`.
 */
export function validateTranscribeSettings(settings: TranscribeStreamSettings, field = 'options'): void {
  if (settings === null || typeof settings !== 'object') throw new ValidationError(field, 'must be an object');
  assertTranscribeSampleRate(settings.sampleRateHz, `${field}.sampleRateHz`);
  const channels = settings.channels ?? 1;
  if (channels !== 1 && channels !== 2)
    throw new ValidationError(`${field}.channels`, `must be 1 or 2, got ${String(channels)}`);
  if (settings.identifyLanguage) {
    const options = settings.languageOptions ?? [];
    if (options.length < 2) {
      throw new ValidationError(
        `${field}.languageOptions`,
        `must list at least 2 languages with identifyLanguage, got ${options.length}`,
      );
    }
    for (const [i, code] of options.entries()) {
      checkPattern(code, LANGUAGE_CODE, `${field}.languageOptions[${i}]`, 'a language code such as en-US');
    }
  } else if (settings.languageCode === undefined) {
    throw new ValidationError(`${field}.languageCode`, 'is required unless identifyLanguage is set');
  }
  if (settings.languageCode !== undefined) {
    checkPattern(settings.languageCode, LANGUAGE_CODE, `${field}.languageCode`, 'a language code such as en-US');
  }
  for (const key of ['vocabularyName', 'vocabularyFilterName', 'languageModelName'] as const) {
    const value = settings[key];
    if (value !== undefined) checkPattern(value, NAME, `${field}.${key}`, 'a name of 1–200 letters, digits, . _ or -');
  }
  if (settings.contentIdentificationType !== undefined && settings.contentRedactionType !== undefined) {
    throw new ValidationError(`${field}.contentRedactionType`, 'cannot be combined with contentIdentificationType');
  }
  if (settings.piiEntityTypes !== undefined) {
    if (settings.contentIdentificationType === undefined && settings.contentRedactionType === undefined) {
      throw new ValidationError(`${field}.piiEntityTypes`, 'needs contentIdentificationType or contentRedactionType');
    }
    for (const [i, type] of settings.piiEntityTypes.entries()) {
      checkPattern(type, PII_TYPE, `${field}.piiEntityTypes[${i}]`, 'an entity type such as SSN');
    }
  }
  if (settings.sessionId !== undefined) checkPattern(settings.sessionId, UUID, `${field}.sessionId`, 'a UUID');
  const enums: [string, unknown, readonly string[]][] = [
    ['vocabularyFilterMethod', settings.vocabularyFilterMethod, ['remove', 'mask', 'tag']],
    ['partialResultsStability', settings.partialResultsStability, ['low', 'medium', 'high']],
    ['contentIdentificationType', settings.contentIdentificationType, ['PII']],
    ['contentRedactionType', settings.contentRedactionType, ['PII']],
  ];
  for (const [key, value, allowed] of enums) {
    if (value !== undefined && !allowed.includes(value as string)) {
      throw new ValidationError(`${field}.${key}`, `must be one of ${allowed.join(', ')}`);
    }
  }
}

function checkPattern(value: unknown, pattern: RegExp, field: string, what: string): void {
  // The value itself is left out of the message: names are safe, but a caller may pass anything here.
  if (typeof value !== 'string' || !pattern.test(value)) throw new ValidationError(field, `must be ${what}`);
}

/**
 * The settings as `StartStreamTranscription` input fields (everything but `AudioStream`).
 *
 * @example
 * ```ts
 * new StartStreamTranscriptionCommand({ ...toStartStreamInput(settings), AudioStream: events });
 * ```
 */
export function toStartStreamInput(settings: TranscribeStreamSettings): Record<string, unknown> {
  const channels = settings.channels ?? 1;
  return dropUndefined({
    LanguageCode: settings.languageCode,
    MediaSampleRateHertz: settings.sampleRateHz,
    MediaEncoding: 'pcm',
    ShowSpeakerLabel: settings.showSpeakerLabel,
    IdentifyLanguage: settings.identifyLanguage,
    LanguageOptions: settings.languageOptions?.join(','),
    VocabularyName: settings.vocabularyName,
    VocabularyFilterName: settings.vocabularyFilterName,
    VocabularyFilterMethod: settings.vocabularyFilterMethod,
    LanguageModelName: settings.languageModelName,
    EnablePartialResultsStabilization: settings.partialResultsStability === undefined ? undefined : true,
    PartialResultsStability: settings.partialResultsStability,
    ContentIdentificationType: settings.contentIdentificationType,
    ContentRedactionType: settings.contentRedactionType,
    PiiEntityTypes: settings.piiEntityTypes?.join(','),
    SessionId: settings.sessionId,
    EnableChannelIdentification: channels === 2 ? true : undefined,
    NumberOfChannels: channels === 2 ? 2 : undefined,
  });
}

/**
 * The settings as the WebSocket URL's query parameters (`language-code`, `media-encoding`, `sample-rate` …).
 *
 * @example
 * ```ts
 * const query = toWebSocketQuery({ languageCode: 'en-US', sampleRateHz: 16_000 });
 * ```
 */
export function toWebSocketQuery(settings: TranscribeStreamSettings): Record<string, string> {
  const input = toStartStreamInput(settings);
  const names: Record<string, string> = {
    LanguageCode: 'language-code',
    MediaSampleRateHertz: 'sample-rate',
    MediaEncoding: 'media-encoding',
    ShowSpeakerLabel: 'show-speaker-label',
    IdentifyLanguage: 'identify-language',
    LanguageOptions: 'language-options',
    VocabularyName: 'vocabulary-name',
    VocabularyFilterName: 'vocabulary-filter-name',
    VocabularyFilterMethod: 'vocabulary-filter-method',
    LanguageModelName: 'language-model-name',
    EnablePartialResultsStabilization: 'enable-partial-results-stabilization',
    PartialResultsStability: 'partial-results-stability',
    ContentIdentificationType: 'content-identification-type',
    ContentRedactionType: 'content-redaction-type',
    PiiEntityTypes: 'pii-entity-types',
    SessionId: 'session-id',
    EnableChannelIdentification: 'enable-channel-identification',
    NumberOfChannels: 'number-of-channels',
  };
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [names[key]!, String(value)]));
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
