/**
 * What `LexCheckpointSession` needs from a Lex runtime: the V1 and V2 adapters in `aws/` implement it.
 * Internal: exported for custom runtimes and tests, not a stable public contract.
 *
 * @module
 */
import type { DeleteSessionResult, IntentSnapshot, LexDialogAction, LexSession, LexTurn } from './types.js';

/** A session as a backend read it: the public view, but with every attribute, plus the raw state to write back. */
export interface BackendSession extends LexSession {
  /** All session attributes, including the reserved checkpoint attribute. */
  readonly sessionAttributes: Readonly<Record<string, string>>;
  /** Backend-specific state, written back as it was when a write does not change the dialog. */
  readonly raw: unknown;
}

/** A session write. */
export interface BackendWrite {
  /** The dialog action to take; `undefined` keeps the current dialog exactly as read. */
  readonly dialogAction?: LexDialogAction | undefined;
  /** V1 only: the full recent-intent view to store (it replaces Lex's view); `undefined` leaves it alone. */
  readonly recentIntents?: readonly IntentSnapshot[] | undefined;
  /** The full session attribute map to store (it replaces the session's attributes). */
  readonly sessionAttributes: Readonly<Record<string, string>>;
}

/** A Lex runtime behind `LexCheckpointSession`. */
export interface LexBackend {
  /** `v1` or `v2`. */
  readonly version: 'v1' | 'v2';
  /** True when the runtime stores `checkpointLabel` itself (V1). */
  readonly nativeCheckpoints: boolean;
  /** Identifies the conversation (bot, alias, user/session) for in-process write serialisation. */
  readonly conversationKey: string;
  /** Sends one utterance. The turn's attributes include the reserved attribute. */
  postText(text: string, signal: AbortSignal | undefined): Promise<LexTurn>;
  /** Reads the session; `checkpointLabelFilter` narrows V1's recent-intent view to one label. */
  getSession(signal: AbortSignal | undefined, checkpointLabelFilter?: string): Promise<BackendSession>;
  /** Writes the session; `current` is the session read just before. */
  putSession(write: BackendWrite, current: BackendSession, signal: AbortSignal | undefined): Promise<LexTurn>;
  /** Deletes the session. */
  deleteSession(signal: AbortSignal | undefined): Promise<DeleteSessionResult>;
  /** Destroys a client the backend created itself. */
  destroy(): void;
}
