/**
 * A small, independent implementation of the AWS event-stream binary framing (prelude, typed headers, payload,
 * two CRC32s) for the stand-ins. Written apart from the library's `@smithy/eventstream-codec` use on purpose, so
 * the two check each other.
 *
 * @module
 */
import { crc32 } from 'node:zlib';

/** A decoded event-stream message. Header values are strings, numbers, booleans, bigints, Dates or bytes. */
export interface EventStreamMessage {
  /** Headers by name. */
  readonly headers: Readonly<Record<string, unknown>>;
  /** The payload. */
  readonly body: Uint8Array;
}

/**
 * Encodes a message whose headers are all strings (what the Transcribe service sends).
 *
 * @example
 * ```ts
 * socket.send(encodeEventStreamMessage({ ':message-type': 'event', ':event-type': 'TranscriptEvent' }, json));
 * ```
 */
export function encodeEventStreamMessage(headers: Readonly<Record<string, string>>, body: Uint8Array): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = encoder.encode(name);
    const valueBytes = encoder.encode(value);
    const header = new Uint8Array(1 + nameBytes.byteLength + 3 + valueBytes.byteLength);
    header[0] = nameBytes.byteLength;
    header.set(nameBytes, 1);
    header[1 + nameBytes.byteLength] = 7; // string
    new DataView(header.buffer).setUint16(2 + nameBytes.byteLength, valueBytes.byteLength);
    header.set(valueBytes, 4 + nameBytes.byteLength);
    parts.push(header);
  }
  const headersLength = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const total = 16 + headersLength + body.byteLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headersLength);
  view.setUint32(8, crc32(out.subarray(0, 8)));
  let offset = 12;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  out.set(body, offset);
  view.setUint32(total - 4, crc32(out.subarray(0, total - 4)));
  return out;
}

/**
 * Decodes one whole message, checking both CRCs.
 *
 * @example
 * ```ts
 * const { headers, body } = decodeEventStreamMessage(frame);
 * ```
 * @throws Error for a bad length or CRC.
 */
export function decodeEventStreamMessage(bytes: Uint8Array): EventStreamMessage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 16) throw new Error('event-stream message shorter than 16 bytes');
  const total = view.getUint32(0);
  const headersLength = view.getUint32(4);
  if (total !== bytes.byteLength) throw new Error(`event-stream length ${total} ≠ ${bytes.byteLength}`);
  if (view.getUint32(8) !== crc32(bytes.subarray(0, 8))) throw new Error('event-stream prelude CRC mismatch');
  if (view.getUint32(total - 4) !== crc32(bytes.subarray(0, total - 4)))
    throw new Error('event-stream message CRC mismatch');
  const headers: Record<string, unknown> = {};
  const decoder = new TextDecoder();
  let offset = 12;
  const end = 12 + headersLength;
  while (offset < end) {
    const nameLength = bytes[offset]!;
    const name = decoder.decode(bytes.subarray(offset + 1, offset + 1 + nameLength));
    offset += 1 + nameLength;
    const type = bytes[offset++]!;
    switch (type) {
      case 0:
      case 1:
        headers[name] = type === 0;
        break;
      case 2:
        headers[name] = view.getInt8(offset);
        offset += 1;
        break;
      case 3:
        headers[name] = view.getInt16(offset);
        offset += 2;
        break;
      case 4:
        headers[name] = view.getInt32(offset);
        offset += 4;
        break;
      case 5:
        headers[name] = view.getBigInt64(offset);
        offset += 8;
        break;
      case 6:
      case 7: {
        const length = view.getUint16(offset);
        const value = bytes.subarray(offset + 2, offset + 2 + length);
        headers[name] = type === 7 ? decoder.decode(value) : value;
        offset += 2 + length;
        break;
      }
      case 8:
        headers[name] = new Date(Number(view.getBigInt64(offset)));
        offset += 8;
        break;
      case 9:
        headers[name] = bytes.subarray(offset, offset + 16);
        offset += 16;
        break;
      default:
        throw new Error(`event-stream header type ${type} unknown`);
    }
  }
  return { headers, body: bytes.subarray(end, total - 4) };
}

/**
 * Splits a byte stream into whole event-stream messages (HTTP/2 data frames cut messages anywhere).
 *
 * @example
 * ```ts
 * const splitter = new EventStreamSplitter();
 * stream.on('data', (chunk) => { for (const message of splitter.push(chunk)) handle(message); });
 * ```
 */
export class EventStreamSplitter {
  #buffer = new Uint8Array(0);

  /** Adds bytes; returns the messages now complete. */
  push(chunk: Uint8Array): EventStreamMessage[] {
    const joined = new Uint8Array(this.#buffer.byteLength + chunk.byteLength);
    joined.set(this.#buffer);
    joined.set(chunk, this.#buffer.byteLength);
    const messages: EventStreamMessage[] = [];
    let offset = 0;
    while (joined.byteLength - offset >= 4) {
      const total = new DataView(joined.buffer, offset, 4).getUint32(0);
      if (total < 16) throw new Error('event-stream message shorter than 16 bytes');
      if (joined.byteLength - offset < total) break;
      messages.push(decodeEventStreamMessage(joined.subarray(offset, offset + total)));
      offset += total;
    }
    this.#buffer = joined.slice(offset);
    return messages;
  }
}
