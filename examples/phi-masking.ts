/**
 * PHI masking of the original post's fictional ED note, done right: offsets instead of a global string
 * replace, so the age "50" never touches "500 mg", and a vault that restores exactly what was replaced.
 *
 *   npx tsx examples/phi-masking.ts            # offline: rules + a replayed Comprehend Medical response
 *   AWS_ML_KIT_LIVE=1 npx tsx examples/phi-masking.ts   # live DetectPHI with your credentials and region
 *
 * Offline, it runs twice: with the embedded `RulePhiDetector` (which finds dates, phones, IDs, ZIPs and ages,
 * but no names), then with `ComprehendMedicalPhiDetector` talking to the local Comprehend Medical stand-in,
 * which replays a recorded DetectPHI response and the entities the original post shows were found. Outputs go
 * to examples/out/phi-masking.*.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ComprehendMedicalClient } from '@aws-sdk/client-comprehendmedical';
import { ComprehendMedicalPhiDetector, PhiMasker, type PhiPolicy, RulePhiDetector } from '../src/phi/index.js';
import { ComprehendMedicalStandIn } from '../src/testing/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'examples/out');
mkdirSync(OUT, { recursive: true });
const note = readFileSync(join(ROOT, 'test/fixtures/comprehend-medical/original-post-note.txt'), 'utf8');

// Names get consistent pseudonyms, ages are masked one-way, everything else gets an unlinkable vault token.
const policy: PhiPolicy = { defaultAction: 'vault', actions: { NAME: 'pseudonym', AGE: 'mask' } };

// 1. Offline rules: defence in depth for shaped identifiers. It cannot find names.
const rules = new PhiMasker({ detector: new RulePhiDetector(), policy });
const byRules = await rules.mask(note);
writeFileSync(join(OUT, 'phi-masking.rules.txt'), byRules.text);
console.log(`rules: ${byRules.entities.length} spans masked; "500 mg" intact: ${byRules.text.includes('– 500 mg')}`);

// 2. Comprehend Medical: live, or the stand-in replaying what DetectPHI found in this note.
const live = process.env.AWS_ML_KIT_LIVE === '1';
const standIn = live
  ? undefined
  : await ComprehendMedicalStandIn.start({
      terms: [
        ['Stay Free Medical Center', 'ADDRESS'],
        ['Emergency Department', 'ADDRESS'],
        ['12341 W. Bohannon Rd, Grantville, GA', 'ADDRESS'],
        ['(770) 922-9800', 'PHONE_OR_FAX'],
        ['SALAZAR, CARLOS', 'NAME'],
        ['RQ36114734', 'ID'],
        ['11/12/2011', 'DATE'],
        ['2/11/1961', 'DATE'],
        ['50', 'AGE'],
        ['186 VALETINE, NE 69201', 'ADDRESS'],
        ['402 213-2221', 'PHONE_OR_FAX'],
        ['Carlos', 'NAME'],
        ['Jorge', 'NAME'],
        ['Food Corp', 'ADDRESS'],
        ['Diego', 'NAME'],
        ['11/23/2011', 'DATE'],
        ['Saanvi Sarkar', 'NAME'],
        ['Jackson', 'NAME'],
        ['Mateo', 'NAME'],
      ].map(([text, type]) => ({ text: text!, type: type! })),
    });
try {
  const client = new ComprehendMedicalClient(standIn ? standIn.clientConfig() : {});
  // Rules and Comprehend Medical combined: the union of both is masked.
  const masker = new PhiMasker({
    detector: [new ComprehendMedicalPhiDetector({ client }), new RulePhiDetector()],
    policy,
  });
  const result = await masker.mask(note, { signal: AbortSignal.timeout(30_000) });
  writeFileSync(join(OUT, 'phi-masking.comprehend.txt'), result.text);
  // The entity list holds offsets, types, scores, actions and tokens — no original text.
  writeFileSync(join(OUT, 'phi-masking.entities.json'), JSON.stringify(result.entities, null, 2));
  const restored = await masker.reidentify(result.text, result);
  // `mask` is one-way and length-preserving: the expected restoration is the note with only those spans masked.
  let expected = note;
  for (const e of result.entities.filter((entity) => entity.action === 'mask')) {
    expected = expected.slice(0, e.input.begin) + '#'.repeat(e.input.end - e.input.begin) + expected.slice(e.input.end);
  }
  console.log(
    `${live ? 'Comprehend Medical' : 'stand-in'}: ${result.entities.length} spans masked, ${result.warnings.length} warnings; ` +
      `"500 mg" intact: ${result.text.includes('– 500 mg')}; pseudonyms and vault tokens restored exactly: ${restored === expected}`,
  );
  console.log(result.text.split('\n').slice(0, 22).join('\n'));
  client.destroy();
} finally {
  await standIn?.close();
}
