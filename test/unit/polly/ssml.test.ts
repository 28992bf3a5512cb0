import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/kit/errors.js';
import {
  checkPhonemes,
  escapeXml,
  isUnsupportedSsmlError,
  parseSsml,
  renderSsml,
  SAY_AS_DATE_FORMATS,
  SAY_AS_INTERPRET_AS,
  SSML_ENGINE_MATRIX,
  Ssml,
  ssmlToText,
  tagSupport,
  validateSsml,
  W_ROLES,
} from '../../../src/polly/index.js';
import { SENTINEL } from '../../helpers/sentinel.js';

const catchError = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

// The seed post's SSML cases (P28), verbatim where they are valid SSML.
const SEED_CASES = [
  `<speak>
The default pronunciation by Amazon Polly for L E A D is <break time = "300ms"/> lead,
which is the present tense form.
</speak>`,
  `<speak>
This is the pronunciation using the
<say-as interpret-as="characters">IPA</say-as> attribute
in the <say-as interpret-as="characters">SSML</say-as> tag. 
The verb form for L E A D is <break time="150ms"/> lead.
The chemical element <break time="150ms"/><phoneme alphabet="ipa" ph="lɛd">lead</phoneme> 
<break time="300ms"/>also has an identical spelling.
</speak>`,
  `<speak>
The word<p> <say-as interpret-as="characters">lead</say-as></p> 
may be interpreted as either the present simple form <w role="amazon:VB">lead</w>, 
or the chemical element <w role="amazon:SENSE_1">lead</w>.
</speak>`,
  `<speak>
Polly is an <sub alias="Amazon Web Services">AWS</sub> 
offering providing text-to-Speech service. 
</speak>`,
  `<speak>
This is the pronunciation using the X-SAMPA attribute, 
in the verb form <break time="1s"/> lead.
The chemical element <break time="1s"/> 
<phoneme alphabet='x-sampa' ph='lEd'>lead</phoneme> <break time="0.5s"/>
also has an identical spelling.
</speak>`,
  `<speak>
You say, <phoneme alphabet="ipa" ph="pɪˈkɑːn">pecan</phoneme>. 
</speak>`,
  `<speak>
You say, <phoneme alphabet='x-sampa' ph='pI"kA:n'>pecan</phoneme>.
</speak>`,
  `<speak>
The following date is written in the day-month-year format.
<say-as interpret-as="date" format="dmy">01-11-1995</say-as><break time="500ms"/>
The following date is written in the month-day-year format.
<say-as interpret-as="date" format="mdy">09-24-1995</say-as>
</speak>`,
  `<speak> 
The following are examples of pronunciations when 
<prosody volume="loud"> fraction</prosody>
is used as an attribute in the say -as tag. 
<break time="500ms"/>Seven one by two is pronounced as
<say-as interpret-as="fraction">7 ½ </say-as>
whereas three by twenty is pronounced as <say-as interpret-as="fraction">3/20</say-as>
</speak>`,
  `<speak>
Polly also supports customizing pronunciation in terms of minutes and seconds. 
For example, <say-as interpret-as="time">2'42"</say-as>
</speak>`,
  `<speak>
The telephone number is 
<say-as interpret-as="telephone">1800 3000 9009</say-as>
</speak>`,
  `<speak><prosody volume="+20dB" rate="100%"><break time="500.0ms"/>This is Tom. He wants to buy a used car. So he starts browsing the internet.</prosody></speak>`,
];

describe('parseSsml and validateSsml on the seed cases', () => {
  it.each(SEED_CASES.map((ssml, i) => [i, ssml]))('seed case %i is valid SSML for the standard engine', (_i, ssml) => {
    const root = parseSsml(ssml as string);
    expect(validateSsml(root, { engine: 'standard' }).issues).toEqual([]);
  });

  it('reads the text of a case, entities decoded and tags dropped', () => {
    expect(ssmlToText(parseSsml('<speak>A <sub alias="Amazon Web Services">AWS</sub> R&amp;D &#x1F600;</speak>'))).toBe(
      'A AWS R&D 😀',
    );
  });
});

describe('parseSsml on bad input', () => {
  it.each([
    ['<speak>unclosed <p>para</speak>', 'does not close <p>'],
    ['<speak><p>x</p>', 'never closed'],
    ['<speak>a & b</speak>', 'bare "&"'],
    ['<speak>a &nbsp; b</speak>', 'bare "&" or unknown entity'],
    ['<speak>1 < 2</speak>', 'starts no tag'],
    ['<speak/><speak/>', 'exactly one root'],
    ['text <speak/>', 'outside <speak>'],
    ['<p>x</p>', 'exactly one root'],
    ['<speak><!DOCTYPE x></speak>', 'DOCTYPE'],
    ['<speak><break time="1s" time="2s"/></speak>', 'duplicate attribute'],
  ])('%s → ValidationError (%s)', (ssml, rule) => {
    const error = catchError(() => parseSsml(ssml));
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toContain(rule);
  });

  it('never quotes user text or unknown tag names in its errors', () => {
    for (const bad of [
      `<speak>${SENTINEL} & more</speak>`,
      `<speak><${SENTINEL}>x</speak>`,
      `<speak><p>${SENTINEL}</s></speak>`,
    ]) {
      const error = catchError(() => parseSsml(bad)) as Error;
      expect(error.message).not.toContain(SENTINEL);
    }
    const error = catchError(() => validateSsml(parseSsml(`<speak><x${SENTINEL}>a</x${SENTINEL}></speak>`))) as Error;
    expect(isValidationError(error)).toBe(true);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(SENTINEL);
  });
});

describe('validateSsml rules', () => {
  const check = (ssml: string, engine: 'standard' | 'neural' | 'long-form' | 'generative' = 'standard') =>
    validateSsml(parseSsml(ssml), { engine });

  it.each([
    ['<speak><phoneme alphabet="ipa" ph=\'pI"kA:n\'>pecan</phoneme></speak>', 'is not IPA'],
    ['<speak><phoneme alphabet="x-sampa" ph="lɛd">lead</phoneme></speak>', 'is not X-SAMPA'],
    ['<speak><phoneme alphabet="ipa" ph="p\'kan">pecan</phoneme></speak>', 'apostrophe'],
    ['<speak><phoneme alphabet="klingon" ph="x">x</phoneme></speak>', 'must be one of ipa, x-sampa'],
    ['<speak><break time="11s"/></speak>', 'at most 10000 ms'],
    ['<speak><prosody rate="10%">x</prosody></speak>', 'at least 20%'],
    ['<speak><prosody>x</prosody></speak>', 'needs one of the attributes'],
    ['<speak><say-as interpret-as="colour">x</say-as></speak>', 'must be one of'],
    ['<speak><say-as interpret-as="date" format="qq">x</say-as></speak>', 'must be one of'],
    ['<speak><say-as interpret-as="cardinal" format="dmy">1</say-as></speak>', 'only allowed with interpret-as="date"'],
    ['<speak><w role="amazon:XX">lead</w></speak>', 'must be one of'],
    ['<speak><sub>AWS</sub></speak>', 'is required'],
    ['<speak><mark/></speak>', 'is required'],
    ['<speak><phoneme alphabet="ipa" ph="lɛd"><b>x</b></phoneme></speak>', 'not SSML that Polly knows'],
    ['<speak><say-as interpret-as="digits"><break/></say-as></speak>', 'may contain only text'],
    ['<speak><p><speak>x</speak></p></speak>', 'may only be the root'],
    ['<speak><lang>x</lang></speak>', 'is required'],
  ])('%s → ValidationError (%s)', (ssml, rule) => {
    const error = catchError(() => check(ssml));
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toContain(rule);
  });

  it('accepts every interpret-as value, every date format and every w role', () => {
    for (const interpretAs of SAY_AS_INTERPRET_AS) {
      check(`<speak><say-as interpret-as="${interpretAs}">12</say-as></speak>`);
    }
    for (const format of SAY_AS_DATE_FORMATS) {
      check(`<speak><say-as interpret-as="date" format="${format}">01-11-1995</say-as></speak>`);
    }
    for (const role of W_ROLES) check(`<speak><w role="${role}">lead</w></speak>`);
  });

  it('fails on markup the engine does not support, naming the engine', () => {
    const error = catchError(() => check('<speak><emphasis level="strong">now</emphasis></speak>', 'neural'));
    expect(isUnsupportedSsmlError(error)).toBe(true);
    expect(isValidationError(error)).toBe(true);
    expect(error).toMatchObject({ element: 'emphasis', engine: 'neural' });
    const pitch = catchError(() => check('<speak><prosody pitch="+10%">x</prosody></speak>', 'neural'));
    expect(pitch).toMatchObject({ element: 'prosody', attribute: 'pitch' });
    expect(isUnsupportedSsmlError(catchError(() => check('<speak><audio src="x"/></speak>')))).toBe(true);
  });

  it('downgrades explicitly, reports each change, and records the source edits', () => {
    const ssml = '<speak>A <emphasis>big</emphasis> <prosody rate="90%" pitch="+5%">deal</prosody>.</speak>';
    const { root, issues, edits } = validateSsml(parseSsml(ssml), { engine: 'neural', onUnsupported: 'downgrade' });
    expect(renderSsml(root)).toBe('<speak>A big <prosody rate="90%">deal</prosody>.</speak>');
    expect(issues).toEqual([
      { kind: 'downgraded', element: 'emphasis', engine: 'neural', offset: 9 },
      { kind: 'partial', element: 'prosody', engine: 'neural', offset: 34 },
      { kind: 'downgraded', element: 'prosody', attribute: 'pitch', engine: 'neural', offset: 34 },
    ]);
    let edited = '';
    let from = 0;
    for (const e of edits) {
      edited += ssml.slice(from, e.start);
      from = e.end;
    }
    edited += ssml.slice(from);
    expect(edited).toBe('<speak>A big <prosody rate="90%">deal</prosody>.</speak>');
  });

  it('reports partial support without changing anything', () => {
    const { issues } = check('<speak><phoneme alphabet="ipa" ph="lɛd">lead</phoneme></speak>', 'generative');
    expect(issues).toEqual([{ kind: 'partial', element: 'phoneme', engine: 'generative', offset: 7 }]);
  });

  it('the matrix is versioned data with a source', () => {
    expect(SSML_ENGINE_MATRIX.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(tagSupport('emphasis', 'standard')).toBe('full');
    expect(tagSupport('voice', 'standard')).toBe('none');
    expect(tagSupport('nonsense', 'standard')).toBeUndefined();
  });
});

describe('checkPhonemes', () => {
  it('accepts the seed post examples in the right alphabet', () => {
    checkPhonemes('ipa', 'lɛd', 'ph');
    checkPhonemes('ipa', 'pɪˈkɑːn', 'ph');
    checkPhonemes('x-sampa', 'lEd', 'ph');
    checkPhonemes('x-sampa', 'pI"kA:n', 'ph');
  });
});

describe('Ssml builder', () => {
  it('escapes by construction: text and attributes', () => {
    const ssml = new Ssml()
      .text(`2'42" & <more>`)
      .sub('R&D', 'research & "development"')
      .phoneme('pecan', { alphabet: 'x-sampa', ph: 'pI"kA:n' })
      .toString();
    expect(ssml).toBe(
      '<speak>2&apos;42&quot; &amp; &lt;more&gt;<sub alias="research &amp; &quot;development&quot;">R&amp;D</sub><phoneme alphabet="x-sampa" ph="pI&quot;kA:n">pecan</phoneme></speak>',
    );
    expect(parseSsml(ssml).children[1]).toMatchObject({ attributes: { alias: 'research & "development"' } });
  });

  it('builds every tag and validates each on the way in', () => {
    const { ssml, issues } = new Ssml()
      .p((p) => p.s('One.').s((s) => s.text('Two ').mark('m1').text('three.')))
      .break({ timeMs: 300 })
      .break({ strength: 'strong' })
      .prosody({ rate: '90%', volume: 'loud', pitch: '+5%', maxDurationMs: 2000 }, 'slow')
      .emphasis('now', 'strong')
      .lang('fr-FR', 'bonjour')
      .phoneme('lead', { alphabet: 'ipa', ph: 'lɛd' })
      .sayAs('01-11-1995', { interpretAs: 'date', format: 'dmy' })
      .sub('AWS', 'Amazon Web Services')
      .w('lead', 'amazon:VBD')
      .effect({ name: 'drc' }, 'loud room')
      .build({ engine: 'standard', lang: 'en-US' });
    expect(issues).toEqual([]);
    expect(ssml.startsWith('<speak xml:lang="en-US"><p><s>One.</s><s>Two <mark name="m1"/>three.</s></p>')).toBe(true);
    expect(validateSsml(parseSsml(ssml), { engine: 'standard' }).issues).toEqual([]);
    const news = new Ssml().domain('news', 'headline');
    expect(() => news.build({ engine: 'standard' })).toThrow(/amazon:domain/);
    expect(news.build({ engine: 'neural' }).issues).toEqual([
      { kind: 'partial', element: 'amazon:domain', engine: 'neural' },
    ]);
  });

  it('rejects bad arguments before building', () => {
    expect(() => new Ssml().phoneme('pecan', { alphabet: 'ipa', ph: 'pI"kA:n' })).toThrow(/is not IPA/);
    expect(() => new Ssml().break({ timeMs: 20_000 })).toThrow(/at most 10000/);
    expect(() => new Ssml().sayAs('1', { interpretAs: 'cardinal', format: 'dmy' })).toThrow(/date/);
    expect(() => new Ssml().prosody({}, 'x')).toThrow(/needs one of/);
    expect(() => new Ssml().p('')).toThrow(/must not be empty/);
  });

  it('downgrades for an engine only when asked', () => {
    const builder = new Ssml().text('A ').emphasis('big').text(' deal');
    expect(() => builder.build({ engine: 'neural' })).toThrow(/not supported by the neural engine/);
    expect(builder.build({ engine: 'neural', onUnsupported: 'downgrade' })).toEqual({
      ssml: '<speak>A big deal</speak>',
      issues: [{ kind: 'downgraded', element: 'emphasis', engine: 'neural' }],
    });
  });

  it('escapeXml leaves no special character', () => {
    expect(escapeXml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&apos;');
  });
});

describe('the XML declaration and comments', () => {
  it('accepts a leading <?xml?> and comments, and rejects a late processing instruction', () => {
    const root = parseSsml('<?xml version="1.0"?>\n<!-- intro --><speak>a<!-- x -->b</speak>');
    expect(ssmlToText(root)).toBe('ab');
    expect(() => parseSsml('<speak>a<?php x ?></speak>')).toThrow(/processing instruction/);
    expect(() => parseSsml('<speak>a<!-- open</speak>')).toThrow(/unterminated comment/);
  });
});
