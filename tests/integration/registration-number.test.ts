import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { nextRegistrationNo } from "@/lib/services/registrations";

// 报名号 are reserved in one statement that turns synchronous_commit off for its own transaction only
// (set_config(…, true)); the pooled connection must not keep that setting for whatever it runs next.
// Made in the test: DATABASE_URL names this file's database only once the setup's beforeAll has run.
let one: ReturnType<typeof createDb>;
afterAll(() => one?.client.end());

describe("报名号 reservation", () => {
  it("gives consecutive numbers of the Beijing day and leaves the connection's commit mode alone", async () => {
    one = createDb(process.env.DATABASE_URL!, { max: 1 });
    const [{ before }] = await one.db.execute<{ before: string }>(sql`select current_setting('synchronous_commit') as before`);
    const now = new Date("2026-12-01T17:30:00Z"); // 2026-12-02 01:30 in Beijing
    const a = await nextRegistrationNo(one.db, now);
    const [{ during }] = await one.db.execute<{ during: string }>(sql`select current_setting('synchronous_commit') as during`);
    const b = await nextRegistrationNo(one.db, now);
    expect(a).toMatch(/^BM20261202\d{6}$/);
    expect(Number(b.slice(-6))).toBe(Number(a.slice(-6)) + 1);
    expect(during).toBe(before);
    expect(before).toBe("on");
    const [{ last }] = await one.db.execute<{ last: string }>(sql`select last from serials where scope = 'registration:20261202'`);
    expect(Number(last)).toBe(Number(b.slice(-6)));
  });

  it("many at once: every number once", async () => {
    const now = new Date("2026-12-03T02:00:00Z");
    const { db, client } = createDb(process.env.DATABASE_URL!, { max: 8 });
    try {
      const numbers = await Promise.all(Array.from({ length: 200 }, () => nextRegistrationNo(db, now)));
      expect(new Set(numbers).size).toBe(200);
      const serials = numbers.map((n) => Number(n.slice(-6))).sort((x, y) => x - y);
      expect(serials[199] - serials[0]).toBe(199);
    } finally {
      await client.end();
    }
  });
});
