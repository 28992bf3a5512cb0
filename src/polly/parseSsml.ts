/**
 * SSML as a tree: parse user-supplied SSML, render a tree back to SSML, and read its spoken text.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { escapeXml, tokenizeXml, unescapeXml } from './xml.js';

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_RANGES: Record<string, readonly [number, number]> = Object.freeze({}) as Record<
  string,
  readonly [number, number]
>;

/** Source range of a parsed element's start and end tags (absent on built trees). */
export interface SsmlSourceRange {
  /** Offset of the start tag's `<`. */
  readonly openStart: number;
  /** Offset after the start tag's `>`. */
  readonly openEnd: number;
  /** Offset of the end tag's `<` (equals `openEnd` for `<x/>`). */
  readonly closeStart: number;
  /** Offset after the end tag (equals `openEnd` for `<x/>`). */
  readonly closeEnd: number;
  /** Source range of each attribute, by name (leading whitespace to closing quote). */
  readonly attributes: Readonly<Record<string, readonly [number, number]>>;
}

/** An SSML element. */
export interface SsmlElement {
  /** Discriminant. */
  readonly type: 'element';
  /** Tag name, e.g. `say-as` or `amazon:effect`. */
  readonly name: string;
  /** Attribute values, unescaped. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Child nodes in order. */
  readonly children: readonly SsmlNode[];
  /** Where it came from, for parsed SSML. */
  readonly source?: SsmlSourceRange;
}

/** Text inside SSML, unescaped. */
export interface SsmlText {
  /** Discriminant. */
  readonly type: 'text';
  /** The text, unescaped. */
  readonly text: string;
}

/** A node of an SSML tree. */
export type SsmlNode = SsmlElement | SsmlText;

/**
 * Parses SSML into a tree rooted at `<speak>`. Throws a `ValidationError` on `field` for malformed or
 * unbalanced markup, a root other than one `<speak>`, or text outside it. Tag support is checked separately
 * ({@link validateSsml}).
 *
 * @example
 * ```ts
 * const root = parseSsml('<speak>Hello <break time="300ms"/> world</speak>');
 * ssmlToText(root); // 'Hello  world'
 * ```
 */
export function parseSsml(source: string, field = 'ssml'): SsmlElement {
  if (typeof source !== 'string') throw new ValidationError(field, `must be a string, got ${typeof source}`);
  const tokens = tokenizeXml(source, field);
  const stack: {
    name: string;
    attributes: Record<string, string>;
    children: SsmlNode[];
    range: Partial<SsmlSourceRange> & { attributes: Record<string, readonly [number, number]> };
  }[] = [];
  let root: SsmlElement | undefined;
  for (const token of tokens) {
    if (token.kind === 'skip') continue;
    const parent = stack[stack.length - 1];
    if (token.kind === 'text') {
      if (!parent) {
        if (/^\s*$/.test(source.slice(token.start, token.end))) continue;
        throw new ValidationError(field, `has text outside <speak> at offset ${token.start}`);
      }
      const text = unescapeXml(source, field, token.start, token.end);
      const last = parent.children[parent.children.length - 1];
      if (last?.type === 'text') parent.children[parent.children.length - 1] = { type: 'text', text: last.text + text };
      else parent.children.push({ type: 'text', text });
      continue;
    }
    if (token.kind === 'open') {
      if (!parent && (root !== undefined || token.name !== 'speak')) {
        throw new ValidationError(field, `must have exactly one root element, <speak> (offset ${token.start})`);
      }
      // Most elements have no attributes: share one empty record rather than allocate two per element.
      const attributes: Record<string, string> = token.attributes.length === 0 ? NO_ATTRIBUTES : {};
      const ranges: Record<string, readonly [number, number]> = token.attributes.length === 0 ? NO_RANGES : {};
      for (const a of token.attributes) {
        attributes[a.name] = a.value;
        ranges[a.name] = [a.start, a.end];
      }
      const frame = {
        name: token.name,
        attributes,
        children: [] as SsmlNode[],
        range: { openStart: token.start, openEnd: token.end, attributes: ranges } as Partial<SsmlSourceRange> & {
          attributes: Record<string, readonly [number, number]>;
        },
      };
      if (token.selfClosing) {
        const element = finish(frame, token.end, token.end);
        if (parent) parent.children.push(element);
        else root = element;
      } else stack.push(frame);
      continue;
    }
    const frame = stack.pop()!; // tokenizeXml guarantees balance
    const element = finish(frame, token.start, token.end);
    const outer = stack[stack.length - 1];
    if (outer) outer.children.push(element);
    else root = element;
  }
  if (!root) throw new ValidationError(field, 'must have exactly one root element, <speak>');
  return root;
}

function finish(
  frame: {
    name: string;
    attributes: Record<string, string>;
    children: SsmlNode[];
    range: Partial<SsmlSourceRange> & { attributes: Record<string, readonly [number, number]> };
  },
  closeStart: number,
  closeEnd: number,
): SsmlElement {
  return {
    type: 'element',
    name: frame.name,
    attributes: frame.attributes,
    children: frame.children,
    source: {
      openStart: frame.range.openStart!,
      openEnd: frame.range.openEnd!,
      closeStart,
      closeEnd,
      attributes: frame.range.attributes,
    },
  };
}

/**
 * The text an SSML tree contains (all text nodes, in order, unescaped) — what Polly bills, and what speech
 * marks point into. `<sub>` counts its content, not its alias.
 *
 * @example
 * ```ts
 * ssmlToText(parseSsml('<speak>A <sub alias="Amazon Web Services">AWS</sub> talk</speak>')); // 'A AWS talk'
 * ```
 */
export function ssmlToText(node: SsmlNode): string {
  if (node.type === 'text') return node.text;
  let out = '';
  for (const child of node.children) out += ssmlToText(child);
  return out;
}

/**
 * Renders a tree as SSML: text and attribute values escaped, attributes double-quoted, empty elements as `<x/>`.
 *
 * @example
 * ```ts
 * renderSsml({ type: 'element', name: 'speak', attributes: {}, children: [{ type: 'text', text: 'R&D' }] });
 * // '<speak>R&amp;D</speak>'
 * ```
 */
export function renderSsml(node: SsmlNode): string {
  if (node.type === 'text') return escapeXml(node.text);
  let attributes = '';
  for (const [name, value] of Object.entries(node.attributes)) attributes += ` ${name}="${escapeXml(value)}"`;
  if (node.children.length === 0) return `<${node.name}${attributes}/>`;
  let inner = '';
  for (const child of node.children) inner += renderSsml(child);
  return `<${node.name}${attributes}>${inner}</${node.name}>`;
}
