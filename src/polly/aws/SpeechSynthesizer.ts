/**
 * `SpeechSynthesizer`: Amazon Polly `SynthesizeSpeech` for text or SSML of any length.
 *
 * @module
 */
import { setMaxListeners } from 'node:events';
import type { PollyClient, PollyClientConfig, SynthesizeSpeechCommandOutput } from '@aws-sdk/client-polly';
import { raceAbort, throwIfAborted, withDeadline } from '../../kit/abort.js';
import type { ClientOptions, LazyClient } from '../../kit/clients.js';
import { ValidationError } from '../../kit/errors.js';
import { createSafeLogger, type Logger } from '../../kit/log.js';
import { RateLimiter } from '../../kit/rate-limit.js';
import { concatBytes } from '../concatBytes.js';
import { AudioJoiner, POLLY_AUDIO_FORMATS, type PollyAudioFormat } from '../joinAudio.js';
import { POLLY_ENGINES, POLLY_LIMITS, type PollyEngine, SYNTHESIZE_SPEECH_TPS } from '../limits.js';
import { checkLexiconName } from '../PronunciationLexicon.js';
import { planSpeech, type SpeechInput, type SpeechPlan } from '../planSpeech.js';
import {
  mergeSpeechMarks,
  parseSpeechMarks,
  type RawSpeechMark,
  SPEECH_MARK_TYPES,
  type SpeechMark,
  type SpeechMarkType,
} from '../speechMarks.js';
import type { SsmlIssue, UnsupportedSsmlPolicy } from '../validateSsml.js';
import { loadPolly, pollyClient, sendPolly } from './pollyClient.js';

/** Voice and output settings, set on the synthesizer and overridable per call. */
export interface SynthesisSettings {
  /** Polly voice, e.g. `Joanna`. */
  readonly voiceId?: string;
  /** Default `standard` (as Polly's). */
  readonly engine?: PollyEngine;
  /** Default `mp3`. */
  readonly outputFormat?: PollyAudioFormat;
  /** Output sample rate; Polly's default for the format and engine when omitted. */
  readonly sampleRateHz?: number;
  /** For bilingual voices. */
  readonly languageCode?: string;
  /** At most 5 lexicon names, applied in order. */
  readonly lexiconNames?: readonly string[];
  /** Speech marks requested alongside the audio (one more call per chunk). Default `['sentence', 'word']`; `[]` for none. */
  readonly speechMarkTypes?: readonly SpeechMarkType[];
  /** SSML the engine does not support: `error` (default) or `downgrade` (removed, reported in `issues`). */
  readonly onUnsupported?: UnsupportedSsmlPolicy;
}

/** Settings of {@link SpeechSynthesizer} besides the client. */
export interface SpeechSynthesizerSettings extends SynthesisSettings {
  /** Chunks synthesized at once. Default 4. */
  readonly concurrency?: number;
  /**
   * Client-side limiter of SynthesizeSpeech calls. Default: one per synthesizer at
   * `quotaUtilization` × the engine's TPS. Share one across synthesizers of one account and region, or `false`.
   */
  readonly rateLimiter?: RateLimiter | false;
  /** Share of the engine's quota the default limiter uses, in (0, 1]. Default 0.9. */
  readonly quotaUtilization?: number;
  /** Billed characters per request. Default 3,000. */
  readonly maxBilledCharacters?: number;
  /** Total characters per request. Default 6,000. */
  readonly maxTotalCharacters?: number;
  /** Receives metadata only. Never handed to the SDK client. */
  readonly logger?: Logger;
}

/** Options of {@link SpeechSynthesizer}: `{ client }` or `{ clientConfig }`, plus settings. */
export type SpeechSynthesizerOptions = ClientOptions<PollyClient, PollyClientConfig> & SpeechSynthesizerSettings;

/** Documented defaults of {@link SpeechSynthesizer}. */
export const DEFAULT_SPEECH_SYNTHESIZER_OPTIONS: {
  /** Polly's default engine. */
  readonly engine: PollyEngine;
  /** Audio format. */
  readonly outputFormat: PollyAudioFormat;
  /** Speech marks requested alongside the audio. */
  readonly speechMarkTypes: readonly SpeechMarkType[];
  /** Unsupported SSML fails. */
  readonly onUnsupported: UnsupportedSsmlPolicy;
  /** Chunks in flight at once. */
  readonly concurrency: number;
  /** Share of the engine's quota the default limiter uses. */
  readonly quotaUtilization: number;
  /** Billed characters per request. */
  readonly maxBilledCharacters: number;
  /** Total characters per request. */
  readonly maxTotalCharacters: number;
} = Object.freeze({
  engine: 'standard',
  outputFormat: 'mp3',
  speechMarkTypes: Object.freeze(['sentence', 'word'] as SpeechMarkType[]),
  onUnsupported: 'error',
  concurrency: 4,
  quotaUtilization: 0.9,
  maxBilledCharacters: POLLY_LIMITS.maxBilledCharacters,
  maxTotalCharacters: POLLY_LIMITS.maxTotalCharacters,
});

/** Progress of one synthesis. */
export interface SynthesisProgress {
  /** Chunks whose audio (and marks) arrived. */
  readonly done: number;
  /** Chunks in all. */
  readonly total: number;
}

/** Per-call options. */
export interface SynthesizeOptions extends SynthesisSettings {
  /** Cancels the synthesis; it rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Deadline for the whole synthesis. */
  readonly timeoutMs?: number;
  /** Called after each chunk. */
  readonly onProgress?: (progress: SynthesisProgress) => void;
}

/** One chunk's output from {@link SpeechSynthesizer.synthesizeStream}, in order. */
export interface SynthesisPart {
  /** Chunk number, from 0. */
  readonly chunk: number;
  /** Chunks in all. */
  readonly total: number;
  /** Bytes to append to the joined audio stream. */
  readonly audio: Uint8Array;
  /** Where this chunk's speech starts in the joined audio. */
  readonly startMs: number;
  /** This chunk's audio length. */
  readonly durationMs: number;
  /** This chunk's marks on the merged timeline (times and input indices of the whole input). */
  readonly speechMarks: readonly SpeechMark[];
  /** Billed characters Polly reported for the audio request. */
  readonly requestCharacters: number;
  /** SSML downgrades and caveats (on the first part only; empty after). */
  readonly issues: readonly SsmlIssue[];
}

/** Result of {@link SpeechSynthesizer.synthesize}. */
export interface SynthesisResult {
  /** The joined audio. */
  readonly audio: Uint8Array;
  /** Its format. */
  readonly format: PollyAudioFormat;
  /** MIME type of the audio. */
  readonly contentType: string;
  /** Playback length. */
  readonly durationMs: number;
  /** Speech marks of the whole input, one timeline; `start`/`end` are indices into the input string. */
  readonly speechMarks: readonly SpeechMark[];
  /** SSML downgrades and caveats. */
  readonly issues: readonly SsmlIssue[];
  /** Requests (chunks) made for the audio. */
  readonly chunks: number;
  /** Billed characters Polly reported, summed over the audio requests. */
  readonly requestCharacters: number;
}

const CONTENT_TYPES: Record<PollyAudioFormat, string> = {
  mp3: 'audio/mpeg',
  ogg_vorbis: 'audio/ogg',
  ogg_opus: 'audio/ogg',
  pcm: 'audio/pcm',
  mulaw: 'audio/basic',
  alaw: 'audio/alaw',
};
const SAMPLE_RATES: Record<PollyAudioFormat, readonly number[]> = {
  mp3: [8000, 16000, 22050, 24000, 44100, 48000],
  ogg_vorbis: [8000, 16000, 22050, 24000, 44100, 48000],
  ogg_opus: [48000],
  pcm: [8000, 16000],
  mulaw: [8000],
  alaw: [8000],
};

interface Resolved {
  voiceId: string;
  engine: PollyEngine;
  outputFormat: PollyAudioFormat;
  sampleRateHz: number | undefined;
  languageCode: string | undefined;
  lexiconNames: string[];
  speechMarkTypes: SpeechMarkType[];
  onUnsupported: UnsupportedSsmlPolicy;
}

/**
 * Speaks text or SSML of any length with Amazon Polly. The input is validated (SSML against the engine
 * matrix), split under 3,000 billed and 6,000 total characters on sentence- and SSML-safe boundaries,
 * synthesized in parallel under the engine's rate, and joined: one audio stream (MP3 frames, Ogg pages, PCM)
 * and one timeline of speech marks whose `start`/`end` index the input string.
 *
 * Throttling (`ThrottlingException`, HTTP 400) is retried by the SDK client's retry strategy.
 *
 * @example
 * ```ts
 * import { PollyClient } from '@aws-sdk/client-polly';
 * const synthesizer = new SpeechSynthesizer({ client: new PollyClient({}), voiceId: 'Joanna', engine: 'neural' });
 * const { audio, speechMarks } = await synthesizer.synthesize({ ssml: longSsml });
 * ```
 */
export class SpeechSynthesizer {
  readonly #client: LazyClient<PollyClient, PollyClientConfig>;
  readonly #settings: SynthesisSettings;
  readonly #concurrency: number;
  readonly #limiterOption: RateLimiter | false | undefined;
  readonly #quotaUtilization: number;
  readonly #limiters = new Map<PollyEngine, RateLimiter>();
  readonly #limits: { maxBilledCharacters: number; maxTotalCharacters: number };
  readonly #logger: Logger;

  /** @throws ValidationError for out-of-range settings, or both `client` and `clientConfig`. */
  constructor(options: SpeechSynthesizerOptions = {}) {
    this.#client = pollyClient(options, 'SpeechSynthesizer');
    const d = DEFAULT_SPEECH_SYNTHESIZER_OPTIONS;
    this.#concurrency = options.concurrency ?? d.concurrency;
    if (!(Number.isInteger(this.#concurrency) && this.#concurrency >= 1 && this.#concurrency <= 64)) {
      throw new ValidationError('options.concurrency', `must be an integer from 1 to 64, got ${this.#concurrency}`);
    }
    this.#quotaUtilization = options.quotaUtilization ?? d.quotaUtilization;
    if (!(this.#quotaUtilization > 0 && this.#quotaUtilization <= 1)) {
      throw new ValidationError(
        'options.quotaUtilization',
        `must be a number in (0, 1], got ${this.#quotaUtilization}`,
      );
    }
    this.#limiterOption = options.rateLimiter;
    this.#limits = {
      maxBilledCharacters: options.maxBilledCharacters ?? d.maxBilledCharacters,
      maxTotalCharacters: options.maxTotalCharacters ?? d.maxTotalCharacters,
    };
    for (const [name, value, max] of [
      ['maxBilledCharacters', this.#limits.maxBilledCharacters, POLLY_LIMITS.maxBilledCharacters],
      ['maxTotalCharacters', this.#limits.maxTotalCharacters, POLLY_LIMITS.maxTotalCharacters],
    ] as const) {
      if (!(Number.isInteger(value) && value >= 20 && value <= max)) {
        throw new ValidationError(`options.${name}`, `must be an integer from 20 to ${max}, got ${value}`);
      }
    }
    this.#settings = options;
    this.#logger = createSafeLogger(options.logger);
    this.#resolve({}); // validates the class-level settings now (voiceId may still come per call)
  }

  /**
   * Synthesizes the whole input and returns the joined audio with merged speech marks.
   *
   * @example
   * ```ts
   * const result = await synthesizer.synthesize({ text: article }, { outputFormat: 'ogg_opus', timeoutMs: 120_000 });
   * await writeFile('article.ogg', result.audio);
   * ```
   */
  async synthesize(input: SpeechInput, options: SynthesizeOptions = {}): Promise<SynthesisResult> {
    const settings = this.#resolve(options, true);
    const audio: Uint8Array[] = [];
    const speechMarks: SpeechMark[] = [];
    let issues: readonly SsmlIssue[] = [];
    let durationMs = 0;
    let requestCharacters = 0;
    let chunks = 0;
    for await (const part of this.synthesizeStream(input, options)) {
      if (part.chunk === 0) issues = part.issues;
      audio.push(part.audio);
      speechMarks.push(...part.speechMarks);
      durationMs = part.startMs + part.durationMs;
      requestCharacters += part.requestCharacters;
      chunks = part.total;
    }
    return {
      audio: concatBytes(audio),
      format: settings.outputFormat,
      contentType: CONTENT_TYPES[settings.outputFormat],
      durationMs,
      speechMarks,
      issues,
      chunks,
      requestCharacters,
    };
  }

  /**
   * Synthesizes chunk by chunk and yields each chunk's joined audio bytes and merged marks in order, while up
   * to `concurrency` later chunks are already in flight. Breaking out of the loop cancels the rest.
   *
   * @example
   * ```ts
   * for await (const part of synthesizer.synthesizeStream({ ssml }, { outputFormat: 'mp3' })) {
   *   out.write(part.audio);
   * }
   * ```
   */
  async *synthesizeStream(input: SpeechInput, options: SynthesizeOptions = {}): AsyncGenerator<SynthesisPart> {
    const settings = this.#resolve(options, true);
    if (input?.text !== undefined && settings.speechMarkTypes.includes('ssml')) {
      throw new ValidationError('speechMarkTypes', 'may include "ssml" only for SSML input');
    }
    const plan = planSpeech(input, { ...this.#limits, engine: settings.engine, onUnsupported: settings.onUnsupported });
    const outer = withDeadline(options.signal, options.timeoutMs);
    throwIfAborted(outer);
    const internal = new AbortController();
    const signal = outer ? AbortSignal.any([outer, internal.signal]) : internal.signal;
    // Every request in flight and every limiter wait listens to this one signal.
    setMaxListeners(0, signal);
    const total = plan.chunks.length;
    const startedAt = performance.now();
    const [client, sdk] = await raceAbort(Promise.all([this.#client.get(), loadPolly('SpeechSynthesizer')]), signal);
    const joiner = new AudioJoiner(settings.outputFormat, settings.sampleRateHz);
    const inFlight = new Map<
      number,
      Promise<{ audio: Uint8Array; marks: RawSpeechMark[]; requestCharacters: number }>
    >();
    const start = (index: number) => {
      const task = this.#synthesizeChunk(client, sdk, plan, index, settings, signal);
      // Fail fast: the first failure stops the other chunks, and every wait then rejects with that error.
      task.catch((error: unknown) => internal.abort(error));
      inFlight.set(index, task);
    };
    let completed = false;
    try {
      for (let i = 0; i < Math.min(this.#concurrency, total); i++) start(i);
      for (let index = 0; index < total; index++) {
        const result = await raceAbort(inFlight.get(index)!, signal);
        inFlight.delete(index);
        if (index + this.#concurrency < total) start(index + this.#concurrency);
        const joined = joiner.push(result.audio, index === total - 1);
        const speechMarks = mergeSpeechMarks([
          {
            marks: result.marks,
            requestText: plan.chunks[index]!.text,
            offsetMs: joined.startMs,
            toInputIndex: (i, edge) => plan.toInputIndex(index, i, edge),
            chunk: index,
          },
        ]);
        options.onProgress?.({ done: index + 1, total });
        yield {
          chunk: index,
          total,
          audio: joined.bytes,
          startMs: joined.startMs,
          durationMs: joined.durationMs,
          speechMarks,
          requestCharacters: result.requestCharacters,
          issues: index === 0 ? plan.issues : [],
        };
      }
      completed = true;
      this.#logger.debug('speech synthesized', {
        operation: 'SynthesizeSpeech',
        chunks: total,
        chars: plan.inputLength,
        durationMs: Math.round(performance.now() - startedAt),
      });
    } finally {
      if (!completed) internal.abort(new DOMException('synthesis stopped', 'AbortError'));
    }
  }

  /**
   * Destroys the client if this synthesizer created it.
   *
   * @example
   * ```ts
   * synthesizer.destroy();
   * ```
   */
  destroy(): void {
    this.#client.destroy();
  }

  async #synthesizeChunk(
    client: PollyClient,
    sdk: typeof import('@aws-sdk/client-polly'),
    plan: SpeechPlan,
    index: number,
    settings: Resolved,
    signal: AbortSignal,
  ): Promise<{ audio: Uint8Array; marks: RawSpeechMark[]; requestCharacters: number }> {
    const chunk = plan.chunks[index]!;
    const base = {
      Text: chunk.text,
      TextType: chunk.textType,
      VoiceId: settings.voiceId as never,
      Engine: settings.engine,
      ...(settings.languageCode === undefined ? {} : { LanguageCode: settings.languageCode as never }),
      ...(settings.lexiconNames.length === 0 ? {} : { LexiconNames: settings.lexiconNames }),
    };
    const call = async (input: Record<string, unknown>, kind: string) => {
      await this.#limiter(settings.engine)?.acquire(1, { signal });
      const output = await sendPolly<SynthesizeSpeechCommandOutput>(
        client,
        new sdk.SynthesizeSpeechCommand({ ...base, ...input } as never),
        'SynthesizeSpeech',
        {
          signal,
          logger: this.#logger,
          meta: { index, chars: chunk.billedCharacters, mode: kind },
        },
      );
      const bytes = output.AudioStream
        ? await raceAbort(output.AudioStream.transformToByteArray(), signal)
        : new Uint8Array();
      return { bytes, requestCharacters: output.RequestCharacters ?? 0 };
    };
    const [audio, marks] = await Promise.all([
      call(
        {
          OutputFormat: settings.outputFormat,
          ...(settings.sampleRateHz === undefined ? {} : { SampleRate: String(settings.sampleRateHz) }),
        },
        'audio',
      ),
      settings.speechMarkTypes.length === 0
        ? undefined
        : call({ OutputFormat: 'json', SpeechMarkTypes: settings.speechMarkTypes }, 'marks'),
    ]);
    return {
      audio: audio.bytes,
      marks: marks ? parseSpeechMarks(marks.bytes) : [],
      requestCharacters: audio.requestCharacters,
    };
  }

  #limiter(engine: PollyEngine): RateLimiter | undefined {
    if (this.#limiterOption === false) return undefined;
    if (this.#limiterOption) return this.#limiterOption;
    let limiter = this.#limiters.get(engine);
    if (!limiter) {
      const { requestsPerSecond, burst } = SYNTHESIZE_SPEECH_TPS[engine];
      limiter = new RateLimiter({
        requestsPerSecond: requestsPerSecond * this.#quotaUtilization,
        burstSeconds: burst / requestsPerSecond,
      });
      this.#limiters.set(engine, limiter);
    }
    return limiter;
  }

  #resolve(options: SynthesisSettings, needVoice = false): Resolved {
    const s = { ...this.#settings, ...definedOnly(options) };
    const d = DEFAULT_SPEECH_SYNTHESIZER_OPTIONS;
    const engine = s.engine ?? d.engine;
    if (!POLLY_ENGINES.includes(engine))
      throw new ValidationError('engine', `must be one of ${POLLY_ENGINES.join(', ')}`);
    const outputFormat = s.outputFormat ?? d.outputFormat;
    if (!POLLY_AUDIO_FORMATS.includes(outputFormat)) {
      throw new ValidationError('outputFormat', `must be one of ${POLLY_AUDIO_FORMATS.join(', ')}`);
    }
    if (s.sampleRateHz !== undefined && !SAMPLE_RATES[outputFormat].includes(s.sampleRateHz)) {
      throw new ValidationError(
        'sampleRateHz',
        `must be one of ${SAMPLE_RATES[outputFormat].join(', ')} for ${outputFormat}`,
      );
    }
    if (needVoice && (typeof s.voiceId !== 'string' || !/^[A-Za-z]{2,32}$/.test(s.voiceId))) {
      throw new ValidationError('voiceId', 'must be a Polly voice id such as Joanna');
    }
    const lexiconNames = [...(s.lexiconNames ?? [])];
    if (lexiconNames.length > POLLY_LIMITS.maxLexiconsPerRequest) {
      throw new ValidationError(
        'lexiconNames',
        `may list at most ${POLLY_LIMITS.maxLexiconsPerRequest} lexicons, got ${lexiconNames.length}`,
      );
    }
    for (const [i, name] of lexiconNames.entries()) checkLexiconName(name, `lexiconNames[${i}]`);
    const speechMarkTypes = [...new Set(s.speechMarkTypes ?? d.speechMarkTypes)];
    for (const type of speechMarkTypes) {
      if (!SPEECH_MARK_TYPES.includes(type)) {
        throw new ValidationError('speechMarkTypes', `must only hold ${SPEECH_MARK_TYPES.join(', ')}`);
      }
    }
    const onUnsupported = s.onUnsupported ?? d.onUnsupported;
    if (onUnsupported !== 'error' && onUnsupported !== 'downgrade') {
      throw new ValidationError('onUnsupported', 'must be "error" or "downgrade"');
    }
    return {
      voiceId: s.voiceId ?? '',
      engine,
      outputFormat,
      sampleRateHz: s.sampleRateHz,
      languageCode: s.languageCode,
      lexiconNames,
      speechMarkTypes,
      onUnsupported,
    };
  }
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
