import { availableParallelism } from "node:os";

/** Runs fn over items, at most `limit` at once, keeping the order of the results. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const k = next++;
      out[k] = await fn(items[k], k);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** Image work at once: one per core, at least 2 (the database round trip overlaps), at most 4 (memory). */
export const IMAGE_CONCURRENCY = Math.min(4, Math.max(2, availableParallelism()));
