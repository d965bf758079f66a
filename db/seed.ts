import { count, sql } from "drizzle-orm";
import { hashPassword } from "../lib/auth/password";
import { certificateNumber, certificateSerialScope } from "../lib/certificate-number";
import { makeChineseId } from "../lib/identity/chinese-id";
import { makeUscc } from "../lib/identity/org-code";
import { addYears, beijingDate, parseBeijingDateTime } from "../lib/time";
import { createDb, type Db } from "./client";
import {
  certificates,
  examPlans,
  examPlanVenues,
  organizations,
  persons,
  registrations,
  rooms,
  serials,
  trades,
  users,
  venues,
  type NewPerson,
} from "./schema";
import { EDUCATION, ENTERPRISES, GIVEN, prng, REGIONS, SURNAMES, TRADES, TRAINERS, VENUES } from "./seed-data";

export const DEMO_PASSWORD = "Demo@2026";
export const ADMIN_PASSWORD = "Admin@2026";
/** Below PostgreSQL's 65,534 bind parameters for any table here. */
export const INSERT_CHUNK = 2_000;

const DAY = 86_400_000;
function orgCodeOf(body: string) {
  return makeUscc(body).slice(8, 17);
}

function bjAt(daysFromNow: number, hhmm: string) {
  const day = beijingDate(new Date(Date.now() + daysFromNow * DAY));
  return parseBeijingDateTime(`${day}T${hhmm}`)!;
}

function makePerson(i: number, rand: () => number, employerOrgId: number | null, employerName: string | null): NewPerson {
  const region = REGIONS[Math.floor(rand() * REGIONS.length)];
  const year = 1965 + Math.floor(rand() * 38);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const birth = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const seq = i % 1000;
  const idNumber = makeChineseId(region, birth, seq);
  const name =
    SURNAMES[Math.floor(rand() * SURNAMES.length)] +
    GIVEN[Math.floor(rand() * GIVEN.length)] +
    (rand() < 0.6 ? GIVEN[Math.floor(rand() * GIVEN.length)] : "");
  const workYear = Math.min(year + 19 + Math.floor(rand() * 10), 2024);
  return {
    idType: "resident",
    idNumber,
    name,
    gender: seq % 2 === 1 ? "M" : "F",
    birthDate: birth,
    phone: `13${String(Math.floor(rand() * 1e9)).padStart(9, "0")}`,
    education: EDUCATION[Math.floor(rand() * EDUCATION.length)],
    employerOrgId,
    employerName,
    workStartDate: `${workYear}-07-01`,
  };
}

export async function seedDemo(db: Db) {
  const rand = prng(20261129);
  await db.transaction(async (tx) => {
    const tradeRows = await tx.insert(trades).values([...TRADES]).returning();
    const tradeByName = new Map(tradeRows.map((t) => [t.name, t]));

    const venueIds: number[] = [];
    for (const v of VENUES) {
      const [venue] = await tx.insert(venues).values({ name: v.name, address: v.address }).returning();
      venueIds.push(venue.id);
      await tx.insert(rooms).values(v.rooms.map((r, i) => ({ venueId: venue.id, name: r.name, capacity: r.capacity, sortOrder: i + 1 })));
    }

    const orgRows = await tx
      .insert(organizations)
      .values([
        ...ENTERPRISES.map((o) => ({ kind: "enterprise" as const, name: o.name, uscc: makeUscc(o.body), orgCode: orgCodeOf(o.body), contactName: o.contact, contactPhone: o.phone, address: "北京市" })),
        ...TRAINERS.map((o) => ({ kind: "trainer" as const, name: o.name, uscc: makeUscc(o.body, "52110108"), orgCode: orgCodeOf(o.body), contactName: o.contact, contactPhone: o.phone, address: "北京市" })),
      ])
      .returning();
    const enterprises = orgRows.filter((o) => o.kind === "enterprise");
    const trainers = orgRows.filter((o) => o.kind === "trainer");

    // The demo practitioner first, so the README can name them.
    const zhang: NewPerson = {
      idType: "resident",
      idNumber: makeChineseId("110105", "1988-03-15", 123),
      name: "张三",
      gender: "M",
      birthDate: "1988-03-15",
      phone: "13800138000",
      email: "zhangsan@example.com",
      education: "本科",
      address: "北京市朝阳区建国路88号",
      employerOrgId: enterprises[0].id,
      employerName: enterprises[0].name,
      workStartDate: "2010-07-01",
    };
    const people: NewPerson[] = [zhang];
    for (let i = 1; i < 60; i++) {
      const org = enterprises[i % enterprises.length];
      people.push(makePerson(i, rand, org.id, org.name));
    }
    const personRows = await tx.insert(persons).values(people).returning({ id: persons.id, name: persons.name, employerOrgId: persons.employerOrgId, employerName: persons.employerName, workStartDate: persons.workStartDate });

    const [demoHash, adminHash] = await Promise.all([hashPassword(DEMO_PASSWORD), hashPassword(ADMIN_PASSWORD)]);
    await tx.insert(users).values([
      { username: "admin", passwordHash: adminHash, role: "admin", displayName: "注册中心管理员" },
      { username: "zhangsan", passwordHash: demoHash, role: "person", displayName: "张三", personId: personRows[0].id },
      { username: "chengjian", passwordHash: demoHash, role: "enterprise", displayName: enterprises[0].name, organizationId: enterprises[0].id },
      { username: "zhuzong", passwordHash: demoHash, role: "enterprise", displayName: enterprises[1].name, organizationId: enterprises[1].id },
      { username: "peixun", passwordHash: demoHash, role: "trainer", displayName: trainers[0].name, organizationId: trainers[0].id },
    ]);

    const plan = (p: {
      code: string; name: string; trade: string; status: (typeof examPlans.$inferInsert)["status"];
      reg: [number, number]; ticket: [number, number]; exam: number; fee: number; minYears: number; capacity: number;
    }) => ({
      code: p.code,
      name: p.name,
      tradeId: tradeByName.get(p.trade)!.id,
      status: p.status,
      registrationStartAt: bjAt(p.reg[0], "09:00"),
      registrationEndAt: bjAt(p.reg[1], "17:00"),
      ticketStartAt: bjAt(p.ticket[0], "09:00"),
      ticketEndAt: bjAt(p.ticket[1], "17:00"),
      examStartAt: bjAt(p.exam, "09:00"),
      examEndAt: bjAt(p.exam, "11:00"),
      feeCents: p.fee,
      minWorkYears: p.minYears,
      capacity: p.capacity,
      passMark: 60,
      notes: "报名人员须如实填写个人信息，并上传近期一寸彩色免冠照片。",
      candidateNotes:
        "1. 考生须携带准考证和有效身份证件，于开考前30分钟进入考场。\n2. 开考15分钟后不得入场。\n3. 考场内严禁携带通讯工具。",
      publishedAt: p.status === "draft" ? null : bjAt(p.reg[0] - 1, "10:00"),
    });
    const planRows = await tx
      .insert(examPlans)
      .values([
        plan({ code: "KS2026-SG-04", name: "2026年第四季度施工员岗位考试", trade: "施工员", status: "published", reg: [-5, 20], ticket: [24, 30], exam: 31, fee: 18000, minYears: 1, capacity: 200 }),
        plan({ code: "KS2026-ZL-04", name: "2026年第四季度质量员岗位考试", trade: "质量员", status: "published", reg: [-3, 25], ticket: [28, 34], exam: 35, fee: 18000, minYears: 2, capacity: 150 }),
        plan({ code: "KS2026-DG-04", name: "2026年第四季度建筑电工考试", trade: "建筑电工", status: "published", reg: [-10, 15], ticket: [18, 22], exam: 23, fee: 12000, minYears: 0, capacity: 120 }),
        plan({ code: "KS2027-AQ-01", name: "2027年第一季度安全员岗位考试", trade: "安全员", status: "draft", reg: [35, 60], ticket: [63, 70], exam: 71, fee: 18000, minYears: 1, capacity: 200 }),
        plan({ code: "KS2026-ZLY-03", name: "2026年第三季度资料员岗位考试", trade: "资料员", status: "closed", reg: [-40, -10], ticket: [-2, 6], exam: 7, fee: 15000, minYears: 0, capacity: 100 }),
        plan({ code: "KS2026-CL-02", name: "2026年第二季度材料员岗位考试", trade: "材料员", status: "results_published", reg: [-150, -120], ticket: [-110, -100], exam: -99, fee: 15000, minYears: 0, capacity: 100 }),
      ])
      .returning();
    for (const p of planRows) await tx.insert(examPlanVenues).values({ planId: p.id, venueId: venueIds[0] });

    // Registrations waiting for review on the open 施工员 plan, submitted by enterprises and trainers.
    const open = planRows[0];
    const pending = personRows.slice(1, 13).map((p, i) => {
      const byTrainer = i % 3 === 2;
      return {
        registrationNo: `BM${beijingDate().replaceAll("-", "")}${String(900000 + i).padStart(6, "0")}`,
        planId: open.id,
        personId: p.id,
        submitterKind: byTrainer ? ("trainer" as const) : ("enterprise" as const),
        submitterOrgId: byTrainer ? trainers[0].id : p.employerOrgId!,
        employerOrgId: p.employerOrgId,
        employerName: p.employerName!,
        workStartDate: p.workStartDate!,
        yearsOfWork: Math.max(1, new Date().getFullYear() - Number(p.workStartDate!.slice(0, 4)) - 1),
        resume: [{ period: `${p.workStartDate!.slice(0, 4)}.07-至今`, employer: p.employerName!, post: "施工员" }],
        employerOpinion: "同意报名",
        status: "submitted" as const,
      };
    });
    await tx.insert(registrations).values(pending);

    // A certificate the demo practitioner already holds (from the archived 材料员 plan).
    // Numbered by the same rule as 发证, and its serial taken from the counter, so the next real issue of the
    // trade and year continues after it instead of repeating it.
    const issueDate = beijingDate(new Date(Date.now() - 90 * DAY));
    const material = tradeByName.get("材料员")!;
    const year = issueDate.slice(0, 4);
    await tx.insert(serials).values({ scope: certificateSerialScope(material.code, year), last: 1 });
    await tx.insert(certificates).values({
      certificateNo: certificateNumber(material.code, year, 1),
      personId: personRows[0].id,
      tradeId: material.id,
      source: "exam",
      holderName: "张三",
      employerName: personRows[0].employerName,
      issueDate,
      validUntil: addYears(issueDate, 3),
      issuer: "北京市住房和城乡建设委员会",
    });

    // An employee of the first enterprise whose 建筑架子工 certificate runs out in 45 days, so 企业人员获证信息
    // (90-day filter) and 申请证书续期 have something to show. A trade without a seeded plan, so no
    // registration test meets it.
    const scaffolder = personRows.find((p, i) => i > 12 && p.employerOrgId === enterprises[0].id)!;
    const scaffold = tradeByName.get("建筑架子工")!;
    const scaffoldUntil = beijingDate(new Date(Date.now() + 45 * DAY));
    const scaffoldIssued = addYears(scaffoldUntil, -scaffold.validityYears);
    await tx.insert(serials).values({ scope: certificateSerialScope(scaffold.code, scaffoldIssued.slice(0, 4)), last: 1 });
    await tx.insert(certificates).values({
      certificateNo: certificateNumber(scaffold.code, scaffoldIssued.slice(0, 4), 1),
      personId: scaffolder.id,
      tradeId: scaffold.id,
      source: "exam",
      holderName: scaffolder.name,
      employerName: scaffolder.employerName,
      issueDate: scaffoldIssued,
      validUntil: scaffoldUntil,
      issuer: "北京市住房和城乡建设委员会",
    });
  });
}

/** Seeds the demo data into an empty database; returns whether it did. */
export async function seedIfEmpty(url: string): Promise<boolean> {
  const { db, client } = createDb(url, { max: 2 });
  try {
    const [{ n }] = await db.select({ n: count() }).from(users);
    if (n > 0) return false;
    await seedDemo(db);
    return true;
  } finally {
    await client.end();
  }
}

/** Fills a large data set for benchmarks: `npm run db:seed -- --persons 100000`. */
export async function seedLargeDataset(url: string, opts: { persons: number; registrations?: number; planId?: number }) {
  const { db, client } = createDb(url, { max: 2 });
  try {
    const rand = prng(opts.persons);
    const orgs = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(sql`kind = 'enterprise'`);
    const [{ start }] = await db.select({ start: sql<number>`coalesce(max(${persons.id}), 0)::int` }).from(persons);
    const t0 = Date.now();
    for (let done = 0; done < opts.persons; done += INSERT_CHUNK) {
      const batch: NewPerson[] = [];
      for (let i = done; i < Math.min(opts.persons, done + INSERT_CHUNK); i++) {
        const org = orgs[i % orgs.length];
        // Sequence numbers 000-999 repeat; vary the birth date with the index so every ID is unique.
        const p = makePerson(start + 1000 + i, rand, org.id, org.name);
        const dayOffset = Math.floor((start + i) / 1000);
        const birth = beijingDate(new Date(Date.UTC(1960, 0, 1) + dayOffset * DAY));
        p.birthDate = birth;
        p.idNumber = makeChineseId(REGIONS[i % REGIONS.length], birth, (start + i) % 1000);
        batch.push(p);
      }
      await db.insert(persons).values(batch).onConflictDoNothing();
    }
    console.log(`[seed] ${opts.persons} persons in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}
