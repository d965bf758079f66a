import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLogs, certificateApplicationFiles, certificateApplications, certificates, notifications, persons } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import { makeChineseId } from "@/lib/identity/chinese-id";
import { makeUscc } from "@/lib/identity/org-code";
import { renderCertificateApplicationPdf } from "@/lib/documents/certificate-application-pdf";
import { getCertificate } from "@/lib/queries/certificates";
import { applyForChange } from "@/lib/services/certificate-applications/change";
import { loadApplicationForm } from "@/lib/services/certificate-applications/documents";
import { approveApplications, getApplicationDetail } from "@/lib/services/certificate-applications/review";
import { actAs } from "../support/users";
import { daysFromToday, makeCertificate, makePerson, makeTrainerRegistration } from "./certificate-fixtures";

let person: SessionUser, enterprise: SessionUser, otherEnterprise: SessionUser, trainer: SessionUser, admin: SessionUser;
const PDF = { data: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"), name: "更名证明.pdf" };

beforeAll(async () => {
  process.env.FILE_STORAGE_DIR ??= `${process.cwd()}/.tmp/certificate-test-files`;
  person = (await actAs("zhangsan"))!;
  enterprise = (await actAs("chengjian"))!;
  otherEnterprise = (await actAs("zhuzong"))!;
  trainer = (await actAs("peixun"))!;
  admin = (await actAs("admin"))!;
});

describe("申请证书变更", () => {
  it("证书变更申请成功：只提交修改过的项目，原值与新值并列", async () => {
    const p = await makePerson(db, { employerOrgId: enterprise.organizationId });
    const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(700) });
    const r = await applyForChange(db, enterprise, [{ certificateId: c.id, after: { holderName: p.name, employerName: "北京新单位有限公司" } }]);
    expect(r.batchNo).toMatch(/^BG\d{14}$/);
    const [app] = await db.select().from(certificateApplications).where(eq(certificateApplications.id, r.applied[0].applicationId));
    expect(app.payload).toEqual({ before: { employerName: expect.any(String) }, after: { employerName: "北京新单位有限公司" } });
    const detail = await getApplicationDetail(db, admin, app.id);
    expect(detail).toMatchObject({ kind: "change", certificateNo: c.certificateNo, holderName: p.name });
  });

  it("证书变更：未修改任何内容不能申请", async () => {
    const c = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(700) });
    const [holder] = await db.select().from(certificates).where(eq(certificates.id, c.id));
    await expect(applyForChange(db, person, [{ certificateId: c.id, after: { holderName: holder.holderName } }])).rejects.toThrow("未修改任何内容");
  });

  it("证书变更：变更姓名须上传证明材料扫描件，扫描件只收 PDF、JPG、PNG", async () => {
    const c = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(700) });
    await expect(applyForChange(db, person, [{ certificateId: c.id, after: { holderName: "张叁" } }])).rejects.toThrow("须上传证明材料扫描件");
    const gif = { data: Buffer.from("GIF89a......"), name: "证明.pdf" };
    await expect(applyForChange(db, person, [{ certificateId: c.id, after: { holderName: "张叁" }, scans: [gif] }])).rejects.toThrow("是GIF 图片，这里只能上传PDF 文件或JPG 图片或PNG 图片");
    const r = await applyForChange(db, person, [{ certificateId: c.id, after: { holderName: "张叁" }, scans: [PDF] }]);
    const files = await db.select().from(certificateApplicationFiles).where(eq(certificateApplicationFiles.applicationId, r.applied[0].applicationId));
    expect(files).toHaveLength(1);
    const detail = await getApplicationDetail(db, person, r.applied[0].applicationId);
    expect(detail!.scans[0]).toMatchObject({ contentType: "application/pdf", originalName: "更名证明.pdf" });
  });

  it("证书变更：证件号码校验位错误，提示在证件号码旁", async () => {
    const c = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(700) });
    const bad = makeChineseId("110108", "1980-01-01", 11).slice(0, 17) + "0";
    const good = makeChineseId("110108", "1980-01-01", 11);
    const wrong = bad === good ? makeChineseId("110108", "1980-01-01", 11).slice(0, 17) + "1" : bad;
    await expect(applyForChange(db, person, [{ certificateId: c.id, after: { idNumber: wrong }, scans: [PDF] }])).rejects.toMatchObject({
      fieldErrors: { idNumber: [expect.stringContaining("校验位")] },
    });
  });

  it("证书变更：已注销、已变更的证书和已有待审核变更申请的证书不能申请", async () => {
    const revoked = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(700), status: "revoked" });
    const open = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(700) });
    await applyForChange(db, person, [{ certificateId: open.id, after: { employerName: "甲公司" } }]);
    const r = await applyForChange(db, person, [
      { certificateId: revoked.id, after: { employerName: "乙公司" } },
      { certificateId: open.id, after: { employerName: "乙公司" } },
    ]);
    expect(r.batchNo).toBeNull();
    expect(r.refused.map((x) => x.reason)).toEqual(["证书已注销，不能变更", expect.stringContaining("已有待审核的变更申请")]);
  });

  it("企业为多名职工申请证书变更；别的企业、培训机构按证书不存在处理", async () => {
    const staff = await Promise.all([1, 2].map(() => makePerson(db, { employerOrgId: enterprise.organizationId })));
    const certs = await Promise.all(staff.map((p) => makeCertificate(db, { personId: p.id, validUntil: daysFromToday(700) })));
    const items = certs.map((c) => ({ certificateId: c.id, after: { employerName: "城建新公司" } }));
    expect((await applyForChange(db, otherEnterprise, items)).refused.map((x) => x.reason)).toEqual(["证书不存在", "证书不存在"]);
    expect((await applyForChange(db, trainer, items)).refused.map((x) => x.reason)).toEqual(["证书不存在", "证书不存在"]);
    const r = await applyForChange(db, enterprise, items);
    expect(r.applied).toHaveLength(2);
    expect(new Set(r.applied.map((a) => a.applicationId)).size).toBe(2);
  });

  it("培训机构为本机构报名取得的证书申请变更", async () => {
    const p = await makePerson(db);
    const reg = await makeTrainerRegistration(db, p.id, trainer.organizationId!);
    const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(700), registrationId: reg });
    const r = await applyForChange(db, trainer, [{ certificateId: c.id, after: { employerName: "培训后新单位" } }]);
    expect(r.applied).toHaveLength(1);
  });
});

describe("打印证书变更申请表", () => {
  it("打印证书变更申请表：原登记内容与变更后内容并列，附申请须知，生成 PDF；别的企业按不存在处理", async () => {
    const p = await makePerson(db, { employerOrgId: enterprise.organizationId });
    const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(700) });
    const r = await applyForChange(db, enterprise, [{ certificateId: c.id, after: { holderName: "新名字", employerName: "新单位" }, scans: [PDF] }]);
    const form = await loadApplicationForm(db, enterprise, r.applied[0].applicationId);
    expect(form!.title).toBe("证书变更申请表");
    expect(form!.rows).toEqual([
      ["姓名", p.name, "新名字"],
      ["工作单位", expect.any(String), "新单位"],
    ]);
    expect(form!.notice[0]).toContain("证书变更适用于");
    expect(form!.scans).toEqual(["更名证明.pdf"]);
    const pdf = await renderCertificateApplicationPdf(form!);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(await loadApplicationForm(db, otherEnterprise, r.applied[0].applicationId)).toBeNull();
  });
});

describe("证书业务审核：变更", () => {
  it("变更审核通过：生成新版本证书（新值），旧版本作废并指向新版本，人员信息随之更正", async () => {
    const p = await makePerson(db, { employerOrgId: enterprise.organizationId });
    const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(700) });
    const newId = makeChineseId("110108", "1986-02-03", 21);
    const r = await applyForChange(db, enterprise, [{ certificateId: c.id, after: { holderName: "更名后", idNumber: newId }, scans: [PDF] }]);
    const appId = r.applied[0].applicationId;
    const res = await approveApplications(db, admin, [appId]);
    expect(res.approved).toHaveLength(1);
    const [old] = await db.select().from(certificates).where(eq(certificates.id, c.id));
    const [next] = await db.select().from(certificates).where(eq(certificates.previousId, c.id));
    expect(old.status).toBe("superseded");
    expect(next).toMatchObject({ certificateNo: c.certificateNo, version: 2, holderName: "更名后", validUntil: old.validUntil, status: "valid" });
    const [pp] = await db.select().from(persons).where(eq(persons.id, p.id));
    expect(pp).toMatchObject({ name: "更名后", idNumber: newId });
    expect(await db.select().from(notifications).where(and(eq(notifications.personId, p.id), eq(notifications.kind, "application")))).toHaveLength(1);
    expect(await db.select().from(notifications).where(and(eq(notifications.organizationId, enterprise.organizationId!), eq(notifications.title, "证书变更申请审核通过")))).not.toHaveLength(0);
    const [log] = await db.select().from(auditLogs).where(and(eq(auditLogs.action, "certificate_application.approved"), eq(auditLogs.entityId, String(appId))));
    expect(log.before).toMatchObject({ holderName: p.name, idNumber: p.idNumber });
    expect(log.after).toMatchObject({ holderName: "更名后", idNumber: newId, certificateId: next.id });
    const again = await approveApplications(db, admin, [appId]);
    expect(again.approved).toEqual([]);
    expect(await db.select().from(certificates).where(eq(certificates.certificateNo, c.certificateNo))).toHaveLength(2);
    // 该人员的其他证书 on the decided application: the new version is this certificate, not another one.
    const other = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(300) });
    const detail = await getApplicationDetail(db, admin, appId);
    expect(detail!.otherCertificates.map((x) => x.id)).toEqual([other.id]);
  });

  it("变更审核通过：只变更单位名称（组织机构代码不变），人员仍属原单位，企业仍能看到其证书；变更代码则随新单位", async () => {
    const p = await makePerson(db, { employerOrgId: enterprise.organizationId });
    const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(500) });
    const r = await applyForChange(db, enterprise, [{ certificateId: c.id, after: { employerName: "更名后的本单位有限公司" } }]);
    await approveApplications(db, admin, [r.applied[0].applicationId]);
    const [pp] = await db.select().from(persons).where(eq(persons.id, p.id));
    expect(pp).toMatchObject({ employerOrgId: enterprise.organizationId, employerName: "更名后的本单位有限公司" });
    const [next] = await db.select().from(certificates).where(eq(certificates.previousId, c.id));
    expect(next.employerName).toBe("更名后的本单位有限公司");
    expect(await getCertificate(db, enterprise, next.id)).not.toBeNull();
    const again = await applyForChange(db, enterprise, [{ certificateId: next.id, after: { employerName: "新单位", employerCode: makeUscc("MA7Q3K2X") } }]);
    expect(again.refused).toEqual([]);
    await approveApplications(db, admin, [again.applied[0].applicationId]);
    const [moved] = await db.select().from(persons).where(eq(persons.id, p.id));
    expect(moved.employerOrgId).toBeNull();
  });

  it("变更审核：证书在审核前被注销，不生成新版本，留待审核不通过", async () => {
    const c = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(700) });
    const r = await applyForChange(db, person, [{ certificateId: c.id, after: { employerName: "丙公司" } }]);
    await db.update(certificates).set({ status: "revoked", revokedAt: new Date(), revokeReasonClass: "violation" }).where(eq(certificates.id, c.id));
    const res = await approveApplications(db, admin, [r.applied[0].applicationId]);
    expect(res.approved).toEqual([]);
    expect(res.skipped[0].reason).toContain("证书已注销");
    const [app] = await db.select().from(certificateApplications).where(eq(certificateApplications.id, r.applied[0].applicationId));
    expect(app.status).toBe("applied");
  });
});
