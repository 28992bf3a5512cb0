/**
 * Byte-array concatenation shared by the audio joiner and the synthesizer (internal: not exported from
 * `aws-ml-kit/polly`).
 *
 * @module
 */

/** The parts, one after the other, in a new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.byteLength;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
