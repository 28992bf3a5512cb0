/**
 * In-process serialisation of the calls for one conversation.
 *
 * @module
 */

/** The tail of each conversation's queue; an entry is removed when its queue drains. */
const conversationLocks = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after every earlier call queued under `key` has settled. Lex offers no conditional write, so two
 * read-modify-writes racing on one conversation would silently drop one of the checkpoints; this serialises
 * them within the process, across session objects.
 *
 * @example
 * ```ts
 * await withConversationLock('v1/HomeImprovementBot/Prod/abc1234', () => readModifyWrite());
 * ```
 */
export async function withConversationLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = conversationLocks.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  conversationLocks.set(key, settled);
  try {
    return await run;
  } finally {
    if (conversationLocks.get(key) === settled) conversationLocks.delete(key);
  }
}
