/**
 * Validation of an SSML tree: attribute rules per tag (Polly's values and ranges), phoneme alphabets, and
 * tag support on the chosen engine — an unsupported tag is an {@link UnsupportedSsmlError} or, if the caller
 * asks, an explicit downgrade that is reported, never a silent drop.
 *
 * @module
 */
import { isAwsMlKitError, ValidationError } from '../kit/errors.js';
import { attributeSupport, tagSupport } from './engineMatrix.js';
import { POLLY_LIMITS, type PollyEngine } from './limits.js';
import type { SsmlElement, SsmlNode } from './parseSsml.js';
import { checkPhonemes, PHONETIC_ALPHABETS } from './phonemes.js';
import { describeElement } from './xml.js';

/** What to do with markup the engine does not support: fail, or remove it and report. */
export type UnsupportedSsmlPolicy = 'error' | 'downgrade';

/** A reported change or caveat. */
export interface SsmlIssue {
  /** `downgraded`: markup removed (its text kept); `partial`: kept, but the engine may ignore or approximate it. */
  readonly kind: 'downgraded' | 'partial';
  /** Tag name. */
  readonly element: string;
  /** Attribute name, when the issue is about one attribute. */
  readonly attribute?: string;
  /** The engine checked against. */
  readonly engine: PollyEngine;
  /** Source offset of the element's start tag, for parsed SSML. */
  readonly offset?: number;
}

const UNSUPPORTED_BRAND: unique symbol = Symbol.for('aws-ml-kit.polly.unsupported-ssml') as never;

/** A source range to delete from parsed SSML to apply a downgrade. */
export interface SsmlSourceEdit {
  /** Offset of the first removed character. */
  readonly start: number;
  /** Offset after the last removed character. */
  readonly end: number;
}

/** Result of {@link validateSsml}. */
export interface ValidatedSsml {
  /** The tree, with downgrades applied. */
  readonly root: SsmlElement;
  /** Downgrades and partial-support notes. */
  readonly issues: readonly SsmlIssue[];
  /** For parsed SSML: the source ranges the downgrades delete, sorted, not overlapping. */
  readonly edits: readonly SsmlSourceEdit[];
}

/**
 * Markup the chosen engine does not support, under the `error` policy: a `ValidationError` (same `name` and
 * `code`, so `isValidationError` holds) whose `field` is the element path and which also names the engine.
 *
 * @example
 * ```ts
 * if (isUnsupportedSsmlError(e)) console.error(`${e.element} is not supported by ${e.engine}`);
 * ```
 */
export class UnsupportedSsmlError extends ValidationError {
  /** Tag name. */
  readonly element: string;
  /** Attribute name, when one attribute is the problem. */
  readonly attribute: string | undefined;
  /** The engine checked against. */
  readonly engine: PollyEngine;

  constructor(field: string, element: string, attribute: string | undefined, engine: PollyEngine) {
    super(
      field,
      `${describeElement(element)}${attribute ? ` attribute ${attribute}` : ''} is not supported by the ${engine} engine (pass onUnsupported: 'downgrade' to remove it and get a report)`,
    );
    // Keeps the name ValidationError so isValidationError() still holds; its own brand tells it apart.
    Object.defineProperty(this, UNSUPPORTED_BRAND, { value: true });
    this.element = element;
    this.attribute = attribute;
    this.engine = engine;
  }
}

/**
 * True for an {@link UnsupportedSsmlError} (brand-based, works across package copies).
 *
 * @example
 * ```ts
 * if (isUnsupportedSsmlError(e)) retryWith({ onUnsupported: 'downgrade' });
 * ```
 */
export function isUnsupportedSsmlError(value: unknown): value is UnsupportedSsmlError {
  return isAwsMlKitError(value) && (value as unknown as Record<symbol, unknown>)[UNSUPPORTED_BRAND] === true;
}

/** Options of {@link validateSsml}. */
export interface ValidateSsmlOptions {
  /** Engine to check against. Default `standard`. */
  readonly engine?: PollyEngine;
  /** Default `error`. */
  readonly onUnsupported?: UnsupportedSsmlPolicy;
  /** Field name used in errors. Default `ssml`. */
  readonly field?: string;
}

/** `interpret-as` values of `<say-as>`. */
export const SAY_AS_INTERPRET_AS = Object.freeze([
  'characters',
  'spell-out',
  'cardinal',
  'number',
  'ordinal',
  'digits',
  'fraction',
  'unit',
  'date',
  'time',
  'address',
  'expletive',
  'telephone',
] as const);
/** A `<say-as interpret-as>` value. */
export type SayAsInterpretAs = (typeof SAY_AS_INTERPRET_AS)[number];

/** `format` values of `<say-as interpret-as="date">`. */
export const SAY_AS_DATE_FORMATS = Object.freeze([
  'mdy',
  'dmy',
  'ymd',
  'md',
  'dm',
  'ym',
  'my',
  'd',
  'm',
  'y',
  'yyyymmdd',
] as const);
/** A `<say-as format>` value for dates. */
export type SayAsDateFormat = (typeof SAY_AS_DATE_FORMATS)[number];

/** `role` values of `<w>`. */
export const W_ROLES = Object.freeze([
  'amazon:VB',
  'amazon:VBD',
  'amazon:NN',
  'amazon:IN',
  'amazon:JJ',
  'amazon:DT',
  'amazon:SENSE_1',
] as const);
/** A `<w role>` value. */
export type WRole = (typeof W_ROLES)[number];

const BREAK_STRENGTHS = ['none', 'x-weak', 'weak', 'medium', 'strong', 'x-strong'];
const EMPHASIS_LEVELS = ['strong', 'moderate', 'reduced'];
const RATE_WORDS = ['x-slow', 'slow', 'medium', 'fast', 'x-fast'];
const VOLUME_WORDS = ['default', 'silent', 'x-soft', 'soft', 'medium', 'loud', 'x-loud'];
const PITCH_WORDS = ['default', 'x-low', 'low', 'medium', 'high', 'x-high'];
const LANG_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const TIME = /^(\d+(?:\.\d+)?)(ms|s)$/;

type Rule = (value: string) => string | undefined;
const oneOf =
  (values: readonly string[]): Rule =>
  (v) =>
    values.includes(v) ? undefined : `must be one of ${values.join(', ')}`;
const nonEmpty: Rule = (v) => (v.trim().length > 0 ? undefined : 'must be non-empty');

interface TagRule {
  readonly attributes: Readonly<Record<string, Rule>>;
  readonly required?: readonly string[];
  readonly anyOf?: readonly string[];
  readonly empty?: boolean;
}

const timeRule: Rule = (v) => {
  const m = TIME.exec(v.trim());
  if (!m) return 'must be a duration such as 300ms or 1.5s';
  const ms = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
  return ms <= POLLY_LIMITS.maxBreakMs ? undefined : `must be at most ${POLLY_LIMITS.maxBreakMs} ms`;
};

const RULES: Readonly<Record<string, TagRule>> = {
  speak: {
    attributes: {
      'xml:lang': (v) => (LANG_TAG.test(v) ? undefined : 'must be a language tag such as en-US'),
      version: nonEmpty,
      xmlns: nonEmpty,
      'xmlns:amazon': nonEmpty,
    },
  },
  p: { attributes: {} },
  s: { attributes: {} },
  break: { attributes: { time: timeRule, strength: oneOf(BREAK_STRENGTHS) }, empty: true },
  lang: {
    attributes: {
      'xml:lang': (v) => (LANG_TAG.test(v) ? undefined : 'must be a language tag such as fr-FR'),
      onlangfailure: nonEmpty,
    },
    required: ['xml:lang'],
  },
  sub: { attributes: { alias: nonEmpty }, required: ['alias'] },
  w: { attributes: { role: oneOf(W_ROLES) }, required: ['role'] },
  emphasis: { attributes: { level: oneOf(EMPHASIS_LEVELS) } },
  mark: { attributes: { name: nonEmpty }, required: ['name'], empty: true },
  phoneme: { attributes: { alphabet: oneOf(PHONETIC_ALPHABETS), ph: nonEmpty }, required: ['alphabet', 'ph'] },
  prosody: {
    attributes: {
      rate: (v) => {
        if (RATE_WORDS.includes(v)) return undefined;
        const m = /^(\d+(?:\.\d+)?)%$/.exec(v);
        return m && Number(m[1]) >= POLLY_LIMITS.minProsodyRatePercent
          ? undefined
          : `must be ${RATE_WORDS.join(', ')} or a percentage of at least ${POLLY_LIMITS.minProsodyRatePercent}%`;
      },
      volume: (v) =>
        VOLUME_WORDS.includes(v) || /^[+-]\d+(\.\d+)?dB$/.test(v)
          ? undefined
          : `must be ${VOLUME_WORDS.join(', ')} or ±NdB`,
      pitch: (v) =>
        PITCH_WORDS.includes(v) || /^[+-]\d+(\.\d+)?%$/.test(v)
          ? undefined
          : `must be ${PITCH_WORDS.join(', ')} or ±N%`,
      'amazon:max-duration': timeRule,
    },
    anyOf: ['rate', 'volume', 'pitch', 'amazon:max-duration'],
  },
  'say-as': {
    attributes: {
      'interpret-as': oneOf(SAY_AS_INTERPRET_AS),
      format: oneOf(SAY_AS_DATE_FORMATS),
      detail: nonEmpty,
    },
    required: ['interpret-as'],
  },
  'amazon:auto-breaths': {
    attributes: {
      volume: oneOf(['default', 'x-soft', 'soft', 'medium', 'loud', 'x-loud']),
      frequency: oneOf(['default', 'x-low', 'low', 'medium', 'high', 'x-high']),
      duration: oneOf(['default', 'x-short', 'short', 'medium', 'long', 'x-long']),
    },
  },
  'amazon:breath': {
    attributes: {
      volume: oneOf(['default', 'x-soft', 'soft', 'medium', 'loud', 'x-loud']),
      duration: oneOf(['default', 'x-short', 'short', 'medium', 'long', 'x-long']),
    },
    empty: true,
  },
  'amazon:domain': { attributes: { name: oneOf(['news', 'conversational']) }, required: ['name'] },
  'amazon:effect': {
    attributes: {
      name: oneOf(['drc', 'whispered']),
      phonation: oneOf(['soft']),
      'vocal-tract-length': (v) => (/^[+-]?\d+(\.\d+)?%$/.test(v) ? undefined : 'must be a percentage such as +10%'),
    },
    anyOf: ['name', 'phonation', 'vocal-tract-length'],
  },
};

/**
 * Checks one element's attributes (not its engine support); throws a `ValidationError` on `field`.
 *
 * @example
 * ```ts
 * checkElementAttributes('break', { time: '12s' }, 'ssml'); // ValidationError: must be at most 10000 ms
 * ```
 */
export function checkElementAttributes(
  name: string,
  attributes: Readonly<Record<string, string>>,
  field: string,
  hasChildren = false,
): void {
  const rule = RULES[name];
  if (!rule) return;
  for (const [attribute, value] of Object.entries(attributes)) {
    const check = rule.attributes[attribute];
    if (!check) {
      if (name === 'speak' || attribute.startsWith('xmlns')) continue;
      throw new ValidationError(
        `${field}@${safeAttribute(attribute)}`,
        `is not an attribute of ${describeElement(name)}`,
      );
    }
    const problem = check(value);
    if (problem) throw new ValidationError(`${field}@${attribute}`, problem);
  }
  for (const attribute of rule.required ?? []) {
    if (attributes[attribute] === undefined) throw new ValidationError(`${field}@${attribute}`, 'is required');
  }
  if (rule.anyOf && !rule.anyOf.some((a) => attributes[a] !== undefined)) {
    throw new ValidationError(field, `needs one of the attributes ${rule.anyOf.join(', ')}`);
  }
  if (name === 'say-as' && attributes.format !== undefined && attributes['interpret-as'] !== 'date') {
    throw new ValidationError(`${field}@format`, 'is only allowed with interpret-as="date"');
  }
  if (name === 'phoneme') checkPhonemes(attributes.alphabet!, attributes.ph!, `${field}@ph`);
  if (name === 'break' && attributes.time !== undefined && attributes.strength !== undefined) {
    throw new ValidationError(field, 'takes time or strength, not both');
  }
  if (rule.empty && hasChildren) throw new ValidationError(field, `${describeElement(name)} must be empty`);
}

function safeAttribute(name: string): string {
  return /^[\w:.-]{1,32}$/.test(name) ? name : '(attribute)';
}

/**
 * Validates an SSML tree for `engine`: attribute rules, phoneme alphabets, nesting (`<speak>` only at the
 * root, nothing inside `<phoneme>`, `<say-as>`, `<sub>` but text), and tag support. Unsupported markup throws
 * {@link UnsupportedSsmlError}, or under `onUnsupported: 'downgrade'` is removed (its text kept) and reported.
 *
 * @example
 * ```ts
 * const { root, issues } = validateSsml(parseSsml('<speak><emphasis>now</emphasis></speak>'), {
 *   engine: 'neural',
 *   onUnsupported: 'downgrade',
 * });
 * issues; // [{ kind: 'downgraded', element: 'emphasis', engine: 'neural', offset: 7 }]
 * ```
 */
export function validateSsml(root: SsmlElement, options: ValidateSsmlOptions = {}): ValidatedSsml {
  const engine = options.engine ?? 'standard';
  const policy = options.onUnsupported ?? 'error';
  const field = options.field ?? 'ssml';
  if (policy !== 'error' && policy !== 'downgrade') {
    throw new ValidationError('options.onUnsupported', 'must be "error" or "downgrade"');
  }
  if (root.type !== 'element' || root.name !== 'speak')
    throw new ValidationError(field, 'must have the root element <speak>');
  const issues: SsmlIssue[] = [];
  const edits: SsmlSourceEdit[] = [];

  const visit = (element: SsmlElement, path: string, parentName: string | undefined): SsmlNode[] => {
    const { name } = element;
    const support = tagSupport(name, engine);
    if (support === undefined) throw new ValidationError(path, `${describeElement(name)} is not SSML that Polly knows`);
    if (name === 'speak' && parentName !== undefined) throw new ValidationError(path, '<speak> may only be the root');
    if (parentName !== undefined && TEXT_ONLY.has(parentName)) {
      throw new ValidationError(path, `${describeElement(parentName)} may contain only text`);
    }
    const offset = element.source?.openStart;
    const at = offset === undefined ? {} : { offset };
    if (support === 'none') {
      if (policy === 'error') throw new UnsupportedSsmlError(path, name, undefined, engine);
      issues.push({ kind: 'downgraded', element: name, engine, ...at });
      if (element.source) {
        edits.push({ start: element.source.openStart, end: element.source.openEnd });
        if (element.source.closeStart !== element.source.openEnd) {
          edits.push({ start: element.source.closeStart, end: element.source.closeEnd });
        }
      }
      return visitChildren(element, path, parentName);
    }
    checkElementAttributes(name, element.attributes, path, element.children.length > 0);
    if (support === 'partial') issues.push({ kind: 'partial', element: name, engine, ...at });
    let attributes = element.attributes;
    for (const [attribute, value] of Object.entries(element.attributes)) {
      const attrSupport = attributeSupport(name, attribute, value, engine);
      if (attrSupport === 'full') continue;
      if (attrSupport === 'partial') {
        issues.push({ kind: 'partial', element: name, attribute, engine, ...at });
        continue;
      }
      if (policy === 'error') throw new UnsupportedSsmlError(`${path}@${attribute}`, name, attribute, engine);
      issues.push({ kind: 'downgraded', element: name, attribute, engine, ...at });
      const range = element.source?.attributes[attribute];
      if (range) edits.push({ start: range[0], end: range[1] });
      const { [attribute]: _removed, ...rest } = attributes;
      attributes = rest;
    }
    const children = visitChildren(element, path, name);
    return [{ type: 'element', name, attributes, children, ...(element.source ? { source: element.source } : {}) }];
  };

  const visitChildren = (element: SsmlElement, path: string, nameForChildren: string | undefined): SsmlNode[] => {
    const out: SsmlNode[] = [];
    element.children.forEach((child, i) => {
      if (child.type === 'text') out.push(child);
      else
        out.push(
          ...visit(
            child,
            `${path}.${tagSupport(child.name, engine) === undefined ? 'element' : child.name}[${i}]`,
            nameForChildren,
          ),
        );
    });
    return out;
  };

  const [validated] = visit(root, field, undefined);
  edits.sort((a, b) => a.start - b.start);
  return { root: validated as SsmlElement, issues, edits };
}

const TEXT_ONLY = new Set(['phoneme', 'say-as', 'sub']);
