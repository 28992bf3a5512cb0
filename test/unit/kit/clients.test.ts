import { describe, expect, it, vi } from 'vitest';
import { importOptional, isModuleNotFound, LazyClient, loadOnce } from '../../../src/kit/clients.js';
import { isMissingDependencyError } from '../../../src/kit/errors.js';

interface FakeClient {
  send: (command: never) => Promise<unknown>;
  destroy: () => void;
}

function fakeClient(): FakeClient {
  return { send: vi.fn(async () => ({})), destroy: vi.fn() };
}

const factory = (create: () => Promise<FakeClient>) => ({ packageName: '@aws-sdk/client-x', feature: 'Thing', create });

describe('Class: LazyClient', () => {
  it('returns an injected client and never destroys it', async () => {
    const client = fakeClient();
    const create = vi.fn();
    const lazy = new LazyClient<FakeClient, object>({ client }, factory(create));
    expect(await lazy.get()).toBe(client);
    lazy.destroy();
    expect(client.destroy).not.toHaveBeenCalled();
    expect(create).not.toHaveBeenCalled();
  });

  it('creates the default client once, lazily, with the given config, and destroys what it created', async () => {
    const created = fakeClient();
    const create = vi.fn(async () => created);
    const lazy = new LazyClient<FakeClient, { region: string }>(
      { clientConfig: { region: 'eu-west-1' } },
      factory(create),
    );
    expect(create).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([lazy.get(), lazy.get()]);
    expect(a).toBe(created);
    expect(b).toBe(created);
    expect(create).toHaveBeenCalledOnce();
    expect(create).toHaveBeenCalledWith({ region: 'eu-west-1' });
    lazy.destroy();
    expect(created.destroy).toHaveBeenCalledOnce();
  });

  it('rejects both client and clientConfig, and a client without send()', () => {
    const both = { client: fakeClient(), clientConfig: {} } as never;
    expect(() => new LazyClient(both, factory(vi.fn()))).toThrow(expect.objectContaining({ field: 'options' }));
    expect(() => new LazyClient({ client: {} as never }, factory(vi.fn()))).toThrow(
      expect.objectContaining({ field: 'options.client' }),
    );
  });

  it('names the package to install when the SDK client is missing, and can retry later', async () => {
    const missing = Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' });
    const create = vi.fn().mockRejectedValueOnce(missing).mockResolvedValueOnce(fakeClient());
    const lazy = new LazyClient<FakeClient, object>(undefined, factory(create));
    await expect(lazy.get()).rejects.toMatchObject({
      name: 'MissingDependencyError',
      packageName: '@aws-sdk/client-x',
      message: expect.stringContaining('npm install @aws-sdk/client-x'),
    });
    await expect(lazy.get()).resolves.toBeDefined();
  });

  it('passes other construction errors through unchanged', async () => {
    const boom = new TypeError('bad config');
    const lazy = new LazyClient<FakeClient, object>(
      {},
      factory(async () => Promise.reject(boom)),
    );
    await expect(lazy.get()).rejects.toBe(boom);
  });

  it('isModuleNotFound recognises both ESM and CJS codes', () => {
    expect(isModuleNotFound({ code: 'MODULE_NOT_FOUND' })).toBe(true);
    expect(isModuleNotFound({ code: 'ERR_MODULE_NOT_FOUND' })).toBe(true);
    expect(isModuleNotFound(new Error('x'))).toBe(false);
    expect(isModuleNotFound(null)).toBe(false);
  });
});

describe('Function: loadOnce', () => {
  it('runs the loader once and shares its result between concurrent and later callers', async () => {
    const load = vi.fn(async () => ({ module: true }));
    const loadModule = loadOnce(load);
    const [a, b] = await Promise.all([loadModule(), loadModule()]);
    expect(a).toBe(b);
    expect(await loadModule()).toBe(a);
    expect(load).toHaveBeenCalledOnce();
  });

  it('forgets a failure, so a later call tries again', async () => {
    const missing = Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' });
    const load = vi.fn().mockRejectedValueOnce(missing).mockResolvedValueOnce('loaded');
    const loadModule = loadOnce(load);
    await expect(loadModule()).rejects.toBe(missing);
    await expect(loadModule()).resolves.toBe('loaded');
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('Function: importOptional', () => {
  it('turns a missing package into a MissingDependencyError that names it', async () => {
    const missing = Object.assign(new Error("Cannot find package '@aws-sdk/client-textract'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const error = await importOptional(() => Promise.reject(missing), '@aws-sdk/client-textract', 'TextractOcr').catch(
      (e: unknown) => e,
    );
    expect(isMissingDependencyError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'MissingDependencyError',
      packageName: '@aws-sdk/client-textract',
      cause: missing,
    });
    expect(String(error)).toContain('npm install @aws-sdk/client-textract');
  });

  it('passes other failures through unchanged', async () => {
    const broken = new TypeError('broken module');
    await expect(importOptional(() => Promise.reject(broken), 'p', 'f')).rejects.toBe(broken);
  });
});

describe('Class: LazyClient after destroy()', () => {
  it('keeps using an injected client and never falls back to a default one', async () => {
    const client = fakeClient();
    const create = vi.fn(async () => fakeClient());
    const lazy = new LazyClient<FakeClient, object>({ client }, factory(create));
    lazy.destroy();
    expect(await lazy.get()).toBe(client);
    expect(create).not.toHaveBeenCalled();
  });

  it('destroys a client whose creation finished after destroy(), and rejects the waiting call', async () => {
    const late = fakeClient();
    let finish: (client: FakeClient) => void = () => {};
    const lazy = new LazyClient<FakeClient, object>(
      undefined,
      factory(() => new Promise<FakeClient>((resolve) => (finish = resolve))),
    );
    const pending = lazy.get();
    lazy.destroy();
    finish(late);
    await expect(pending).rejects.toMatchObject({ name: 'ValidationError', field: 'client' });
    expect(late.destroy).toHaveBeenCalledOnce();
  });

  it('creates a fresh client on the next call after destroying the one it created', async () => {
    const first = fakeClient();
    const second = fakeClient();
    const create = vi.fn().mockResolvedValueOnce(first).mockResolvedValueOnce(second);
    const lazy = new LazyClient<FakeClient, object>(undefined, factory(create));
    expect(await lazy.get()).toBe(first);
    lazy.destroy();
    expect(first.destroy).toHaveBeenCalledOnce();
    expect(await lazy.get()).toBe(second);
  });
});
