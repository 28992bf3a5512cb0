/**
 * Awaiting a call that must reject within a bound, so that a hang fails the test with a message instead of
 * running into the test timeout.
 */

/**
 * The call's rejection reason; an `Error` saying `RESOLVED` if it resolved, or `HUNG` if it did not settle
 * within `boundMs`.
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
