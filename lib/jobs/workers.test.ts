import { afterEach, describe, expect, it, vi } from "vitest";

import type { Boss } from "./queue";
import { FAILED_JOBS_QUEUE, QUEUES } from "./queue";
import { registerWorkers, STUCK_WORKER_MS } from "./workers";
import type { Db } from "@/db/client";

// A stand-in for pg-boss with just what registerWorkers uses: the watchdog reads getWipData() and replaces a
// worker that has not polled for STUCK_WORKER_MS while running nothing.
function fakeBoss(wip: () => object[]) {
  const worked: string[] = [];
  const offWorked: { name: string; id?: string }[] = [];
  let n = 0;
  const boss = {
    work: vi.fn(async (name: string) => {
      worked.push(name);
      return `w${++n}`;
    }),
    offWork: vi.fn(async (name: string, o?: { id?: string }) => void offWorked.push({ name, id: o?.id })),
    getWipData: () => wip(),
    once: () => boss,
  };
  return { boss: boss as unknown as Boss, worked, offWorked };
}

afterEach(() => vi.useRealTimers());

describe("job workers' watchdog", () => {
  it("replaces a worker that has not polled for STUCK_WORKER_MS, and leaves a polling or busy one alone", async () => {
    vi.useFakeTimers();
    const start = Date.now();
    const stale = start - STUCK_WORKER_MS - 1_000;
    const wip = [
      { id: "stuck", name: QUEUES.batchCheck, state: "active", count: 0, createdOn: stale, lastFetchedOn: stale, lastJobEndedOn: null, lastErrorOn: stale },
      { id: "busy", name: QUEUES.batchSave, state: "active", count: 1, createdOn: stale, lastFetchedOn: stale, lastJobEndedOn: null, lastErrorOn: null },
      { id: "fine", name: QUEUES.bulkTickets, state: "active", count: 0, createdOn: stale, lastFetchedOn: start, lastJobEndedOn: null, lastErrorOn: null },
    ];
    const { boss, worked, offWorked } = fakeBoss(() => wip);
    const workers = await registerWorkers(boss, {} as Db);
    // Every queue's worker, and the dead-letter queue's, which reports jobs that failed every retry.
    expect(worked).toEqual([...Object.values(QUEUES), FAILED_JOBS_QUEUE]);
    const before = workers[QUEUES.batchCheck];

    await vi.advanceTimersByTimeAsync(15_000);
    expect(offWorked).toEqual([{ name: QUEUES.batchCheck, id: "stuck" }]);
    expect(worked.slice(Object.values(QUEUES).length + 1)).toEqual([QUEUES.batchCheck]);
    expect(workers[QUEUES.batchCheck]).not.toBe(before);
  });
});
