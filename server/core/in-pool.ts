// Runs fn over items with at most n calls under way at once, answering in the items' order. For work
// that waits on processes or the network (git, a remote API), where a few at once go faster than one
// by one and all at once would swamp the machine. The first failure rejects; calls already under way
// finish, no new one starts.
export async function inPool<T, R>(items: readonly T[], n: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  }));
  return out;
}
