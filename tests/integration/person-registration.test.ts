import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { submitRegistrationAction, updateRegistrationAction, withdrawRegistrationAction } from "@/app/(app)/person/registrations/actions";
import { db } from "@/db";
import { examPlans, persons, registrations } from "@/db/schema";
import { ActionError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { AccessDenied } from "@/lib/errors";
import { approveRegistrations, rejectRegistrations } from "@/lib/services/admin/review";
import { uploadPhoto } from "@/lib/services/photos";
import { submitRegistration, updateRegistration, withdrawRegistration } from "@/lib/services/registrations";
import { beijingDate } from "@/lib/time";
import { actAs } from "../support/users";
import { adminUser, auditCount, makeJpeg, personAccount, planByCode, registrationInput, registrationOf, uploadJpeg } from "./person-fixtures";

let zhang: SessionUser;
let photo: string;
let sg: number; // KS2026-SG-04: open, at least 1 year of work
let zl: number; // KS2026-ZL-04: open, at least 2 years
let dg: number; // KS2026-DG-04: open, no minimum

beforeAll(async () => {
  zhang = (await actAs("zhangsan"))!;
  photo = await uploadJpeg(zhang);
  sg = (await planByCode("KS2026-SG-04")).id;
  zl = (await planByCode("KS2026-ZL-04")).id;
  dg = (await planByCode("KS2026-DG-04")).id;
});

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof ActionError || e instanceof AccessDenied) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("考试报名：报名成功", () => {
  it("保存后提示报名成功，报名号为 BM+北京日期+6位流水号，状态待审核，并记录操作日志", async () => {
    await actAs("zhangsan");
    const res = await submitRegistrationAction(registrationInput(sg, photo));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.message).toMatch(/^报名成功，报名号为 BM\d{14}$/);
    expect(res.data.registrationNo).toMatch(new RegExp(`^BM${beijingDate().replaceAll("-", "")}\\d{6}$`));
    const r = await registrationOf(zhang.personId!, sg);
    expect(r.status).toBe("submitted");
    expect(r.submitterKind).toBe("person");
    expect(r.submitterOrgId).toBeNull();
    expect(r.photoFileId).toBe(photo);
    expect(r.resume).toEqual([{ period: "2010.07-至今", employer: "北京城建建设工程有限公司", post: "施工员" }]);
    expect(await auditCount("registration.submitted", r.id)).toBe(1);
    // The photo becomes the person's photo on record, offered again next time.
    const [p] = await db.select({ photo: persons.photoFileId }).from(persons).where(eq(persons.id, zhang.personId!));
    expect(p.photo).toBe(photo);
  });

  it("输入已登记单位的统一社会信用代码时，以登记的单位名称为准", async () => {
    const u = await personAccount(21);
    const fileId = await uploadJpeg(u);
    const [org] = await db.execute<{ uscc: string; name: string }>(
      sql`select uscc, name from organizations where kind = 'enterprise' order by id offset 2 limit 1`,
    );
    const r = await submitRegistration(db, u, registrationInput(dg, fileId, { employerName: "随便写的名字", employerCode: org.uscc, workStartDate: "2015-03-01", yearsOfWork: 3 }));
    const row = await registrationOf(u.personId!, dg);
    expect(row.id).toBe(r.id);
    expect(row.employerName).toBe(org.name);
    expect(row.employerOrgId).not.toBeNull();
  });

  it("同一时刻重复提交同一考试，只有一份报名成功", async () => {
    const u = await personAccount(22);
    const fileId = await uploadJpeg(u);
    const results = await Promise.allSettled([
      submitRegistration(db, u, registrationInput(dg, fileId)),
      submitRegistration(db, u, registrationInput(dg, fileId)),
      submitRegistration(db, u, registrationInput(dg, fileId)),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x) => x.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ActionError);
      expect((r as PromiseRejectedResult).reason.message).toContain("已报名该考试计划");
    }
  });
});

describe("考试报名：资格审查（服务器端）", () => {
  it("已报名的考试不能重复报名，并说明所处阶段", async () => {
    await actAs("zhangsan");
    const res = await submitRegistrationAction(registrationInput(sg, photo));
    expect(res).toMatchObject({ ok: false });
    if (!res.ok) expect(res.error).toMatch(/^您已报名该考试计划（报名号 BM\d{14}，当前状态：待审核），不能重复报名$/);
  });

  it("从事工作年限不足：指出要求和填写的年限", async () => {
    await actAs("zhangsan");
    const res = await submitRegistrationAction(registrationInput(zl, photo, { yearsOfWork: 1 }));
    expect(res).toEqual({
      ok: false,
      error: "从事工作年限不足：该考试要求至少 2 年，填写的为 1 年",
      fieldErrors: { yearsOfWork: ["从事工作年限不足：该考试要求至少 2 年，填写的为 1 年"] },
    });
  });

  it("从事工作年限不能超过参加工作以来的年数", async () => {
    const e = await refusal(submitRegistration(db, zhang, registrationInput(zl, photo, { workStartDate: "2024-01-01", yearsOfWork: 9 })));
    expect(e.message).toMatch(/^从事工作年限不能超过参加工作以来的年数（\d+ 年）$/);
  });

  it("报名已截止、尚未开始或计划未发布时不能报名", async () => {
    const closed = (await planByCode("KS2026-ZLY-03")).id;
    expect((await refusal(submitRegistration(db, zhang, registrationInput(closed, photo)))).message).toBe("该考试计划当前不接受报名");
    const draft = (await planByCode("KS2027-AQ-01")).id;
    expect((await refusal(submitRegistration(db, zhang, registrationInput(draft, photo)))).message).toBe("考试计划不存在或未发布");

    const p = await planByCode("KS2026-ZL-04");
    await db.update(examPlans).set({ registrationStartAt: new Date(Date.now() + 86_400_000) }).where(eq(examPlans.id, p.id));
    expect((await refusal(submitRegistration(db, zhang, registrationInput(p.id, photo, { yearsOfWork: 5 })))).message).toMatch(/^报名尚未开始（报名时间为 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 至 .+）$/);
    await db
      .update(examPlans)
      .set({ registrationStartAt: new Date(Date.now() - 10 * 86_400_000), registrationEndAt: new Date(Date.now() - 60_000) })
      .where(eq(examPlans.id, p.id));
    expect((await refusal(submitRegistration(db, zhang, registrationInput(p.id, photo, { yearsOfWork: 5 })))).message).toMatch(/^报名已截止/);
    await db
      .update(examPlans)
      .set({ registrationStartAt: p.registrationStartAt, registrationEndAt: p.registrationEndAt })
      .where(eq(examPlans.id, p.id));
  });

  it("没有照片时不能报名", async () => {
    const u = await personAccount(23);
    const e = await refusal(submitRegistration(db, u, registrationInput(dg, "")));
    expect(e.message).toBe("请上传一寸彩色照片");
    expect((e as ActionError).fieldErrors).toEqual({ photoFileId: ["请上传一寸彩色照片"] });
  });

  it("证件号码有误时不能报名", async () => {
    const u = await personAccount(24);
    const fileId = await uploadJpeg(u);
    await db.update(persons).set({ idNumber: "110101199001011230" }).where(eq(persons.id, u.personId!)); // wrong check digit
    const e = await refusal(submitRegistration(db, u, registrationInput(dg, fileId)));
    expect(e.message).toBe("证件号码缺失或有误，暂不能报名，请联系注册中心核实证件信息");
  });

  it("不能用别人的照片报名", async () => {
    const other = await personAccount(25);
    const othersPhoto = await uploadJpeg(other);
    const u = await personAccount(26);
    const e = await refusal(submitRegistration(db, u, registrationInput(dg, othersPhoto)));
    expect(e.message).toBe("照片无效，请重新上传");
  });
});

describe("考试报名：修改、撤回和重新报名", () => {
  it("待审核时可以修改；不能改换考试计划", async () => {
    const r = await registrationOf(zhang.personId!, sg);
    await actAs("zhangsan");
    const res = await updateRegistrationAction({ ...registrationInput(sg, photo, { yearsOfWork: 12, employerOpinion: "同意报考" }), registrationId: r.id });
    expect(res).toMatchObject({ ok: true, message: "报名信息已修改" });
    const after = await registrationOf(zhang.personId!, sg);
    expect(after.yearsOfWork).toBe(12);
    expect(after.employerOpinion).toBe("同意报考");
    expect(after.registrationNo).toBe(r.registrationNo);
    const moved = await updateRegistrationAction({ ...registrationInput(dg, photo), registrationId: r.id });
    expect(moved).toMatchObject({ ok: false, error: "不能更改报名的考试计划；请撤回后报名其他考试" });
  });

  it("撤回后可在报名时间内重新报名：原报名号不变，状态回到待审核", async () => {
    const u = await personAccount(27);
    const fileId = await uploadJpeg(u);
    const first = await submitRegistration(db, u, registrationInput(dg, fileId));
    await actAs(u.username);
    const fd = new FormData();
    fd.set("registrationId", String(first.id));
    expect(await withdrawRegistrationAction(fd)).toMatchObject({ ok: true, message: "报名已撤回" });
    expect((await registrationOf(u.personId!, dg)).status).toBe("withdrawn");
    expect((await refusal(updateRegistration(db, u, { ...registrationInput(dg, fileId), registrationId: first.id }))).message).toBe(
      "报名已撤回，不能修改；如需参加考试请重新报名",
    );
    const again = await submitRegistration(db, u, registrationInput(dg, "", { yearsOfWork: 4 }));
    expect(again).toMatchObject({ id: first.id, registrationNo: first.registrationNo, resubmitted: true });
    const row = await registrationOf(u.personId!, dg);
    expect(row.status).toBe("submitted");
    expect(row.yearsOfWork).toBe(4);
    expect(row.photoFileId).toBe(fileId); // the photo on record was used
  });

  it("未通过审核的报名可以修改后重新报名，原因随之清除", async () => {
    const u = await personAccount(28);
    const fileId = await uploadJpeg(u);
    const first = await submitRegistration(db, u, registrationInput(dg, fileId));
    await rejectRegistrations(db, await adminUser(), [first.id], "照片不清晰", null);
    const rejected = await registrationOf(u.personId!, dg);
    expect(rejected).toMatchObject({ status: "rejected", rejectReason: "照片不清晰" });
    const newPhoto = await uploadJpeg(u);
    await submitRegistration(db, u, registrationInput(dg, newPhoto));
    const row = await registrationOf(u.personId!, dg);
    expect(row).toMatchObject({ id: first.id, status: "submitted", rejectReason: null, reviewedAt: null, photoFileId: newPhoto });
  });

  it("审核通过后不能再修改或撤回", async () => {
    const u = await personAccount(29);
    const fileId = await uploadJpeg(u);
    const r = await submitRegistration(db, u, registrationInput(dg, fileId));
    await approveRegistrations(db, await adminUser(), [r.id], null);
    await actAs(u.username);
    const edit = await updateRegistrationAction({ ...registrationInput(dg, fileId, { yearsOfWork: 3 }), registrationId: r.id });
    expect(edit).toEqual({ ok: false, error: "报名已审核（审核通过/待缴费），不能再修改" });
    const w = await withdrawRegistrationAction({ registrationId: r.id });
    expect(w).toEqual({ ok: false, error: "报名已审核（审核通过/待缴费），不能再撤回" });
    expect((await registrationOf(u.personId!, dg)).status).toBe("approved");
    // And a second registration for the same plan is refused with the stage it is in.
    const again = await refusal(submitRegistration(db, u, registrationInput(dg, fileId)));
    expect(again.message).toContain("当前状态：审核通过/待缴费");
  });
});

describe("考试报名：企业和培训机构使用同一服务", () => {
  it("企业为本单位职工报名；不能为其他单位的人员报名", async () => {
    const ent = (await actAs("chengjian"))!;
    const [employee] = await db
      .select({ id: persons.id })
      .from(persons)
      .where(eq(persons.employerOrgId, ent.organizationId!))
      .orderBy(persons.id)
      .offset(8)
      .limit(1);
    const up = await uploadPhoto(db, ent, { data: await makeJpeg() });
    if (!up.ok) throw new Error(up.error);
    const fileId = { fileId: up.fileId };
    const r = await submitRegistration(db, ent, { ...registrationInput(dg, fileId.fileId), personId: employee.id });
    const row = await db.select().from(registrations).where(eq(registrations.id, r.id));
    expect(row[0]).toMatchObject({ submitterKind: "enterprise", submitterOrgId: ent.organizationId, personId: employee.id, employerOrgId: ent.organizationId });

    const [stranger] = await db.select({ id: persons.id }).from(persons).where(eq(persons.employerOrgId, ent.organizationId! + 1)).limit(1);
    const e = await refusal(submitRegistration(db, ent, { ...registrationInput(dg, fileId.fileId), personId: stranger.id }));
    expect(e).toBeInstanceOf(AccessDenied);
  });

  it("只有提交方可以修改或撤回：单位代报的，本人不能撤回；本人报的，单位不能撤回", async () => {
    const ent = (await actAs("chengjian"))!;
    // 张三 works for 北京城建 (chengjian). He registered himself for SG-04 above.
    const own = await registrationOf(zhang.personId!, sg);
    const byEmployer = await refusal(withdrawRegistration(db, ent, own.id));
    expect(byEmployer.message).toBe("该报名由本人提交，只能由提交方修改或撤回");

    const up = await uploadPhoto(db, ent, { data: await makeJpeg() });
    if (!up.ok) throw new Error(up.error);
    const r = await submitRegistration(db, ent, { ...registrationInput(dg, up.fileId), personId: zhang.personId! });
    const byPerson = await refusal(withdrawRegistration(db, zhang, r.id));
    expect(byPerson.message).toBe("该报名由企业提交，只能由提交方修改或撤回");
    await withdrawRegistration(db, ent, r.id);
    expect((await registrationOf(zhang.personId!, dg)).status).toBe("withdrawn");
  });

  it("培训机构按证件号码和姓名报名，记为培训机构提交；按编号报名被拒绝；个人不能替别人报名", async () => {
    const trainer = (await actAs("peixun"))!;
    const [p] = await db.select({ id: persons.id, idType: persons.idType, idNumber: persons.idNumber, name: persons.name }).from(persons).orderBy(persons.id).offset(40).limit(1);
    const up = await uploadPhoto(db, trainer, { data: await makeJpeg() });
    if (!up.ok) throw new Error(up.error);
    expect(await refusal(submitRegistration(db, trainer, { ...registrationInput(dg, up.fileId), personId: p.id }))).toBeInstanceOf(AccessDenied);
    const { submitOrgRegistration } = await import("@/lib/services/org-registrations");
    const who = { idType: p.idType, idNumber: p.idNumber, name: p.name, gender: "" as const, birthDate: "", phone: "", education: "" as const };
    const r = await submitOrgRegistration(db, trainer, { ...registrationInput(dg, up.fileId), person: who });
    const [row] = await db.select().from(registrations).where(eq(registrations.id, r.id));
    expect(row).toMatchObject({ submitterKind: "trainer", submitterOrgId: trainer.organizationId, personId: p.id });
    // The trainer's upload now belongs to the person.
    const u = await personAccount(40);
    expect(u.personId).toBe(p.id);

    const e = await refusal(submitRegistration(db, zhang, { ...registrationInput(dg, photo), personId: p.id }));
    expect(e).toBeInstanceOf(AccessDenied);
    const admin = await refusal(submitRegistration(db, await adminUser(), { ...registrationInput(dg, photo), personId: p.id }));
    expect(admin).toBeInstanceOf(AccessDenied);
  });
});

describe("考试计划选择", () => {
  it("按岗位工种和名称查询；草稿计划从不出现；查看考试结果只列成绩已发布的计划", async () => {
    const { searchPlans, listOpenPlans } = await import("@/lib/queries/plans");
    const all = await searchPlans(db, {});
    expect(all.rows.map((p) => p.code)).not.toContain("KS2027-AQ-01");
    const [trade] = await db.execute<{ id: number }>(sql`select id from trades where name = '质量员'`);
    const byTrade = await searchPlans(db, { tradeId: trade.id });
    expect(byTrade.rows.map((p) => p.code)).toEqual(["KS2026-ZL-04"]);
    expect((await searchPlans(db, { name: "资料员" })).rows.map((p) => p.code)).toEqual(["KS2026-ZLY-03"]);
    expect((await searchPlans(db, { name: "%" })).rows).toEqual([]);
    const results = await searchPlans(db, {}, { statusIn: ["results_published", "archived"] });
    expect(results.rows.every((p) => p.status === "results_published" || p.status === "archived")).toBe(true);
    // 考试报名 lists only plans taking registrations, with the person's own registration beside each.
    const open = await listOpenPlans(db, { personId: zhang.personId });
    expect(open.rows.every((p) => p.status === "published")).toBe(true);
    expect(open.rows.find((p) => p.id === sg)?.registrationStatus).toBe("submitted");
  });
});
