/**
 * Consistent pseudonyms: the same value of the same type always gets the same `[TYPE_n]` within a session.
 *
 * @module
 */

/**
 * Pass one session to several `mask` calls to keep pseudonyms consistent across documents; by default each
 * call uses a fresh session (consistent within the document only). Values are compared after Unicode NFKC
 * normalisation, case folding and whitespace collapsing, so `SALAZAR` and `Salazar` share a pseudonym.
 * The session holds originals in memory: treat it as PHI.
 *
 * @example
 * ```ts
 * const session = new PseudonymSession();
 * session.pseudonymFor('NAME', 'Carlos'); // '[NAME_1]'
 * session.pseudonymFor('NAME', 'carlos'); // '[NAME_1]'
 * session.pseudonymFor('NAME', 'Jorge');  // '[NAME_2]'
 * ```
 */
export class PseudonymSession {
  readonly #counters = new Map<string, number>();
  readonly #tokens = new Map<string, string>();

  /**
   * The pseudonym of `value` of type `type` (a token-safe type name).
   *
   * @example
   * ```ts
   * new PseudonymSession().pseudonymFor('DATE', '11/12/2011'); // '[DATE_1]'
   * ```
   */
  pseudonymFor(type: string, value: string): string {
    const key = `${type}\u0000${normalise(value)}`;
    let token = this.#tokens.get(key);
    if (token === undefined) {
      const n = (this.#counters.get(type) ?? 0) + 1;
      this.#counters.set(type, n);
      token = `[${type}_${n}]`;
      this.#tokens.set(key, token);
    }
    return token;
  }

  /** Number of distinct values seen. */
  get size(): number {
    return this.#tokens.size;
  }

  /**
   * Metadata only, so serialising a session never exposes originals.
   *
   * @example
   * ```ts
   * JSON.stringify(session); // no stored values
   * ```
   */
  toJSON(): Record<string, unknown> {
    return { values: this.#tokens.size };
  }
}

function normalise(value: string): string {
  return value.normalize('NFKC').toLocaleLowerCase('en-US').replace(/\s+/g, ' ').trim();
}
