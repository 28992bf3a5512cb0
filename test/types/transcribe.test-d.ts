import type {
  StartStreamTranscriptionCommandInput,
  TranscribeStreamingClient,
} from '@aws-sdk/client-transcribe-streaming';
import type { fromIni } from '@aws-sdk/credential-provider-ini';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type PresignedTranscribeUrlOptions,
  StreamTranscriber,
  type StreamTranscriberOptions,
  type TranscribeEvent,
  type TranscriptSegment,
} from '../../src/transcribe/index.js';

describe('Types: aws-ml-kit/transcribe against the SDK', () => {
  it('takes a real TranscribeStreamingClient or its config', () => {
    expectTypeOf<{ client: TranscribeStreamingClient }>().toExtend<StreamTranscriberOptions>();
    expectTypeOf<{ clientConfig: { region: string } }>().toExtend<StreamTranscriberOptions>();
  });

  it('streams typed events, narrowed by type', () => {
    const events = new StreamTranscriber().transcribe(new Uint8Array(0), {
      languageCode: 'en-US',
      sampleRateHz: 16_000,
    });
    expectTypeOf(events).toExtend<AsyncIterable<TranscribeEvent>>();
    const event = {} as TranscribeEvent;
    if (event.type === 'final') expectTypeOf(event.segment).toEqualTypeOf<TranscriptSegment>();
    if (event.type === 'rollover') expectTypeOf(event.offsetMs).toEqualTypeOf<number>();
  });

  it('signs with SDK credential providers', () => {
    expectTypeOf<{ credentials: ReturnType<typeof fromIni> }>().toExtend<
      Pick<PresignedTranscribeUrlOptions, 'credentials'>
    >();
  });

  it('speaks the SDK media encoding', () => {
    expectTypeOf<'pcm'>().toExtend<NonNullable<StartStreamTranscriptionCommandInput['MediaEncoding']>>();
  });
});
