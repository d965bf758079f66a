import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { persons, type RegistrationStatus } from "@/db/schema";
import { listRegistrations, type RegistrationListFilter } from "@/lib/queries/registrations";
import { adminSession, makeCandidates, makePlan } from "./admin-fixtures";

// 报名审核 searched by a name's beginning within one status runs its page in a transaction of its own with
// parallel workers off, and counts its matches from registrations_status_idx (status, submitted_at,
// person_id). These check that the page and the total are still exactly what the filters select, in the
// queue's order (ties on the submission time broken by id), on every page, with and without a status and
// other filters beside the name; and that the planner setting ends with that transaction.
const NAMES = ["林", "林晨", "林晨曦", "林%芳", "林_伟", "林\\强", "材林", "𠮷野家", "𠮷", "䶮", "䶮平", "Lin", "lin", "林晩", "林晨", "林晨"];
const TYPED = ["林", "林晨", "林%", "林_", "林\\", "𠮷", "䶮", "L", "材", "林晩", "林晨曦x", "%", "_"];

describe("报名审核：姓名开头为，分页与合计", () => {
  it("returns the same rows and total as the filters select, page by page", async () => {
    const planA = await makePlan(db, { status: "published" });
    const planB = await makePlan(db, { status: "published" });
    const [{ trainer }] = (await db.execute(sql`select min(id)::int as trainer from organizations where kind = 'trainer'`)) as unknown as { trainer: number }[];
    const made = [
      ...(await makeCandidates(db, planA.id, NAMES.length, { status: "submitted", submitterKind: "trainer", submitterOrgId: trainer })),
      ...(await makeCandidates(db, planB.id, NAMES.length, { status: "approved" })),
      ...(await makeCandidates(db, planB.id, NAMES.length, { status: "submitted", submitterKind: "person" })),
    ];
    for (let i = 0; i < made.length; i++) {
      await db.update(persons).set({ name: NAMES[i % NAMES.length] }).where(inArray(persons.id, [made[i].personId]));
    }
    // A few submission times shared, so the order falls back to the id; the rest spread over a week.
    const ids = made.map((m) => m.id);
    await db.execute(sql`
      update registrations set submitted_at = timestamptz '2026-11-20 09:00+08' + ((id * 7) % 5) * interval '1 day'
      where id = any(${sql.param(ids)}::int[])`);
    await db.execute(sql`analyze persons`);
    await db.execute(sql`analyze registrations`);
    const admin = await adminSession(db);

    const all = (await db.execute(sql`
      select r.id, r.plan_id as "planId", r.status, r.submitter_kind as "kind", r.submitted_at as "at", p.name
      from registrations r join persons p on p.id = r.person_id`)) as unknown as { id: number; planId: number; status: RegistrationStatus; kind: string; at: string; name: string }[];
    const ordered = all
      .map((r) => ({ ...r, t: new Date(r.at).getTime() }))
      .sort((a, b) => a.t - b.t || a.id - b.id);

    const filters: RegistrationListFilter[] = [
      { statuses: ["submitted"] },
      {},
      { planId: planB.id },
      { planId: planB.id, statuses: ["submitted"] },
      { statuses: ["submitted"], submitterKind: "person" },
    ];
    const pageSize = 3;
    for (const f of filters) {
      for (const typed of TYPED) {
        const expected = ordered.filter(
          (r) =>
            r.name.startsWith(typed) &&
            (!f.planId || r.planId === f.planId) &&
            (!f.statuses || f.statuses.includes(r.status)) &&
            (!f.submitterKind || r.kind === f.submitterKind),
        );
        const label = `${JSON.stringify(f)} ${typed}`;
        for (let page = 1; page <= Math.max(1, Math.ceil(expected.length / pageSize)) + 1; page++) {
          const found = await listRegistrations(db, admin, { ...f, name: typed, nameMode: "prefix", order: "oldest", page, pageSize });
          expect(found.total, label).toBe(expected.length);
          expect(found.rows.map((r) => r.id), `${label} page ${page}`).toEqual(expected.slice((page - 1) * pageSize, page * pageSize).map((r) => r.id));
        }
      }
    }

    // SET LOCAL ends with the page's transaction: no pooled connection keeps parallel workers off.
    const settings = await Promise.all(
      Array.from({ length: 12 }, () =>
        db.execute(sql`select setting, reset_val as "resetVal" from pg_settings where name = 'max_parallel_workers_per_gather'`),
      ),
    );
    for (const [s] of settings as unknown as { setting: string; resetVal: string }[][]) expect(s.setting).toBe(s.resetVal);
  });

  it("the queue's index answers which persons are waiting without reading registrations", async () => {
    // The total of a name search is a hash join of persons_name_prefix_idx with this index, both read
    // index-only; without person_id in it every queued registration's row would be read. Vacuumed first, as
    // autovacuum would have: index-only scans count on the visibility map.
    await db.execute(sql`vacuum analyze registrations`);
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      const rows = await tx.execute(sql`explain select person_id from registrations where status = 'submitted'`);
      return (rows as unknown as Record<string, string>[]).map((r) => Object.values(r)[0]).join("\n");
    });
    expect(plan).toContain("Index Only Scan using registrations_status_idx");
  });
});
