import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../src/ocr/WorkerPool.js';

interface Fake {
  id: number;
}

function fakeHooks(options: { failFirst?: boolean } = {}) {
  let created = 0;
  const destroyed: number[] = [];
  const pending: (() => void)[] = [];
  return {
    destroyed,
    get created() {
      return created;
    },
    /** Resolves creations one by one when `manual` creation is used. */
    pending,
    hooks: {
      create: async (): Promise<Fake> => {
        created += 1;
        if (options.failFirst && created === 1) throw new Error('cannot start');
        return { id: created };
      },
      destroy: (fake: Fake) => {
        destroyed.push(fake.id);
      },
    },
  };
}

describe('Class: WorkerPool', () => {
  it('creates lazily and reuses a released resource', async () => {
    const fake = fakeHooks();
    const pool = new WorkerPool(fake.hooks, 2);
    expect(fake.created).toBe(0);

    const first = await pool.acquire();
    pool.release(first);
    const again = await pool.acquire();

    expect(again).toBe(first);
    expect(fake.created).toBe(1);
    expect(pool.alive).toBe(1);
  });

  it('never holds more than `size` resources; later callers wait for a release', async () => {
    const fake = fakeHooks();
    const pool = new WorkerPool(fake.hooks, 2);
    const a = await pool.acquire();
    const b = await pool.acquire();
    let third: Fake | undefined;
    const waiting = pool.acquire().then((r) => {
      third = r;
    });
    await Promise.resolve();
    expect(third).toBeUndefined();

    pool.release(b);
    await waiting;

    expect(third).toBe(b);
    expect(fake.created).toBe(2);
    expect(a).not.toBe(b);
  });

  it('rejects a waiting caller with the signal reason and keeps the pool usable', async () => {
    const fake = fakeHooks();
    const pool = new WorkerPool(fake.hooks, 1);
    const held = await pool.acquire();
    const controller = new AbortController();
    const waiting = pool.acquire(controller.signal);

    controller.abort(new Error('stop'));

    await expect(waiting).rejects.toThrow('stop');
    pool.release(held);
    await expect(pool.acquire()).resolves.toBe(held);
  });

  it('rejects at once when the signal has already fired', async () => {
    const pool = new WorkerPool(fakeHooks().hooks, 1);
    await expect(pool.acquire(AbortSignal.abort(new Error('early')))).rejects.toThrow('early');
  });

  it('discard destroys the resource and creates a replacement for a waiter', async () => {
    const fake = fakeHooks();
    const pool = new WorkerPool(fake.hooks, 1);
    const first = await pool.acquire();
    const waiting = pool.acquire();

    await pool.discard(first);
    const second = await waiting;

    expect(fake.destroyed).toEqual([1]);
    expect(second.id).toBe(2);
    expect(pool.alive).toBe(1);
  });

  it('ignores release and discard of a resource it does not own', async () => {
    const fake = fakeHooks();
    const pool = new WorkerPool(fake.hooks, 1);
    pool.release({ id: 99 });
    await pool.discard({ id: 98 });
    expect(fake.destroyed).toEqual([]);
    expect((await pool.acquire()).id).toBe(1);
  });

  it('passes a creation failure to the caller and can create again', async () => {
    const fake = fakeHooks({ failFirst: true });
    const pool = new WorkerPool(fake.hooks, 1);
    await expect(pool.acquire()).rejects.toThrow('cannot start');
    await expect(pool.acquire()).resolves.toEqual({ id: 2 });
  });

  it('rejects every waiter when creation keeps failing, and does not retry without waiters', async () => {
    let attempts = 0;
    const pool = new WorkerPool<Fake>(
      {
        create: async () => {
          attempts += 1;
          throw new Error('not installed');
        },
        destroy: () => {},
      },
      1,
    );

    const results = await Promise.allSettled([pool.acquire(), pool.acquire(), pool.acquire()]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(attempts).toBe(3);
    expect(pool.alive).toBe(0);
  });

  it('close destroys idle and busy resources, rejects waiters, and starts afresh', async () => {
    const fake = fakeHooks();
    const pool = new WorkerPool(fake.hooks, 2);
    const busy = await pool.acquire();
    const idle = await pool.acquire();
    pool.release(idle);
    await pool.acquire();
    const waiting = pool.acquire();

    await pool.close(new Error('closed'));

    await expect(waiting).rejects.toThrow('closed');
    expect(fake.destroyed.sort()).toEqual([busy.id, idle.id].sort());
    expect(pool.alive).toBe(0);
    pool.release(busy);
    expect((await pool.acquire()).id).toBe(3);
  });

  it('destroys a resource whose creation finishes after close', async () => {
    let finish: (fake: Fake) => void = () => {};
    const destroyed: number[] = [];
    const pool = new WorkerPool<Fake>(
      {
        create: () =>
          new Promise<Fake>((resolve) => {
            finish = resolve;
          }),
        destroy: (fake) => {
          destroyed.push(fake.id);
        },
      },
      1,
    );
    const waiting = pool.acquire();
    await pool.close(new Error('closed'));
    await expect(waiting).rejects.toThrow('closed');

    finish({ id: 7 });
    await new Promise((resolve) => setImmediate(resolve));

    expect(destroyed).toEqual([7]);
    expect(pool.alive).toBe(0);
  });

  it('swallows a failing destroy', async () => {
    const pool = new WorkerPool<Fake>(
      {
        create: async () => ({ id: 1 }),
        destroy: () => {
          throw new Error('already gone');
        },
      },
      1,
    );
    const r = await pool.acquire();
    await expect(pool.discard(r)).resolves.toBeUndefined();
  });
});
