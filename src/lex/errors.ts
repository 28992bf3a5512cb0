/**
 * Lex-specific typed errors, built on the kit hierarchy. Messages name labels and intents (identifiers chosen
 * by the bot author or the application), never utterances, slot values or session attribute values.
 *
 * @module
 */
import { AwsMlKitError, type AwsMlKitErrorOptions, isAwsMlKitError } from '../kit/errors.js';

/**
 * `resume(label)` found no checkpoint with that label. `existingLabels` lists the labels that do exist.
 *
 * @example
 * ```ts
 * try { await session.resume('windowSelection'); }
 * catch (e) { if (isLexUnknownCheckpointError(e)) console.error(e.existingLabels); }
 * ```
 */
export class LexUnknownCheckpointError extends AwsMlKitError {
  /** The label asked for. */
  readonly label: string;
  /** The labels that do exist in this session. */
  readonly existingLabels: readonly string[];

  constructor(label: string, existingLabels: readonly string[], options: AwsMlKitErrorOptions = {}) {
    const known = existingLabels.length > 0 ? `existing labels: ${existingLabels.join(', ')}` : 'no checkpoints exist';
    super(`no checkpoint labelled ${label} in this session (${known})`, 'NOT_FOUND', options);
    this.name = 'LexUnknownCheckpointError';
    this.label = label;
    this.existingLabels = Object.freeze([...existingLabels]);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), label: this.label, existingLabels: this.existingLabels };
  }
}

/**
 * The intent to label is not among the intents the session still remembers (Lex V1 keeps the 3 most recent).
 *
 * @example
 * ```ts
 * if (isLexIntentNotFoundError(e)) console.error(`${e.intentName} is gone; recent: ${e.recentIntents.join(', ')}`);
 * ```
 */
export class LexIntentNotFoundError extends AwsMlKitError {
  /** The intent asked for, or `undefined` when the current intent was meant. */
  readonly intentName: string | undefined;
  /** The intents the session still remembers, most recent first. */
  readonly recentIntents: readonly string[];

  constructor(intentName: string | undefined, recentIntents: readonly string[], options: AwsMlKitErrorOptions = {}) {
    const what =
      intentName === undefined
        ? 'the session has no current intent'
        : `intent ${intentName} is not among the recent intents`;
    const recent = recentIntents.length > 0 ? recentIntents.join(', ') : 'none';
    super(
      `${what} (recent intents: ${recent}; Lex V1 keeps at most 3, so label an intent before more than 2 others follow it)`,
      'NOT_FOUND',
      options,
    );
    this.name = 'LexIntentNotFoundError';
    this.intentName = intentName;
    this.recentIntents = Object.freeze([...recentIntents]);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), intentName: this.intentName, recentIntents: this.recentIntents };
  }
}

/**
 * The checkpoint labels an intent that Lex has already fulfilled: resuming it would hand the bot a `Delegate` for
 * a finished intent and could fulfil it a second time (a second order). Start the intent afresh instead.
 *
 * @example
 * ```ts
 * if (isLexCheckpointFulfilledError(e)) await session.postText('I would like to order some windows');
 * ```
 */
export class LexCheckpointFulfilledError extends AwsMlKitError {
  /** The checkpoint label. */
  readonly label: string;
  /** The fulfilled intent it labels. */
  readonly intentName: string;

  constructor(label: string, intentName: string, options: AwsMlKitErrorOptions = {}) {
    super(
      `checkpoint ${label} labels intent ${intentName}, which is already fulfilled; resuming it could fulfil it again`,
      'CONFLICT',
      options,
    );
    this.name = 'LexCheckpointFulfilledError';
    this.label = label;
    this.intentName = intentName;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), label: this.label, intentName: this.intentName };
  }
}

/**
 * Lex has no session for this user: it expired (idle timeout, 5 minutes by default, at most 24 hours), was
 * deleted, or never started; or the bot or alias does not exist.
 *
 * @example
 * ```ts
 * if (isLexSessionNotFoundError(e)) await session.postText('hello'); // start a new conversation
 * ```
 */
export class LexSessionNotFoundError extends AwsMlKitError {
  /** The library operation that found no session, e.g. `resume`. */
  readonly operation: string;

  constructor(operation: string, options: AwsMlKitErrorOptions = {}) {
    super(
      `${operation}: no Lex session for this user (it expired after the idle timeout, was deleted, or never started; or the bot/alias does not exist); start a new conversation with postText()`,
      'NOT_FOUND',
      options,
    );
    this.name = 'LexSessionNotFoundError';
    this.operation = operation;
  }
}

/**
 * Another writer changed the session between our read and our write, and retrying did not settle it.
 *
 * @example
 * ```ts
 * if (isLexConcurrentWriteError(e)) await session.checkpoint(label); // try again later
 * ```
 */
export class LexConcurrentWriteError extends AwsMlKitError {
  /** Read-modify-write attempts made. */
  readonly attempts: number;

  constructor(attempts: number, options: AwsMlKitErrorOptions = {}) {
    super(
      `the session was changed by another writer during a read-modify-write; gave up after ${attempts} attempts`,
      'CONFLICT',
      { retryable: true, ...options },
    );
    this.name = 'LexConcurrentWriteError';
    this.attempts = attempts;
  }
}

// Brand-based like the kit guards, so errors from a second copy of the package are recognised too.
function named(value: unknown, name: string): boolean {
  return isAwsMlKitError(value) && value.name === name;
}

/**
 * True for a {@link LexUnknownCheckpointError}, even one thrown by another copy of the package.
 *
 * @example
 * ```ts
 * if (isLexUnknownCheckpointError(error)) console.error(error.code);
 * ```
 */
export function isLexUnknownCheckpointError(value: unknown): value is LexUnknownCheckpointError {
  return named(value, 'LexUnknownCheckpointError');
}
/**
 * True for a {@link LexIntentNotFoundError}, even one thrown by another copy of the package.
 *
 * @example
 * ```ts
 * if (isLexIntentNotFoundError(error)) console.error(error.code);
 * ```
 */
export function isLexIntentNotFoundError(value: unknown): value is LexIntentNotFoundError {
  return named(value, 'LexIntentNotFoundError');
}
/**
 * True for a {@link LexSessionNotFoundError}, even one thrown by another copy of the package.
 *
 * @example
 * ```ts
 * if (isLexSessionNotFoundError(error)) console.error(error.code);
 * ```
 */
export function isLexSessionNotFoundError(value: unknown): value is LexSessionNotFoundError {
  return named(value, 'LexSessionNotFoundError');
}
/**
 * True for a {@link LexConcurrentWriteError}, even one thrown by another copy of the package.
 *
 * @example
 * ```ts
 * if (isLexConcurrentWriteError(error)) console.error(error.code);
 * ```
 */
export function isLexConcurrentWriteError(value: unknown): value is LexConcurrentWriteError {
  return named(value, 'LexConcurrentWriteError');
}

/**
 * True for a {@link LexCheckpointFulfilledError}, even one thrown by another copy of the package.
 *
 * @example
 * ```ts
 * if (isLexCheckpointFulfilledError(error)) console.error(error.intentName);
 * ```
 */
export function isLexCheckpointFulfilledError(value: unknown): value is LexCheckpointFulfilledError {
  return named(value, 'LexCheckpointFulfilledError');
}
