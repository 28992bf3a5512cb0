/**
 * A deterministic 128-bit fingerprint (not cryptographic) for the PDF `/ID`: the same input and OCR give the
 * same id, so the same build gives the same bytes.
 *
 * @module
 */

/**
 * Incremental 128-bit hash over bytes and strings.
 *
 * @example
 * ```ts
 * new Fingerprint().update(bytes).updateText('ops').hex(); // 32 hex digits
 * ```
 */
export class Fingerprint {
  private h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a];

  private mix(value: number): void {
    const h = this.h;
    for (let lane = 0; lane < 4; lane++) {
      let x = ((h[lane] ?? 0) ^ (value + lane * 0x9e3779b9)) >>> 0;
      x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
      x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
      h[lane] = (x ^ (x >>> 16) ^ (h[(lane + 1) % 4] ?? 0)) >>> 0;
    }
  }

  /**
   * Adds bytes (4 at a time).
   *
   * @example
   * ```ts
   * fingerprint.update(new Uint8Array([1, 2, 3]));
   * ```
   */
  update(bytes: Uint8Array): this {
    let i = 0;
    for (; i + 4 <= bytes.length; i += 4) {
      this.mix(
        ((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24)) >>>
          0,
      );
    }
    for (; i < bytes.length; i++) this.mix(bytes[i] ?? 0);
    this.mix(bytes.length);
    return this;
  }

  /**
   * Adds a string (UTF-16 code units).
   *
   * @example
   * ```ts
   * fingerprint.updateText('BT … ET');
   * ```
   */
  updateText(text: string): this {
    for (let i = 0; i < text.length; i += 2) this.mix(text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
    this.mix(text.length);
    return this;
  }

  /**
   * The fingerprint as 32 uppercase hex digits.
   *
   * @example
   * ```ts
   * new Fingerprint().hex().length; // 32
   * ```
   */
  hex(): string {
    return this.h.map((v) => v.toString(16).toUpperCase().padStart(8, '0')).join('');
  }
}
