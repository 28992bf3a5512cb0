/**
 * Pronunciation control with Amazon Polly, after the "Customize pronunciations" and simpleshow posts: the
 * posts' SSML cases built with the typed builder (escaped by construction, checked per engine), a
 * pronunciation lexicon, and a long explainer script spoken in one go with word timings on one timeline —
 * the timings an explainer video needs to place its illustrations.
 *
 *   npx tsx examples/polly-pronunciation.ts                      # offline, against the local Polly stand-in
 *   AWS_ML_KIT_LIVE=1 npx tsx examples/polly-pronunciation.ts    # live Polly with your credentials and region
 *
 * Live, it creates (and at the end deletes) a lexicon named AwsMlKitExample. Outputs go to
 * examples/out/polly-pronunciation.*. The stand-in's audio is silent frames sized by the text; the SSML,
 * splitting, joining and timings are the real thing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PollyClient } from '@aws-sdk/client-polly';
import {
  isUnsupportedSsmlError,
  PollyLexicons,
  PronunciationLexicon,
  SpeechSynthesizer,
  Ssml,
} from '../src/polly/index.js';
import { PollyStandIn } from '../src/testing/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'examples/out');
mkdirSync(OUT, { recursive: true });

// 1. The seed post's techniques, built rather than concatenated.
const lead = new Ssml()
  .s((s) =>
    s
      .text('The verb form for ')
      .sayAs('LEAD', { interpretAs: 'characters' })
      .text(' is ')
      .w('lead', 'amazon:VB')
      .text('.'),
  )
  .s((s) => s.text('The chemical element ').phoneme('lead', { alphabet: 'ipa', ph: 'lɛd' }).text(' is heavy.'))
  .s((s) => s.text('In X-SAMPA, too: ').phoneme('lead', { alphabet: 'x-sampa', ph: 'lEd' }).text('.'))
  // The stress pitfall: X-SAMPA's stress mark is ", which the builder escapes in the attribute.
  .s((s) =>
    s
      .text('You say ')
      .phoneme('pecan', { alphabet: 'x-sampa', ph: 'pI"kA:n' })
      .text(', I say ')
      .phoneme('pecan', { alphabet: 'ipa', ph: 'ˈpiːkæn' })
      .text('.'),
  )
  .p((p) =>
    p
      .text('Dates: ')
      .sayAs('01-11-1995', { interpretAs: 'date', format: 'dmy' })
      .break({ timeMs: 500 })
      .sayAs('09-24-1995', { interpretAs: 'date', format: 'mdy' })
      .text('. Numbers: ')
      .sayAs('124456', { interpretAs: 'cardinal' })
      .text(', ')
      .sayAs('1242', { interpretAs: 'ordinal' })
      .text(', ')
      .sayAs('1242', { interpretAs: 'digits' })
      .text(', ')
      .sayAs('3/20', { interpretAs: 'fraction' })
      .text(`. Time: `)
      .sayAs(`2'42"`, { interpretAs: 'time' })
      .text('. Call ')
      .sayAs('1800 3000 9009', { interpretAs: 'telephone' })
      .text(' or visit ')
      .sayAs('440 Terry Avenue North, Seattle WA 98109 USA', { interpretAs: 'address' })
      .text('. ')
      .sub('AWS', 'Amazon Web Services')
      .text(' says: ')
      .sayAs('this is not good', { interpretAs: 'expletive' })
      .text('.'),
  )
  .prosody({ volume: 'loud' }, 'Fractions, loudly.')
  .emphasis('Really', 'strong')
  .text(' carefully.');

const standard = lead.build({ engine: 'standard' });
console.log(`seed cases: ${standard.ssml.length} characters of SSML, valid for the standard engine`);
try {
  lead.build({ engine: 'neural' });
} catch (error) {
  if (!isUnsupportedSsmlError(error)) throw error;
  console.log(`neural: ${error.message}`);
}
const neural = lead.build({ engine: 'neural', onUnsupported: 'downgrade' });
const counts = new Map<string, number>();
for (const issue of neural.issues) {
  const key = `<${issue.element}>${issue.attribute ? ` ${issue.attribute}` : ''} ${issue.kind}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
console.log(`neural, downgraded: ${[...counts].map(([key, n]) => `${key} ×${n}`).join(', ')}`);
writeFileSync(join(OUT, 'polly-pronunciation.seed.ssml'), `${standard.ssml}\n`);

// 2. Polly: live, or the local stand-in (which makes a new lexicon visible only after two reads, like the
//    service's eventual consistency).
const live = process.env.AWS_ML_KIT_LIVE === '1';
const standIn = live ? undefined : await PollyStandIn.start({ lexiconVisibleAfterReads: 2 });
const client = new PollyClient(standIn ? standIn.clientConfig() : {});
try {
  const lexicon = new PronunciationLexicon({ name: 'AwsMlKitExample', language: 'en-US' })
    .add({ graphemes: ['Y2K'], alias: 'year 2000' })
    .add({ graphemes: ['W3C'], alias: 'World Wide Web Consortium' })
    .add({ graphemes: ['mysimpleshow'], alias: 'my simple show' });
  const lexicons = new PollyLexicons({ client });
  await lexicons.put(lexicon); // resolves once GetLexicon returns the new content
  console.log(`lexicon ${lexicon.name}: ${lexicon.entries.length} entries, visible`);

  // 3. A long explainer script (the simpleshow pattern): every sentence a keyword, every keyword a mark.
  const story = new Ssml();
  const scenes = ['car', 'internet', 'dealer', 'contract', 'road'];
  for (let i = 0; i < 60; i++) {
    const scene = scenes[i % scenes.length]!;
    story.p((p) =>
      p
        .mark(`scene-${i}-${scene}`)
        .text(
          `Scene ${i + 1}. Tom wants to buy a used ${scene === 'car' ? 'car' : 'car again'}, so he checks the ${scene}. `,
        )
        .text('Since Y2K, the W3C and mysimpleshow have explained the rest — naïvely, with 😀 and “quotes”. '),
    );
  }
  const script = story.build({ engine: 'neural' }).ssml;
  const synthesizer = new SpeechSynthesizer({
    client,
    voiceId: 'Joanna',
    engine: 'neural',
    lexiconNames: [lexicon.name],
    speechMarkTypes: ['sentence', 'word', 'ssml'],
  });
  const result = await synthesizer.synthesize({ ssml: script });
  writeFileSync(join(OUT, 'polly-pronunciation.mp3'), result.audio);
  writeFileSync(join(OUT, 'polly-pronunciation.marks.json'), `${JSON.stringify(result.speechMarks, null, 1)}\n`);
  const marks = result.speechMarks.filter((m) => m.type === 'ssml');
  console.log(
    `${live ? 'Polly' : 'stand-in'}: ${script.length} characters of SSML in ${result.chunks} requests → ` +
      `${(result.durationMs / 1000).toFixed(1)} s of mp3, ${result.speechMarks.length} speech marks`,
  );
  for (const mark of marks.filter((_, i) => i % 20 === 0)) {
    // start/end index the script string itself, across every chunk.
    console.log(
      `  ${(mark.timeMs / 1000).toFixed(2)} s: place illustration ${mark.value} (script[${mark.start}..${mark.end}])`,
    );
  }
  if (live) await lexicons.delete(lexicon.name);
  synthesizer.destroy();
} finally {
  client.destroy();
  await standIn?.close();
}
