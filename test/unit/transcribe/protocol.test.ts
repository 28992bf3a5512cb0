import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isResponseShapeError, isServiceError, isValidationError } from '../../../src/kit/errors.js';
import {
  decodeEventStreamMessage,
  EventStreamSplitter,
  encodeEventStreamMessage,
} from '../../../src/testing/eventStreamMessages.js';
import { TranscribeEventStream } from '../../../src/transcribe/aws/TranscribeEventStream.js';
import { parseTranscriptEvent } from '../../../src/transcribe/parseTranscriptEvent.js';
import { DEFAULT_ROLLOVER_AFTER_MS, planStreams, RolloverPlanner } from '../../../src/transcribe/RolloverPlanner.js';
import {
  toStartStreamInput,
  toWebSocketQuery,
  validateTranscribeSettings,
} from '../../../src/transcribe/transcribeSettings.js';

describe("TranscribeEventStream (smithy codec) against the stand-in's independent framing", () => {
  test.prop([fc.uint8Array({ maxLength: 6_400 })])(
    'audio events decode to their bytes with the three headers',
    async (pcm) => {
      const stream = await TranscribeEventStream.load();
      const decoded = decodeEventStreamMessage(stream.encodeAudioEvent(pcm));
      expect(decoded.headers).toEqual({
        ':message-type': 'event',
        ':event-type': 'AudioEvent',
        ':content-type': 'application/octet-stream',
      });
      expect([...decoded.body]).toEqual([...pcm]);
    },
  );

  it('ends with an empty AudioEvent and decodes transcript events and exceptions', async () => {
    const stream = await TranscribeEventStream.load();
    expect(decodeEventStreamMessage(stream.encodeEndOfStream()).body.byteLength).toBe(0);
    const payload = { Transcript: { Results: [] } };
    const event = encodeEventStreamMessage(
      { ':message-type': 'event', ':event-type': 'TranscriptEvent', ':content-type': 'application/json' },
      new TextEncoder().encode(JSON.stringify(payload)),
    );
    expect(stream.decode(event)).toEqual({ kind: 'event', eventType: 'TranscriptEvent', payload });
    for (const [name, code, retryable] of [
      ['LimitExceededException', 'THROTTLED', true],
      ['BadRequestException', 'SERVICE', false],
      ['ConflictException', 'CONFLICT', false],
      ['InternalFailureException', 'SERVICE', true],
    ] as const) {
      const message = stream.decode(
        encodeEventStreamMessage(
          { ':message-type': 'exception', ':exception-type': name },
          new TextEncoder().encode('{"Message":"x"}'),
        ),
      );
      expect(message.kind).toBe('exception');
      const error = message.kind === 'exception' ? message.error : undefined;
      expect(isServiceError(error) && [error.errorName, error.code, error.retryable]).toEqual([name, code, retryable]);
      expect(error?.message).not.toContain('"x"');
    }
    const corrupt = event.slice();
    corrupt[corrupt.byteLength - 1]! ^= 1;
    expect(() => stream.decode(corrupt)).toThrow(expect.objectContaining({ code: 'RESPONSE_SHAPE' }));
    const notJson = encodeEventStreamMessage(
      { ':message-type': 'event', ':event-type': 'TranscriptEvent' },
      new Uint8Array([0xff]),
    );
    expect(() => stream.decode(notJson)).toThrow(/UTF-8 JSON/);
  });

  it('the stand-in decoder reads every header type the smithy codec writes, and refuses corrupt frames', async () => {
    const { EventStreamCodec, Int64 } = await import('@smithy/eventstream-codec');
    const codec = new EventStreamCodec(
      (bytes) => new TextDecoder().decode(bytes),
      (text) => new TextEncoder().encode(text),
    );
    const bytes = codec.encode({
      headers: {
        t: { type: 'boolean', value: true },
        f: { type: 'boolean', value: false },
        b: { type: 'byte', value: -7 },
        s: { type: 'short', value: -300 },
        i: { type: 'integer', value: 70_000 },
        l: { type: 'long', value: Int64.fromNumber(5_000_000_000) },
        x: { type: 'binary', value: new Uint8Array([1, 2]) },
        d: { type: 'timestamp', value: new Date(1_700_000_000_000) },
        u: { type: 'uuid', value: '00000000-0000-4000-8000-000000000001' },
      },
      body: new Uint8Array([9]),
    });
    const { headers, body } = decodeEventStreamMessage(bytes);
    expect(headers).toMatchObject({ t: true, f: false, b: -7, s: -300, i: 70_000, l: 5_000_000_000n });
    expect([...(headers.x as Uint8Array)]).toEqual([1, 2]);
    expect((headers.d as Date).getTime()).toBe(1_700_000_000_000);
    expect((headers.u as Uint8Array).byteLength).toBe(16);
    expect([...body]).toEqual([9]);
    expect(() => decodeEventStreamMessage(bytes.subarray(0, 10))).toThrow(/shorter/);
    expect(() => decodeEventStreamMessage(bytes.subarray(0, bytes.byteLength - 1))).toThrow(/length/);
    const badPrelude = bytes.slice();
    badPrelude[5]! ^= 1;
    expect(() => decodeEventStreamMessage(badPrelude)).toThrow(/prelude CRC/);
    const badMessage = bytes.slice();
    badMessage[20]! ^= 1;
    expect(() => decodeEventStreamMessage(badMessage)).toThrow(/message CRC/);
    expect(() => new EventStreamSplitter().push(new Uint8Array([0, 0, 0, 4]))).toThrow(/shorter/);
  });

  it('the stand-in splitter reassembles messages cut anywhere', () => {
    const a = encodeEventStreamMessage({ a: '1' }, new Uint8Array([1, 2, 3]));
    const b = encodeEventStreamMessage({ b: '2' }, new Uint8Array(0));
    const both = new Uint8Array([...a, ...b]);
    for (let cut = 0; cut <= both.byteLength; cut++) {
      const splitter = new EventStreamSplitter();
      const messages = [...splitter.push(both.subarray(0, cut)), ...splitter.push(both.subarray(cut))];
      expect(messages.map((m) => m.headers)).toEqual([{ a: '1' }, { b: '2' }]);
    }
  });
});

describe('parseTranscriptEvent', () => {
  const event = {
    Transcript: {
      Results: [
        {
          ResultId: 'r1',
          StartTime: 1.25,
          EndTime: 2.5,
          IsPartial: false,
          ChannelId: 'ch_1',
          LanguageCode: 'en-US',
          Alternatives: [
            {
              Transcript: 'Hi, Bob.',
              Items: [
                { Content: 'Hi', Type: 'pronunciation', StartTime: 1.25, EndTime: 1.5, Speaker: '0', Confidence: 0.5 },
                { Content: ',', Type: 'punctuation', StartTime: 1.5, EndTime: 1.5, Stable: true },
                {
                  Content: 'Bob',
                  Type: 'pronunciation',
                  StartTime: 1.6,
                  EndTime: 2.1,
                  Speaker: '1',
                  Confidence: 1,
                  VocabularyFilterMatch: false,
                },
              ],
            },
          ],
        },
        { ResultId: 'r2', StartTime: 3, EndTime: 3, IsPartial: true, Alternatives: [] },
      ],
    },
  };

  it('reads words, timings, speakers, channel and confidence, shifted to the whole audio', () => {
    const [segment, ...rest] = parseTranscriptEvent(event, { offsetMs: 10_000, streamIndex: 2 });
    expect(rest).toEqual([]);
    expect(segment).toMatchObject({
      resultId: 'r1',
      isPartial: false,
      startMs: 11_250,
      endMs: 12_500,
      text: 'Hi, Bob.',
      channelId: 'ch_1',
      languageCode: 'en-US',
      speakers: ['0', '1'],
      confidence: 0.75,
      streamIndex: 2,
    });
    expect(segment!.words[1]).toEqual({
      content: ',',
      type: 'punctuation',
      startMs: 11_500,
      endMs: 11_500,
      stable: true,
    });
    expect(segment!.words[2]!.startMs).toBe(11_600);
  });

  it('reports broken shapes by path', () => {
    expect(parseTranscriptEvent(undefined)).toEqual([]);
    for (const [bad, path] of [
      [{ Transcript: { Results: {} } }, 'Transcript.Results'],
      [{ Transcript: { Results: [{ Alternatives: [] }] } }, 'Transcript.Results[0].ResultId'],
      [
        { Transcript: { Results: [{ ResultId: 'r', StartTime: -1, EndTime: 0, Alternatives: [{}] }] } },
        'Transcript.Results[0].StartTime',
      ],
      [
        { Transcript: { Results: [{ ResultId: 'r', StartTime: 0, EndTime: 0, Alternatives: [{ Items: [{}] }] }] } },
        'Transcript.Results[0].Alternatives[0].Items[0].Content',
      ],
    ] as const) {
      let error: unknown;
      try {
        parseTranscriptEvent(bad);
      } catch (e) {
        error = e;
      }
      expect(isResponseShapeError(error) && error.path).toBe(path);
    }
  });
});

describe('rollover planning', () => {
  it('keeps 5 minutes under the 4-hour cap by default', () => {
    expect(DEFAULT_ROLLOVER_AFTER_MS).toBe(14_100_000);
  });

  test.prop([
    fc.integer({ min: 0, max: 50_000 }),
    fc.integer({ min: 50, max: 200 }),
    fc.integer({ min: 200, max: 5_000 }),
  ])(
    'streams cover the audio without gaps, each within the limit, in whole frames',
    (totalMs, frameMs, rolloverAfterMs) => {
      const streams = planStreams(totalMs, { frameMs, rolloverAfterMs });
      let expectedOffset = 0;
      streams.forEach((stream, i) => {
        expect(stream.streamIndex).toBe(i);
        expect(stream.offsetMs).toBe(expectedOffset);
        expect(stream.durationMs).toBeLessThanOrEqual(rolloverAfterMs);
        expectedOffset += stream.durationMs;
      });
      expect(expectedOffset).toBe(totalMs);
    },
  );

  it('plans 5 hours of audio as two streams and refuses limits above the cap', () => {
    expect(planStreams(5 * 3_600_000, { frameMs: 100 }).map((s) => s.durationMs)).toEqual([14_100_000, 3_900_000]);
    expect(() => new RolloverPlanner({ rolloverAfterMs: 14_400_001 })).toThrow(/4-hour cap/);
    expect(() => planStreams(-1, { frameMs: 100 })).toThrow(/totalMs/);
    expect(() => planStreams(1, { frameMs: 0 })).toThrow(/frameMs/);
  });
});

describe('stream settings', () => {
  it('map to SDK input and WebSocket query names', () => {
    const settings = {
      languageCode: 'en-US',
      sampleRateHz: 8_000,
      channels: 2 as const,
      showSpeakerLabel: true,
      partialResultsStability: 'high' as const,
      contentRedactionType: 'PII' as const,
      piiEntityTypes: ['SSN', 'EMAIL'],
    };
    validateTranscribeSettings(settings);
    expect(toStartStreamInput(settings)).toEqual({
      LanguageCode: 'en-US',
      MediaSampleRateHertz: 8_000,
      MediaEncoding: 'pcm',
      ShowSpeakerLabel: true,
      EnablePartialResultsStabilization: true,
      PartialResultsStability: 'high',
      ContentRedactionType: 'PII',
      PiiEntityTypes: 'SSN,EMAIL',
      EnableChannelIdentification: true,
      NumberOfChannels: 2,
    });
    expect(toWebSocketQuery(settings)).toMatchObject({
      'language-code': 'en-US',
      'sample-rate': '8000',
      'enable-channel-identification': 'true',
      'number-of-channels': '2',
      'pii-entity-types': 'SSN,EMAIL',
    });
  });

  it.each([
    [{ sampleRateHz: 7_999 }, 'options.sampleRateHz'],
    [{ sampleRateHz: 48_001 }, 'options.sampleRateHz'],
    [{ sampleRateHz: 16_000.5 }, 'options.sampleRateHz'],
    [{ channels: 3 }, 'options.channels'],
    [{ languageCode: undefined }, 'options.languageCode'],
    [{ languageCode: 'english' }, 'options.languageCode'],
    [{ languageCode: undefined, identifyLanguage: true, languageOptions: ['en-US'] }, 'options.languageOptions'],
    [
      { languageCode: undefined, identifyLanguage: true, languageOptions: ['en-US', 'x'] },
      'options.languageOptions[1]',
    ],
    [{ vocabularyName: 'bad name' }, 'options.vocabularyName'],
    [{ contentIdentificationType: 'PII', contentRedactionType: 'PII' }, 'options.contentRedactionType'],
    [{ piiEntityTypes: ['SSN'] }, 'options.piiEntityTypes'],
    [{ contentIdentificationType: 'PII', piiEntityTypes: ['ssn'] }, 'options.piiEntityTypes[0]'],
    [{ sessionId: 'nope' }, 'options.sessionId'],
    [{ vocabularyFilterMethod: 'hide' }, 'options.vocabularyFilterMethod'],
    [{ partialResultsStability: 'max' }, 'options.partialResultsStability'],
  ])('refuse %o', (overrides, field) => {
    let error: unknown;
    try {
      validateTranscribeSettings({ languageCode: 'en-US', sampleRateHz: 16_000, ...overrides } as never);
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error) && error.field).toBe(field);
  });
});
