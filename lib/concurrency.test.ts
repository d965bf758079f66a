import { describe, expect, it } from "vitest";
import { mapBounded } from "./concurrency";

describe("并发上限", () => {
  it("照片批量上传：同时处理的照片不超过上限，结果保持原顺序", async () => {
    let running = 0;
    let peak = 0;
    const out = await mapBounded([5, 1, 4, 2, 3, 0, 6], 3, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms * 3));
      running--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(peak).toBe(3);
    expect(await mapBounded([], 3, async () => 1)).toEqual([]);
  });

  it("一项出错时整体报错", async () => {
    await expect(mapBounded([1, 2, 3], 2, async (n) => { if (n === 2) throw new Error("坏照片"); return n; })).rejects.toThrow("坏照片");
  });
});
