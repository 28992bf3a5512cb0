/**
 * The conversations a Lex stand-in holds, with Lex's idle expiry; shared by the V1 and V2 stand-ins.
 *
 * @module
 */
import type { BotSession, LexBotModel } from './LexBotModel.js';

/** Lex's budget for session attributes as a base64 JSON header (V1 quota: request + session headers, 12 KB). */
export const MAX_SESSION_HEADER_BYTES = 12 * 1024;

/**
 * True when `attributes`, sent as a base64 JSON header, would exceed {@link MAX_SESSION_HEADER_BYTES}.
 *
 * @example
 * ```ts
 * if (overSessionHeaderBudget(body.sessionAttributes)) return awsError('BadRequestException', 400);
 * ```
 */
export function overSessionHeaderBudget(attributes: Readonly<Record<string, string>>): boolean {
  return Buffer.from(JSON.stringify(attributes), 'utf8').toString('base64').length > MAX_SESSION_HEADER_BYTES;
}

/** Lex's default idle session timeout: 5 minutes. */
export const DEFAULT_LEX_SESSION_TTL_MS = 5 * 60_000;

/**
 * Sessions by conversation key; a session idle for longer than the TTL is gone, as in Lex.
 *
 * @example
 * ```ts
 * const sessions = new LexSessionTable(model, { sessionTtlMs: 60_000 });
 * const session = sessions.open('Prod/abc1234', () => 'session-1');
 * ```
 */
export class LexSessionTable {
  readonly #model: LexBotModel;
  readonly #sessions = new Map<string, BotSession>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(model: LexBotModel, options: { sessionTtlMs?: number | undefined; now?: (() => number) | undefined }) {
    this.#model = model;
    this.#ttlMs = options.sessionTtlMs ?? DEFAULT_LEX_SESSION_TTL_MS;
    this.#now = options.now ?? Date.now;
  }

  /** How many sessions are held (expired ones included until they are next looked up). */
  get size(): number {
    return this.#sessions.size;
  }

  /**
   * The live session, or `undefined` when it never existed, was deleted or expired.
   *
   * @example
   * ```ts
   * if (!sessions.live(key)) return awsError('NotFoundException', 404);
   * ```
   */
  live(key: string): BotSession | undefined {
    const session = this.#sessions.get(key);
    if (session && this.#now() - session.lastActiveMs > this.#ttlMs) {
      this.#sessions.delete(key);
      return undefined;
    }
    return session;
  }

  /**
   * The live session, touched; or a new one with the id `newSessionId()` gives.
   *
   * @example
   * ```ts
   * const session = sessions.open(key, () => 'session-1');
   * ```
   */
  open(key: string, newSessionId: () => string): BotSession {
    const existing = this.live(key);
    if (existing) {
      existing.lastActiveMs = this.#now();
      return existing;
    }
    const session = this.#model.newSession(newSessionId(), this.#now());
    this.#sessions.set(key, session);
    return session;
  }

  /**
   * A copy of a session as held (expired or not), for assertions.
   *
   * @example
   * ```ts
   * sessions.snapshot(key)?.attributes;
   * ```
   */
  snapshot(key: string): BotSession | undefined {
    const session = this.#sessions.get(key);
    return session ? structuredClone(session) : undefined;
  }

  /**
   * Forgets a session.
   *
   * @example
   * ```ts
   * sessions.delete(key);
   * ```
   */
  delete(key: string): void {
    this.#sessions.delete(key);
  }
}
