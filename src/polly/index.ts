/**
 * aws-ml-kit/polly — pronunciation control and speech of any length with Amazon Polly: a typed SSML builder
 * checked against a versioned engine matrix, an SSML parser and splitter, pronunciation lexicons (PLS),
 * audio joining per format, speech marks merged into one timeline, and the Polly adapters
 * (`SpeechSynthesizer`, `PollyLexicons`).
 *
 * @packageDocumentation
 */
export * from './aws/PollyLexicons.js';
export * from './aws/SpeechSynthesizer.js';
export * from './engineMatrix.js';
export * from './joinAudio.js';
export * from './limits.js';
export * from './PronunciationLexicon.js';
export * from './parseSsml.js';
export * from './phonemes.js';
export * from './planSpeech.js';
export * from './Ssml.js';
export * from './speechMarks.js';
export * from './splitSpeech.js';
export * from './validateSsml.js';
export {
  describeElement,
  escapeXml,
  tokenizeXml,
  unescapedLength,
  unescapeXml,
  type XmlAttribute,
  type XmlToken,
} from './xml.js';
