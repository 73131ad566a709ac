import { keptLookups } from '../../server/src/utils/kept';

describe('keptLookups', () => {
  it('keeps a found value until clear(), then asks the database again', async () => {
    const kept = keptLookups<{ slug: string }>(60_000);
    let loads = 0;
    const load = async () => ({ slug: `v${++loads}` });
    expect(await kept.get('a', load)).toEqual({ slug: 'v1' });
    expect(await kept.get('a', load)).toEqual({ slug: 'v1' });
    kept.clear();
    expect(await kept.get('a', load)).toEqual({ slug: 'v2' });
    expect(await kept.get('a', load)).toEqual({ slug: 'v2' });
    expect(loads).toBe(2);
  });

  it('answers a load that overlapped clear() but does not keep it', async () => {
    const kept = keptLookups<{ slug: string }>(60_000);
    let finish!: (value: { slug: string }) => void;
    const slow = kept.get('a', () => new Promise((resolve) => (finish = resolve)));
    kept.clear();
    finish({ slug: 'before the write' });
    expect(await slow).toEqual({ slug: 'before the write' });
    expect(await kept.get('a', async () => ({ slug: 'after the write' }))).toEqual({ slug: 'after the write' });
  });

  it('does not keep misses', async () => {
    const kept = keptLookups<{ slug: string }>(60_000);
    expect(await kept.get('a', async () => null)).toBeNull();
    expect(await kept.get('a', async () => ({ slug: 'published now' }))).toEqual({ slug: 'published now' });
  });
});
