/**
 * A typed SSML builder for Amazon Polly. Text and attribute values are escaped by construction; every tag's
 * attributes are checked when it is added; {@link Ssml.build} checks tag support on an engine.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import type { PollyEngine } from './limits.js';
import { renderSsml, type SsmlElement, type SsmlNode } from './parseSsml.js';
import type { PhoneticAlphabet } from './phonemes.js';
import {
  checkElementAttributes,
  type SayAsDateFormat,
  type SayAsInterpretAs,
  type SsmlIssue,
  type UnsupportedSsmlPolicy,
  validateSsml,
  type WRole,
} from './validateSsml.js';

/** Content of a container tag: plain text, or a callback that fills a nested builder. */
export type SsmlContent = string | ((inner: Ssml) => unknown);

/** Options of {@link Ssml.break}. */
export interface SsmlBreakOptions {
  /** Pause length in milliseconds (at most 10,000). */
  readonly timeMs?: number;
  /** Or a strength instead of a length. */
  readonly strength?: 'none' | 'x-weak' | 'weak' | 'medium' | 'strong' | 'x-strong';
}

/** Options of {@link Ssml.prosody}. At least one is needed. */
export interface SsmlProsodyOptions {
  /** `x-slow` … `x-fast`, or a percentage string of at least `20%`. */
  readonly rate?: string;
  /** `silent` … `x-loud`, or `+6dB` / `-3dB`. */
  readonly volume?: string;
  /** `x-low` … `x-high`, or `+10%` / `-5%` (standard engine only). */
  readonly pitch?: string;
  /** Longest the content may take, in milliseconds (standard engine only). */
  readonly maxDurationMs?: number;
}

/** Options of {@link Ssml.sayAs}. */
export interface SsmlSayAsOptions {
  /** How to read the text. */
  readonly interpretAs: SayAsInterpretAs;
  /** Field order of a date (only with `interpretAs: 'date'`). */
  readonly format?: SayAsDateFormat;
  /** Extra detail some interpretations take. */
  readonly detail?: string;
}

/** Options of {@link Ssml.build}. */
export interface SsmlBuildOptions {
  /** Engine to check tag support against. Default `standard`. */
  readonly engine?: PollyEngine;
  /** Unsupported markup: throw (`error`, default) or remove it and report it (`downgrade`). */
  readonly onUnsupported?: UnsupportedSsmlPolicy;
  /** `xml:lang` of `<speak>`. */
  readonly lang?: string;
}

/** Result of {@link Ssml.build}. */
export interface BuiltSsml {
  /** The SSML document. */
  readonly ssml: string;
  /** Downgrades made and partial-support caveats for the engine. */
  readonly issues: readonly SsmlIssue[];
}

/**
 * A fluent SSML builder; every method returns the builder.
 *
 * @example
 * ```ts
 * const { ssml } = new Ssml()
 *   .text('You say, ')
 *   .phoneme('pecan', { alphabet: 'x-sampa', ph: 'pI"kA:n' })
 *   .text('. ')
 *   .sub('AWS', 'Amazon Web Services')
 *   .break({ timeMs: 300 })
 *   .build({ engine: 'neural' });
 * ```
 */
export class Ssml {
  readonly #nodes: SsmlNode[] = [];

  /**
   * The nodes added so far (a copy).
   *
   * @example
   * ```ts
   * new Ssml().text('hi').nodes; // [{ type: 'text', text: 'hi' }]
   * ```
   */
  get nodes(): SsmlNode[] {
    return [...this.#nodes];
  }

  /**
   * Plain text; `&`, `<`, `>`, quotes are escaped when rendered.
   *
   * @example
   * ```ts
   * new Ssml().text(`2'42" & counting`);
   * ```
   */
  text(text: string): this {
    if (typeof text !== 'string') throw new ValidationError('text', `must be a string, got ${typeof text}`);
    if (text.length > 0) this.#nodes.push({ type: 'text', text });
    return this;
  }

  /**
   * Appends the nodes of another builder.
   *
   * @example
   * ```ts
   * new Ssml().append(new Ssml().text('intro')).p('body');
   * ```
   */
  append(other: Ssml): this {
    this.#nodes.push(...other.nodes);
    return this;
  }

  /**
   * A paragraph.
   *
   * @example
   * ```ts
   * new Ssml().p('First paragraph.').p((p) => p.s('One sentence.').s('Another.'));
   * ```
   */
  p(content: SsmlContent): this {
    return this.#element('p', {}, content);
  }

  /**
   * A sentence.
   *
   * @example
   * ```ts
   * new Ssml().s('A sentence without a full stop')
   * ```
   */
  s(content: SsmlContent): this {
    return this.#element('s', {}, content);
  }

  /**
   * A pause, by length (at most 10 s) or strength.
   *
   * @example
   * ```ts
   * new Ssml().text('Wait').break({ timeMs: 500 }).text('go');
   * ```
   */
  break(options: SsmlBreakOptions = {}): this {
    const attributes: Record<string, string> = {};
    if (options.timeMs !== undefined) attributes.time = `${checkMs(options.timeMs, 'break.timeMs')}ms`;
    if (options.strength !== undefined) attributes.strength = options.strength;
    return this.#element('break', attributes, undefined);
  }

  /**
   * Rate, volume, pitch or maximum duration of the content.
   *
   * @example
   * ```ts
   * new Ssml().prosody({ volume: 'loud', rate: '90%' }, 'Listen!');
   * ```
   */
  prosody(options: SsmlProsodyOptions, content: SsmlContent): this {
    const attributes: Record<string, string> = {};
    if (options.rate !== undefined) attributes.rate = options.rate;
    if (options.volume !== undefined) attributes.volume = options.volume;
    if (options.pitch !== undefined) attributes.pitch = options.pitch;
    if (options.maxDurationMs !== undefined) {
      attributes['amazon:max-duration'] = `${checkMs(options.maxDurationMs, 'prosody.maxDurationMs')}ms`;
    }
    return this.#element('prosody', attributes, content);
  }

  /**
   * Emphasis (standard engine only).
   *
   * @example
   * ```ts
   * new Ssml().emphasis('really', 'strong');
   * ```
   */
  emphasis(content: SsmlContent, level?: 'strong' | 'moderate' | 'reduced'): this {
    return this.#element('emphasis', level === undefined ? {} : { level }, content);
  }

  /**
   * Content in another language, e.g. `fr-FR`.
   *
   * @example
   * ```ts
   * new Ssml().text('The word ').lang('fr-FR', 'bonjour');
   * ```
   */
  lang(lang: string, content: SsmlContent): this {
    return this.#element('lang', { 'xml:lang': lang }, content);
  }

  /**
   * A named mark: an `ssml` speech mark is emitted when speech reaches it.
   *
   * @example
   * ```ts
   * new Ssml().mark('illustration-3').text('The car');
   * ```
   */
  mark(name: string): this {
    return this.#element('mark', { name }, undefined);
  }

  /**
   * A word pronounced with phonemes in IPA or X-SAMPA. The alphabet is checked: X-SAMPA labelled `ipa`, IPA
   * labelled `x-sampa` and an ASCII apostrophe used as IPA stress are `ValidationError`s.
   *
   * @example
   * ```ts
   * new Ssml().phoneme('lead', { alphabet: 'ipa', ph: 'lɛd' });
   * ```
   */
  phoneme(text: string, options: { alphabet: PhoneticAlphabet; ph: string }): this {
    return this.#element('phoneme', { alphabet: options.alphabet, ph: options.ph }, text);
  }

  /**
   * Text read as characters, a number, a date in a given format, a phone number …
   *
   * @example
   * ```ts
   * new Ssml().sayAs('01-11-1995', { interpretAs: 'date', format: 'dmy' });
   * ```
   */
  sayAs(text: string, options: SsmlSayAsOptions): this {
    const attributes: Record<string, string> = { 'interpret-as': options.interpretAs };
    if (options.format !== undefined) attributes.format = options.format;
    if (options.detail !== undefined) attributes.detail = options.detail;
    return this.#element('say-as', attributes, text);
  }

  /**
   * Text spoken as `alias`, e.g. an acronym.
   *
   * @example
   * ```ts
   * new Ssml().sub('AWS', 'Amazon Web Services');
   * ```
   */
  sub(text: string, alias: string): this {
    return this.#element('sub', { alias }, text);
  }

  /**
   * A word with a part of speech or sense (`amazon:VB`, `amazon:VBD`, `amazon:NN`, `amazon:SENSE_1` …).
   *
   * @example
   * ```ts
   * new Ssml().w('lead', 'amazon:SENSE_1'); // the metal
   * ```
   */
  w(text: string, role: WRole): this {
    return this.#element('w', { role }, text);
  }

  /**
   * A speaking style of select neural voices (`news`, `conversational`).
   *
   * @example
   * ```ts
   * new Ssml().domain('news', 'Markets rose today.');
   * ```
   */
  domain(name: 'news' | 'conversational', content: SsmlContent): this {
    return this.#element('amazon:domain', { name }, content);
  }

  /**
   * A voice effect: `drc`, `whispered`, soft phonation or vocal-tract length.
   *
   * @example
   * ```ts
   * new Ssml().effect({ name: 'drc' }, 'Louder in a noisy room.');
   * ```
   */
  effect(
    options: { name?: 'drc' | 'whispered'; phonation?: 'soft'; vocalTractLength?: string },
    content: SsmlContent,
  ): this {
    const attributes: Record<string, string> = {};
    if (options.name !== undefined) attributes.name = options.name;
    if (options.phonation !== undefined) attributes.phonation = options.phonation;
    if (options.vocalTractLength !== undefined) attributes['vocal-tract-length'] = options.vocalTractLength;
    return this.#element('amazon:effect', attributes, content);
  }

  /**
   * The document as a tree rooted at `<speak>`.
   *
   * @example
   * ```ts
   * new Ssml().text('hi').toTree().name; // 'speak'
   * ```
   */
  toTree(lang?: string): SsmlElement {
    const attributes: Record<string, string> = lang === undefined ? {} : { 'xml:lang': lang };
    checkElementAttributes('speak', attributes, 'lang');
    return { type: 'element', name: 'speak', attributes, children: this.nodes };
  }

  /**
   * Renders `<speak>…</speak>` after checking tag support on `engine`.
   *
   * @throws UnsupportedSsmlError for markup the engine does not support, unless `onUnsupported: 'downgrade'`.
   * @example
   * ```ts
   * const { ssml, issues } = new Ssml().emphasis('now').build({ engine: 'neural', onUnsupported: 'downgrade' });
   * // ssml: '<speak>now</speak>', issues: [{ kind: 'downgraded', element: 'emphasis', engine: 'neural' }]
   * ```
   */
  build(options: SsmlBuildOptions = {}): BuiltSsml {
    const { root, issues } = validateSsml(this.toTree(options.lang), {
      engine: options.engine ?? 'standard',
      onUnsupported: options.onUnsupported ?? 'error',
    });
    return { ssml: renderSsml(root), issues };
  }

  /**
   * Renders `<speak>…</speak>` without an engine check.
   *
   * @example
   * ```ts
   * String(new Ssml().text('R&D')); // '<speak>R&amp;D</speak>'
   * ```
   */
  toString(): string {
    return renderSsml(this.toTree());
  }

  #element(name: string, attributes: Record<string, string>, content: SsmlContent | undefined): this {
    let children: SsmlNode[] = [];
    if (typeof content === 'string') children = content.length > 0 ? [{ type: 'text', text: content }] : [];
    else if (typeof content === 'function') {
      const inner = new Ssml();
      content(inner);
      children = inner.nodes;
    } else if (content !== undefined) {
      throw new ValidationError(name, 'content must be a string or a function filling a nested builder');
    }
    checkElementAttributes(name, attributes, name, children.length > 0);
    if (children.length === 0 && content !== undefined) throw new ValidationError(name, 'content must not be empty');
    this.#nodes.push({ type: 'element', name, attributes, children });
    return this;
  }
}

function checkMs(value: number, field: string): number {
  if (!(Number.isFinite(value) && value >= 0))
    throw new ValidationError(field, `must be a non-negative number, got ${value}`);
  return Math.round(value);
}
