import type {
  Engine,
  OutputFormat,
  PollyClient,
  SpeechMarkType as SdkSpeechMarkType,
  SynthesizeSpeechCommandInput,
} from '@aws-sdk/client-polly';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  PollyAudioFormat,
  PollyEngine,
  SpeechChunk,
  SpeechMarkType,
  SpeechSynthesizerOptions,
} from '../../src/polly/index.js';

describe('aws-ml-kit/polly types', () => {
  it('our enumerations are values the SDK accepts', () => {
    expectTypeOf<PollyEngine>().toExtend<Engine>();
    expectTypeOf<PollyAudioFormat>().toExtend<OutputFormat>();
    expectTypeOf<SpeechMarkType>().toExtend<SdkSpeechMarkType>();
    expectTypeOf<SpeechChunk['textType']>().toExtend<NonNullable<SynthesizeSpeechCommandInput['TextType']>>();
  });

  it('takes a client or a client config, not both', () => {
    expectTypeOf<{ client: PollyClient; voiceId: 'Joanna' }>().toExtend<SpeechSynthesizerOptions>();
    expectTypeOf<{ clientConfig: { region: string } }>().toExtend<SpeechSynthesizerOptions>();
    expectTypeOf<{ client: PollyClient; clientConfig: { region: string } }>().not.toExtend<SpeechSynthesizerOptions>();
  });
});
