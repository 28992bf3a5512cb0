/**
 * SDK-shaped clients that misbehave the way a hand-written fake, a broken middleware or a proxy might: they throw
 * errors that quote the request, throw strings, throttle without `$metadata`, or never answer and ignore the
 * `abortSignal` they are given. Every class that calls `send()` must turn the failures into one of our errors
 * without the payload, and must settle on its own signal and deadline.
 */
import { SENTINEL } from './sentinel.js';

/** What a failing client throws. */
export type HostileFailure = 'error-with-payload' | 'string' | 'throttling-without-metadata' | 'sync-throw';

/** The failures, for `it.each`. */
export const HOSTILE_FAILURES: readonly HostileFailure[] = [
  'error-with-payload',
  'string',
  'throttling-without-metadata',
  'sync-throw',
];

/** A client whose `send` is hostile; counts the calls it got. */
export interface HostileClient {
  send(command: never, options?: { abortSignal?: AbortSignal }): Promise<never>;
  /** Calls made so far. */
  readonly calls: number;
}

/** The command's input as text, so a thrown message really quotes the request (text, keys, utterances …). */
function quote(command: unknown): string {
  const input = (command as { input?: unknown } | undefined)?.input;
  try {
    return JSON.stringify(input, (_key, value: unknown) =>
      value instanceof Uint8Array ? new TextDecoder().decode(value) : value,
    );
  } catch {
    return String(input);
  }
}

function thrown(kind: HostileFailure, command: unknown): unknown {
  const payload = `${SENTINEL} ${quote(command)}`;
  switch (kind) {
    case 'error-with-payload':
    case 'sync-throw':
      return new Error(`boom ${payload}`);
    case 'string':
      return `failed: ${payload}`;
    case 'throttling-without-metadata':
      return Object.assign(new Error(`Rate exceeded for ${payload}`), { name: 'ThrottlingException' });
  }
}

/**
 * A client whose every `send` fails as `kind` says.
 *
 * @example
 * const detector = new ComprehendMedicalPhiDetector({ client: failingClient('string') as never });
 */
export function failingClient(kind: HostileFailure): HostileClient {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    send(command: never) {
      calls++;
      const error = thrown(kind, command);
      if (kind === 'sync-throw') throw error;
      return Promise.reject(error);
    },
  };
}

/**
 * A client whose `send` never settles and ignores `abortSignal`.
 *
 * @example
 * await expect(masker.mask(text, { timeoutMs: 50 })).rejects.toMatchObject({ name: 'TimeoutError' });
 */
export function hangingClient(): HostileClient {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    send() {
      calls++;
      return new Promise<never>(() => {});
    },
  };
}

/**
 * Awaits a call that must reject, within a bound, so a hang fails the test instead of timing it out: resolves
 * with the rejection, or with an `Error` saying `RESOLVED` or `HUNG`.
 *
 * @example
 * expect(await rejection(masker.mask(text, { timeoutMs: 50 }))).toMatchObject({ name: 'TimeoutError' });
 */
export async function rejection(call: Promise<unknown>, boundMs = 5_000): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise((resolve) => {
    timer = setTimeout(() => resolve(new Error(`HUNG: did not settle within ${boundMs} ms`)), boundMs);
  });
  try {
    return await Promise.race([
      call.then(
        () => new Error('RESOLVED: expected a rejection'),
        (error: unknown) => error,
      ),
      hung,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A client whose `send` answers at once with an event stream under `field` that fails as `kind` says on its
 * first read, or (`'never'`) never yields and ignores every signal: the failure comes after the call succeeded.
 *
 * @example
 * const invoker = new SageMakerRuntimeInvoker({ endpointName: 'e', client: failingStreamClient('Body', 'string') as never });
 */
export function failingStreamClient(field: string, kind: HostileFailure | 'never'): HostileClient {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    send(command: never) {
      calls++;
      const iterator: AsyncIterator<never> = {
        next() {
          if (kind === 'never') return new Promise<never>(() => {});
          const error = thrown(kind, command);
          if (kind === 'sync-throw') throw error;
          return Promise.reject(error);
        },
      };
      return Promise.resolve({ $metadata: {}, [field]: { [Symbol.asyncIterator]: () => iterator } } as never);
    },
  };
}
