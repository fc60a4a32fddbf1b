import { lazyPort, warmPort } from '../src/wiring/lazy-port.js';

interface Echo {
  echo(s: string): Promise<string>;
}

describe('lazyPort and warmPort', () => {
  it('warming loads the adapter once, before the first call, and the call reuses it', async () => {
    let loads = 0;
    const port = lazyPort<Echo>(async () => {
      loads += 1;
      return { echo: async (s: string) => `echo ${s}` };
    });
    expect(loads).toBe(0);
    warmPort(port);
    warmPort(port);
    expect(loads).toBe(1);
    await expect(port.echo('a')).resolves.toBe('echo a');
    expect(loads).toBe(1);
  });

  it('a loader that fails while warming reports its error at the first call, not as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const port = lazyPort<Echo>(async () => {
        throw new Error('no engine');
      });
      warmPort(port);
      await new Promise((r) => setImmediate(r));
      await expect(port.echo('a')).rejects.toThrow('no engine');
      await new Promise((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('warming anything else is a no-op', () => {
    const plain = { echo: async (s: string) => s };
    expect(() => warmPort(plain)).not.toThrow();
  });
});
