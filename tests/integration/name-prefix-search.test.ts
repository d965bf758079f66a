import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { persons } from "@/db/schema";
import { listRegistrations } from "@/lib/queries/registrations";
import { adminSession, makeCandidates, makePlan } from "./admin-fixtures";

// 姓名开头为 in the review queue is a LIKE 'x%' served by persons_name_prefix_idx (text_pattern_ops, read
// index-only). These check that what it finds is exactly the names that start with what was typed, for
// characters outside the Basic Multilingual Plane and for characters LIKE would otherwise treat as wildcards.
const NAMES = ["林", "林晨", "林晨曦", "林%芳", "林_伟", "林\\强", "材林", "𠮷野家", "𠮷", "䶮", "䶮平", "Lin", "lin", "林晩"];

describe("报名审核：姓名开头为", () => {
  it("finds exactly the names starting with what was typed", async () => {
    const plan = await makePlan(db, { status: "published" });
    const made = await makeCandidates(db, plan.id, NAMES.length);
    const personIds = made.map((m) => m.personId);
    for (let i = 0; i < NAMES.length; i++) await db.update(persons).set({ name: NAMES[i] }).where(inArray(persons.id, [personIds[i]]));
    await db.execute(sql`analyze persons`);
    const admin = await adminSession(db);

    for (const typed of ["林", "林晨", "林%", "林_", "林\\", "𠮷", "䶮", "L", "材", "林晩", "林晨曦x"]) {
      const found = await listRegistrations(db, admin, { planId: plan.id, name: typed, nameMode: "prefix", order: "oldest", pageSize: 100 });
      const expected = NAMES.filter((n) => n.startsWith(typed)).sort();
      expect(found.rows.map((r) => r.personName).sort(), typed).toEqual(expected);
      expect(found.total, typed).toBe(expected.length);
    }
  });

  it("the prefix LIKE can be answered from persons_name_prefix_idx alone", async () => {
    // Whatever the database's collation, text_pattern_ops turns LIKE '林%' into an index range; with the id in
    // the index no person row is read. Sequential scans are switched off so the small test table does not hide it.
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      const rows = await tx.execute(sql`explain select id from persons where name like '林%'`);
      return (rows as unknown as Record<string, string>[]).map((r) => Object.values(r)[0]).join("\n");
    });
    expect(plan).toContain("Index Only Scan using persons_name_prefix_idx");
    expect(plan).toMatch(/Index Cond: \(\(name ~>=~ '林'::text\) AND \(name ~<~ '[^']+'::text\)\)/);
  });
});
