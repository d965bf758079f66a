import { and, eq, ne, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { certificates, organizations, persons, registrations, trades, users } from "@/db/schema";
import { AccessDenied } from "@/lib/auth/guards";
import type { SessionUser } from "@/lib/auth/roles";
import { makeChineseId } from "@/lib/identity/chinese-id";
import { getCertificate, listCertificates } from "@/lib/queries/certificates";
import { lookupPersonByIdNumber, NAME_MISMATCH, registrationStage, searchEmployees, submitOrgRegistration } from "@/lib/services/org-registrations";
import { canReadPhoto } from "@/lib/services/photos";
import { REGISTERED_BY_OTHERS, submitRegistration, withdrawRegistration } from "@/lib/services/registrations";
import type { OrgRegistrationValues } from "@/lib/validations/org-registration";
import { orgRegistrationSchema } from "@/lib/validations/org-registration";
import { actAs } from "../support/users";
import { personAccount, planByCode, registrationInput, uploadJpeg } from "./person-fixtures";

let enterprise: SessionUser;
let otherEnterprise: SessionUser;
let trainer: SessionUser;
let trainer2: SessionUser;
let dg: number; // 建筑电工, no minimum years
let zl: number; // 质量员

type P = { id: number; name: string; idType: "resident" | "passport" | "hk_macao" | "taiwan"; idNumber: string; photoFileId: string | null };
let employee: P; // employed by 城建 (enterprise), no registrations
let stranger: P; // employed by the other enterprise

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a refusal");
}

function orgInput(planId: number, photoFileId: string, over: Partial<OrgRegistrationValues> = {}): OrgRegistrationValues {
  return { ...registrationInput(planId, photoFileId), ...over } as OrgRegistrationValues;
}

const asPerson = (p: P) => ({ idType: p.idType, idNumber: p.idNumber, name: p.name, gender: "" as const, birthDate: "", phone: "", education: "" as const });

beforeAll(async () => {
  enterprise = (await actAs("chengjian"))!;
  otherEnterprise = (await actAs("zhuzong"))!;
  trainer = (await actAs("peixun"))!;
  const [org] = await db.insert(organizations).values({ kind: "trainer", name: "第二培训学校" }).returning({ id: organizations.id });
  await db.insert(users).values({ username: "peixun2", role: "trainer", displayName: "第二培训学校", organizationId: org.id });
  trainer2 = (await actAs("peixun2"))!;
  dg = (await planByCode("KS2026-DG-04")).id;
  zl = (await planByCode("KS2026-ZL-04")).id;
  const cols = { id: persons.id, name: persons.name, idType: persons.idType, idNumber: persons.idNumber, photoFileId: persons.photoFileId };
  const clean = sql`not exists (select 1 from registrations r where r.person_id = ${persons.id})`;
  [employee] = await db.select(cols).from(persons).where(and(eq(persons.employerOrgId, enterprise.organizationId!), clean)).orderBy(persons.id).limit(1);
  [stranger] = await db.select(cols).from(persons).where(and(eq(persons.employerOrgId, otherEnterprise.organizationId!), clean)).orderBy(persons.id).limit(1);
});

describe("企业考试报名：查找本单位人员", () => {
  it("企业人员查询：按姓名查找本单位人员，列表中证件号码打码，不含其他单位人员", async () => {
    const r = await searchEmployees(db, enterprise, { q: employee.name.slice(0, 1) });
    expect(r.rows.length).toBeGreaterThan(0);
    const me = await searchEmployees(db, enterprise, { q: employee.idNumber.slice(0, 10) });
    expect(me.rows.map((x) => x.id)).toContain(employee.id);
    for (const row of [...r.rows, ...me.rows]) {
      expect(row).not.toHaveProperty("idNumber");
      expect(row.idNumberMasked).toContain("*");
    }
    const all = await searchEmployees(db, enterprise, { pageSize: 100 });
    expect(all.rows.map((x) => x.id)).not.toContain(stranger.id);
    expect(all.total).toBeGreaterThanOrEqual(all.rows.length);
  });

  it("企业人员查询：培训机构和从业人员不能查询企业人员", async () => {
    await expect(searchEmployees(db, trainer, {})).rejects.toBeInstanceOf(AccessDenied);
    const zhang = (await actAs("zhangsan"))!;
    await expect(searchEmployees(db, zhang, {})).rejects.toBeInstanceOf(AccessDenied);
    await expect(lookupPersonByIdNumber(db, zhang, { idType: "resident", idNumber: employee.idNumber, name: "" })).rejects.toBeInstanceOf(AccessDenied);
    const admin = (await actAs("admin"))!;
    await expect(lookupPersonByIdNumber(db, admin, { idType: "resident", idNumber: employee.idNumber, name: "" })).rejects.toBeInstanceOf(AccessDenied);
  });

  it("企业考试报名：输入本单位人员证件号码带出已存资料；其他单位人员只说明姓名是否相符", async () => {
    const mine = await lookupPersonByIdNumber(db, enterprise, { idType: "resident", idNumber: employee.idNumber, name: "" });
    expect(mine.kind).toBe("employee");
    if (mine.kind === "employee") expect(mine.person.name).toBe(employee.name);
    const theirs = await lookupPersonByIdNumber(db, enterprise, { idType: "resident", idNumber: stranger.idNumber, name: stranger.name });
    expect(theirs).toEqual({ kind: "known", nameMatches: true, gender: expect.any(String), birthDate: expect.any(String) });
    expect(JSON.stringify(theirs)).not.toContain(stranger.name);
  });

  it("企业考试报名：不能按编号为其他单位的人员报名", async () => {
    const photo = await uploadJpeg(enterprise);
    const e = await refusal(submitOrgRegistration(db, enterprise, orgInput(dg, photo, { personId: stranger.id })));
    expect(e).toBeInstanceOf(AccessDenied);
    const e2 = await refusal(submitRegistration(db, enterprise, orgInput(dg, photo, { personId: stranger.id })));
    expect(e2).toBeInstanceOf(AccessDenied);
  });

  it("企业考试报名：为本单位人员报名，报名成功，人员本人的照片不被替换", async () => {
    const photo = await uploadJpeg(enterprise);
    const r = await submitOrgRegistration(db, enterprise, orgInput(dg, photo, { personId: employee.id }));
    expect(r.registrationNo).toMatch(/^BM\d{14}$/);
    const [p] = await db.select({ photo: persons.photoFileId }).from(persons).where(eq(persons.id, employee.id));
    expect(p.photo).toBe(employee.photoFileId);
    const [reg] = await db.select().from(registrations).where(eq(registrations.id, r.id));
    expect(reg).toMatchObject({ submitterKind: "enterprise", submitterOrgId: enterprise.organizationId, photoFileId: photo });
  });
});

describe("培训机构考试报名：只能按证件号码和姓名找到人员", () => {
  it("培训机构考试报名：按编号（personId）报名被拒绝", async () => {
    const photo = await uploadJpeg(trainer);
    await expect(submitRegistration(db, trainer, orgInput(zl, photo, { personId: stranger.id }))).rejects.toBeInstanceOf(AccessDenied);
    await expect(submitOrgRegistration(db, trainer, orgInput(zl, photo, { personId: stranger.id }))).rejects.toBeInstanceOf(AccessDenied);
    expect(await db.$count(registrations, and(eq(registrations.personId, stranger.id), eq(registrations.planId, zl)))).toBe(0);
  });

  it("培训机构考试报名：姓名与证件号码不符，不能报名", async () => {
    const photo = await uploadJpeg(trainer);
    const e = await refusal(submitOrgRegistration(db, trainer, orgInput(zl, photo, { person: { ...asPerson(stranger), name: "王不对" } })));
    expect(e.message).toBe(NAME_MISMATCH);
    const look = await lookupPersonByIdNumber(db, trainer, { idType: "resident", idNumber: stranger.idNumber, name: "王不对" });
    expect(look).toMatchObject({ kind: "known", nameMatches: false });
  });

  it("培训机构考试报名：查询已有人员不返回其资料和照片", async () => {
    const look = await lookupPersonByIdNumber(db, trainer, { idType: "resident", idNumber: employee.idNumber, name: employee.name });
    expect(look).toEqual({ kind: "known", nameMatches: true, gender: expect.any(String), birthDate: expect.any(String) });
  });

  it("培训机构考试报名：新的证件号码带出性别和出生日期，保存时新建人员，报名成功", async () => {
    const idNumber = makeChineseId("110105", "1990-03-15", 123);
    const look = await lookupPersonByIdNumber(db, trainer, { idType: "resident", idNumber, name: "" });
    expect(look).toEqual({ kind: "new", gender: "M", birthDate: "1990-03-15" });
    const photo = await uploadJpeg(trainer);
    const parsed = orgRegistrationSchema.parse({ ...registrationInput(dg, photo), person: { idType: "resident", idNumber, name: "新学员" } });
    const r = await submitOrgRegistration(db, trainer, parsed);
    const [p] = await db.select().from(persons).where(eq(persons.idNumber, idNumber));
    expect(p).toMatchObject({ name: "新学员", gender: "M", birthDate: "1990-03-15", employerOrgId: null, photoFileId: null });
    const [reg] = await db.select().from(registrations).where(eq(registrations.id, r.id));
    expect(reg).toMatchObject({ personId: p.id, submitterKind: "trainer", photoFileId: photo });
  });

  it("培训机构考试报名：不改变人员本人的照片和姓名，也看不到其已存照片", async () => {
    const zhang = await personAccount(40);
    const [me] = await db.select().from(persons).where(eq(persons.id, zhang.personId!));
    const ownPhoto = await uploadJpeg(zhang);
    await db.update(persons).set({ photoFileId: ownPhoto }).where(eq(persons.id, me.id));

    // The trainer cannot put the person's stored photo on its registration, nor fall back to it.
    const who = { ...asPerson({ ...me, photoFileId: ownPhoto }), name: ` ${me.name} ` };
    const e = await refusal(submitOrgRegistration(db, trainer, orgInput(zl, ownPhoto, { person: who })));
    expect(e.message).toBe("照片无效，请重新上传");
    const noPhoto = await refusal(submitOrgRegistration(db, trainer, orgInput(zl, "", { person: who })));
    expect(noPhoto.message).toBe("请上传一寸彩色照片");

    const photo = await uploadJpeg(trainer);
    await submitOrgRegistration(db, trainer, orgInput(zl, photo, { person: who }));
    const [after] = await db.select().from(persons).where(eq(persons.id, me.id));
    expect(after.photoFileId).toBe(ownPhoto);
    expect(after.name).toBe(me.name);
    expect(await canReadPhoto(db, trainer, ownPhoto)).toBe(false);
    expect(await canReadPhoto(db, trainer, photo)).toBe(true);
    expect(await canReadPhoto(db, trainer2, photo)).toBe(false);
  });

  it("培训机构证书：只看到本机构报名产生的证书", async () => {
    // A person the trainer registered holds a certificate from elsewhere (证书进京).
    const [reg] = await db.select({ personId: registrations.personId }).from(registrations).where(and(eq(registrations.submitterKind, "trainer"), eq(registrations.submitterOrgId, trainer.organizationId!))).limit(1);
    const [trade] = await db.select({ id: trades.id }).from(trades).where(eq(trades.name, "安全员"));
    const [cert] = await db
      .insert(certificates)
      .values({ certificateNo: "外省2020000001", personId: reg.personId, tradeId: trade.id, source: "transfer_in", holderName: "某人", issueDate: "2020-01-01", validUntil: "2030-01-01", issuer: "外省住建厅" })
      .returning({ id: certificates.id });
    expect(await getCertificate(db, trainer, cert.id)).toBeNull();
    const list = await listCertificates(db, trainer, { pageSize: 100 });
    expect(list.rows.map((c) => c.id)).not.toContain(cert.id);
    // The centre and the person still see it.
    expect(await getCertificate(db, (await actAs("admin"))!, cert.id)).not.toBeNull();
  });
});

describe("其他提交方的报名", () => {
  it("培训机构考试报名：已由企业报名的人员，拒绝时不透露报名号和状态，撤回后也不能接管", async () => {
    const [p] = await db.select().from(persons).where(and(eq(persons.employerOrgId, enterprise.organizationId!), ne(persons.id, employee.id), sql`not exists (select 1 from registrations r where r.person_id = ${persons.id})`)).limit(1);
    const ephoto = await uploadJpeg(enterprise);
    const mine = await submitOrgRegistration(db, enterprise, orgInput(zl, ephoto, { personId: p.id }));
    const photo = await uploadJpeg(trainer);
    const e = await refusal(submitOrgRegistration(db, trainer, orgInput(zl, photo, { person: asPerson(p as P) })));
    expect(e.message).toBe(REGISTERED_BY_OTHERS);
    expect(e.message).not.toContain(mine.registrationNo);
    expect(e.message).not.toContain("待审核");

    const stage = await registrationStage(db, trainer, { planId: zl, idType: "resident", idNumber: p.idNumber, name: p.name });
    expect(stage.mayRegister).toBe(false);
    expect(stage.message).toContain("此人目前处于报名阶段");
    expect(stage.message).not.toContain(mine.registrationNo);

    await withdrawRegistration(db, enterprise, mine.id);
    const again = await refusal(submitOrgRegistration(db, trainer, orgInput(zl, photo, { person: asPerson(p as P) })));
    expect(again.message).toBe(REGISTERED_BY_OTHERS);
    const [reg] = await db.select().from(registrations).where(eq(registrations.id, mine.id));
    expect(reg).toMatchObject({ submitterKind: "enterprise", status: "withdrawn" });
    // The enterprise itself may submit its withdrawn registration again.
    const back = await submitOrgRegistration(db, enterprise, orgInput(zl, ephoto, { personId: p.id }));
    expect(back).toMatchObject({ id: mine.id, resubmitted: true });
  });

  it("另一培训机构不能撤回或修改本机构提交的报名", async () => {
    const [reg] = await db.select({ id: registrations.id }).from(registrations).where(and(eq(registrations.submitterKind, "trainer"), eq(registrations.submitterOrgId, trainer.organizationId!), eq(registrations.status, "submitted"))).limit(1);
    await expect(withdrawRegistration(db, trainer2, reg.id)).rejects.toBeInstanceOf(AccessDenied);
  });
});

describe("此人目前处于…阶段", () => {
  it("企业考试报名：已报名本计划时说明报名阶段和报名号，不能重复报名", async () => {
    const s = await registrationStage(db, enterprise, { planId: dg, idType: "resident", idNumber: employee.idNumber, name: employee.name });
    expect(s.mayRegister).toBe(false);
    expect(s.message).toMatch(/^此人目前处于报名（待审核）阶段，报名号 BM\d+，不能重复报名$/);
  });

  it("考试报名：持有该工种有效证书，此人目前处于持证阶段，不能再报名", async () => {
    const [p] = await db.select().from(persons).where(and(eq(persons.employerOrgId, enterprise.organizationId!), sql`not exists (select 1 from registrations r where r.person_id = ${persons.id})`)).offset(3).limit(1);
    const plan = await planByCode("KS2026-DG-04");
    await db.insert(certificates).values({ certificateNo: "京建电2025000099", personId: p.id, tradeId: plan.tradeId, source: "exam", holderName: p.name, issueDate: "2025-01-01", validUntil: "2099-01-01", issuer: "北京市住房和城乡建设委员会" });
    const s = await registrationStage(db, enterprise, { planId: dg, idType: "resident", idNumber: p.idNumber, name: p.name });
    expect(s).toMatchObject({ stage: "持证", mayRegister: false });
    expect(s.message).toContain("此人目前处于持证阶段");
    const photo = await uploadJpeg(enterprise);
    const e = await refusal(submitOrgRegistration(db, enterprise, orgInput(dg, photo, { personId: p.id })));
    expect(e.message).toContain("已持有该工种的有效证书");
  });

  it("考试报名：新的证件号码可以报名", async () => {
    const s = await registrationStage(db, trainer, { planId: dg, idType: "resident", idNumber: makeChineseId("110105", "1992-05-05", 222), name: "" });
    expect(s).toMatchObject({ mayRegister: true, stage: null });
  });
});
