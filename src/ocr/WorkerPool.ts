/**
 * A small checkout pool: at most `size` resources, created lazily, handed to one user at a time. Used for
 * tesseract.js workers: a page cannot be interrupted, so aborting it terminates its worker, which must then be
 * running that caller's page only.
 *
 * @module
 */

/** How the pool makes and frees its resources. */
export interface WorkerPoolHooks<W> {
  create(): Promise<W>;
  destroy(resource: W): Promise<void> | void;
}

interface Waiter<W> {
  resolve(resource: W): void;
  reject(reason: unknown): void;
}

/**
 * A lazily filled pool of at most `size` resources.
 *
 * @example
 * ```ts
 * const pool = new WorkerPool({ create: makeWorker, destroy: (w) => w.terminate() }, 2);
 * const worker = await pool.acquire(signal);
 * try { await use(worker); } finally { pool.release(worker); }
 * ```
 */
export class WorkerPool<W> {
  readonly #hooks: WorkerPoolHooks<W>;
  readonly #size: number;
  readonly #idle: W[] = [];
  readonly #all = new Set<W>();
  readonly #waiters: Waiter<W>[] = [];
  /** Resources created or being created. */
  #count = 0;
  /** Bumped by `close()`, so that a creation finishing after it is destroyed instead of pooled. */
  #generation = 0;

  /**
   * @example
   * ```ts
   * const pool = new WorkerPool({ create: async () => ({}), destroy: () => {} }, 1);
   * ```
   */
  constructor(hooks: WorkerPoolHooks<W>, size: number) {
    this.#hooks = hooks;
    this.#size = size;
  }

  /** Resources currently alive (idle or in use). */
  get alive(): number {
    return this.#all.size;
  }

  /**
   * Takes an idle resource, creates one if the pool is not full, or waits for one to be released. Rejects with
   * the signal's reason if it fires first (a resource created meanwhile stays in the pool).
   *
   * @example
   * ```ts
   * const worker = await pool.acquire(AbortSignal.timeout(60_000));
   * ```
   */
  acquire(signal?: AbortSignal): Promise<W> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const idle = this.#idle.pop();
    if (idle !== undefined) return Promise.resolve(idle);
    return new Promise<W>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter<W> = {
        resolve: (resource) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(resource);
        },
        reject: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          reject(reason);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
      if (this.#count < this.#size) this.#grow();
    });
  }

  /**
   * Gives a healthy resource back for the next user.
   *
   * @example
   * ```ts
   * pool.release(worker);
   * ```
   */
  release(resource: W): void {
    if (!this.#all.has(resource)) return;
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve(resource);
    else this.#idle.push(resource);
  }

  /**
   * Destroys a resource that must not be reused (e.g. its work was aborted) and, if someone is waiting, creates
   * a replacement.
   *
   * @example
   * ```ts
   * pool.discard(worker);
   * ```
   */
  async discard(resource: W): Promise<void> {
    if (!this.#all.delete(resource)) return;
    this.#count -= 1;
    const index = this.#idle.indexOf(resource);
    if (index >= 0) this.#idle.splice(index, 1);
    if (this.#waiters.length > 0 && this.#count < this.#size) this.#grow();
    await this.#destroyQuietly(resource);
  }

  /**
   * Destroys every resource, idle or in use, and rejects waiting callers with `reason`. The pool can be used
   * again afterwards; it starts empty.
   *
   * @example
   * ```ts
   * await pool.close(new Error('shutting down'));
   * ```
   */
  async close(reason: unknown): Promise<void> {
    const resources = [...this.#all];
    this.#all.clear();
    this.#idle.length = 0;
    this.#count = 0;
    this.#generation += 1;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(reason);
    await Promise.all(resources.map((resource) => this.#destroyQuietly(resource)));
  }

  #grow(): void {
    const generation = this.#generation;
    this.#count += 1;
    this.#hooks.create().then(
      (resource) => {
        if (generation !== this.#generation) {
          void this.#destroyQuietly(resource);
          return;
        }
        this.#all.add(resource);
        this.release(resource);
      },
      (error: unknown) => {
        if (generation !== this.#generation) return;
        this.#count -= 1;
        // Creation failed: tell the first waiter, and try again for the next one (each failure consumes a
        // waiter, so a resource that can never be created cannot loop).
        this.#waiters.shift()?.reject(error);
        if (this.#waiters.length > 0 && this.#count < this.#size) this.#grow();
      },
    );
  }

  async #destroyQuietly(resource: W): Promise<void> {
    try {
      await this.#hooks.destroy(resource);
    } catch {
      // A resource that fails to stop is already unusable; nothing more to do.
    }
  }
}
