/**
 * Lex runtime limits as data, with their source and the date they were read. Override through the session
 * options where a quota differs for your account.
 *
 * @module
 */

/**
 * Lex runtime limits used for validation and budgeting.
 *
 * Sources: Lex V1 runtime model `lex-runtime` 2016-11-28 (field patterns and lengths); Lex V1 developer guide
 * "Quotas" (text input, header budgets, session timeout); Lex V2 runtime model `lexv2-runtime` 2020-08-07
 * (session id, bot id). Read 2026-11.
 *
 * @example
 * ```ts
 * if (text.length > LEX_LIMITS.maxTextChars) throw new Error('too long');
 * ```
 */
export const LEX_LIMITS = Object.freeze({
  /** `PostText.inputText` / `RecognizeText.text`: 1–1,024 characters. */
  maxTextChars: 1024,
  /** `recentIntentSummaryView` holds at most 3 intents; PutSession replaces it wholesale. */
  maxRecentIntents: 3,
  /** `checkpointLabel` / `checkpointLabelFilter`: 1–255 of `[a-zA-Z0-9-]`. */
  checkpointLabelPattern: /^[a-zA-Z0-9-]{1,255}$/,
  /** The longest checkpoint label. */
  maxCheckpointLabelChars: 255,
  /** V1 `userId`: 2–100 of `[0-9a-zA-Z._:-]`. */
  userIdPattern: /^[0-9a-zA-Z._:-]{2,100}$/,
  /** V2 `sessionId`: 2–100 of `[0-9a-zA-Z._:-]`. */
  sessionIdPattern: /^[0-9a-zA-Z._:-]{2,100}$/,
  /** V2 `botId`: 10 upper-case letters or digits. */
  botIdPattern: /^[0-9A-Z]{10}$/,
  /**
   * Request plus session-attribute headers together: 12 KB (the V1 quota). V2 publishes no such figure but also
   * returns the session state in a header, so the same budget is applied there.
   */
  maxSessionHeaderBytes: 12 * 1024,
  /** Default idle session timeout (V1: 1 minute to 1 day, default 5 minutes). */
  defaultSessionTimeoutMs: 5 * 60_000,
  /** Where these limits come from. */
  source: 'lex-runtime 2016-11-28 and lexv2-runtime 2020-08-07 service models; Lex V1 developer guide, Quotas',
  /** When the sources were read (year-month). */
  readOn: '2026-11',
});

/** Lex V1 end of support (AWS): after this date V1 bots and the V1 console are no longer accessible. */
export const LEX_V1_END_OF_SUPPORT = '2025-09-15';
