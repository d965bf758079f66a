import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { certificateApplications, certificates, notifications } from "@/db/schema";
import { NO_PERMISSION } from "@/lib/actions";
import type { SessionUser } from "@/lib/auth/roles";
import { certificateHistory, certificateWithVersions, searchCertificates } from "@/lib/queries/admin/certificate-search";
import { applyForChange } from "@/lib/services/certificate-applications/change";
import { applyForRenewal } from "@/lib/services/certificate-applications/renewal";
import { listApplications } from "@/lib/services/certificate-applications/review";
import { certificateForVerification } from "@/lib/services/certificates";
import { approveApplicationsAction, approveBatchAction, rejectApplicationsAction, rejectBatchAction } from "@/app/(app)/admin/applications/actions";
import { reinstateCertificateAction, revokeCertificateAction } from "@/app/(app)/admin/certificate-search/actions";
import { actAs } from "../support/users";
import { daysFromToday, makeCertificate, makePerson } from "./certificate-fixtures";

let enterprise: SessionUser;

beforeAll(async () => {
  process.env.FILE_STORAGE_DIR ??= `${process.cwd()}/.tmp/certificate-test-files`;
  enterprise = (await actAs("chengjian"))!;
});

/** An enterprise's renewal of `n` certificates of its employees, in one 申请批号. */
async function renewalBatch(n: number) {
  const people = await Promise.all(Array.from({ length: n }, () => makePerson(db, { employerOrgId: enterprise.organizationId })));
  const certs = await Promise.all(people.map((p) => makeCertificate(db, { personId: p.id, validUntil: daysFromToday(60) })));
  const r = await applyForRenewal(db, enterprise, certs.map((c) => c.id));
  expect(r.refused).toEqual([]);
  const apps = await db.select().from(certificateApplications).where(inArray(certificateApplications.certificateId, certs.map((c) => c.id)));
  return { batchNo: r.batchNo!, people, certs, appIds: apps.map((a) => a.id).sort((a, b) => a - b) };
}

const statusOf = async (ids: number[]) =>
  Object.fromEntries((await db.select({ id: certificateApplications.id, status: certificateApplications.status }).from(certificateApplications).where(inArray(certificateApplications.id, ids))).map((a) => [a.id, a.status]));

describe("证书业务审核", () => {
  it("证书业务审核：按申请批号和业务类型查询，整批审核通过，证书延续为新版本", async () => {
    const b = await renewalBatch(3);
    const admin = (await actAs("admin"))!;
    const queue = await listApplications(db, admin, { batchNo: b.batchNo.toLowerCase(), kind: "renewal", status: "applied" });
    expect(queue.rows.map((r) => r.id).sort((x, y) => x - y)).toEqual(b.appIds);
    expect(queue.rows[0].maskedId).not.toMatch(/^\d{17}[\dX]$/);
    expect(await listApplications(db, admin, { batchNo: b.batchNo, kind: "change" })).toMatchObject({ total: 0 });

    const r = await approveBatchAction({ batchNo: b.batchNo });
    expect(r).toMatchObject({ ok: true, data: { approved: 3, skipped: 0 } });
    expect(r.ok && r.message).toContain("已审核通过 3 条申请");
    expect(Object.values(await statusOf(b.appIds))).toEqual(["approved", "approved", "approved"]);
    const versions = await db.select({ no: certificates.certificateNo, version: certificates.version, status: certificates.status }).from(certificates).where(inArray(certificates.certificateNo, b.certs.map((c) => c.certificateNo)));
    expect(versions.filter((v) => v.status === "valid").map((v) => v.version)).toEqual([2, 2, 2]);

    // The same batch again: nothing left to approve, said beside the 申请批号.
    const again = await approveBatchAction({ batchNo: b.batchNo });
    expect(again).toMatchObject({ ok: false, fieldErrors: { batchNo: ["该申请批号下没有待审核的申请"] } });
  });

  it("审核不通过：未填写原因不能提交，不通过原因处提示；填写后申请人收到原因", async () => {
    const b = await renewalBatch(1);
    await actAs("admin");
    const empty = await rejectApplicationsAction({ ids: b.appIds, reason: "   " });
    expect(empty).toMatchObject({ ok: false, fieldErrors: { reason: ["请填写审核不通过的原因"] } });
    expect(await statusOf(b.appIds)).toEqual({ [b.appIds[0]]: "applied" });

    const r = await rejectApplicationsAction({ ids: b.appIds, reason: "社保缴纳记录不全" });
    expect(r).toMatchObject({ ok: true, data: { rejected: 1 } });
    const [a] = await db.select().from(certificateApplications).where(eq(certificateApplications.id, b.appIds[0]));
    expect(a).toMatchObject({ status: "rejected", rejectReason: "社保缴纳记录不全" });
    const told = await db.select().from(notifications).where(and(eq(notifications.personId, b.people[0].id), eq(notifications.kind, "rejected")));
    expect(told.map((n) => n.body).join()).toContain("社保缴纳记录不全");
  });

  it("整批审核不通过：须填写原因；该申请批号下待审核的申请全部审核不通过，已审核的不变，申请人收到原因", async () => {
    const b = await renewalBatch(3);
    await actAs("admin");
    expect(await approveApplicationsAction({ ids: [b.appIds[0]] })).toMatchObject({ ok: true, data: { approved: 1 } });
    expect(await rejectBatchAction({ batchNo: b.batchNo, reason: " " })).toMatchObject({ ok: false, fieldErrors: { reason: ["请填写审核不通过的原因"] } });
    const r = await rejectBatchAction({ batchNo: b.batchNo.toLowerCase(), reason: "单位证明材料缺失" });
    expect(r).toMatchObject({ ok: true, data: { rejected: 2 } });
    expect(r.ok && r.message).toContain(`申请批号 ${b.batchNo}：已审核不通过 2 条申请`);
    expect(await statusOf(b.appIds)).toEqual({ [b.appIds[0]]: "approved", [b.appIds[1]]: "rejected", [b.appIds[2]]: "rejected" });
    const [rejected] = await db.select().from(certificateApplications).where(eq(certificateApplications.id, b.appIds[2]));
    const told = await db.select().from(notifications).where(and(eq(notifications.personId, rejected.personId), eq(notifications.kind, "rejected")));
    expect(told.map((n) => n.body).join()).toContain("单位证明材料缺失");
    expect(await rejectBatchAction({ batchNo: b.batchNo, reason: "再次" })).toMatchObject({ ok: false, fieldErrors: { batchNo: ["该申请批号下没有待审核的申请"] } });
  });

  it("勾选审核通过：已审核的申请跳过并说明原因，不会重复发证", async () => {
    const b = await renewalBatch(2);
    await actAs("admin");
    expect(await rejectApplicationsAction({ ids: [b.appIds[1]], reason: "证书照片不清晰" })).toMatchObject({ ok: true });
    const r = await approveApplicationsAction({ ids: b.appIds });
    expect(r).toMatchObject({ ok: true, data: { approved: 1, skipped: 1 } });
    expect(r.ok && r.message).toMatch(/1 条未处理.*该申请已审核/);
    expect(await approveApplicationsAction({ ids: [b.appIds[0]] })).toMatchObject({ ok: true, data: { approved: 0, skipped: 1 } });
    const [approved] = await db.select().from(certificateApplications).where(eq(certificateApplications.id, b.appIds[0]));
    const [old] = await db.select().from(certificates).where(eq(certificates.id, approved.certificateId!));
    const issued = await db.select().from(certificates).where(eq(certificates.certificateNo, old.certificateNo));
    expect(issued.map((c) => c.version).sort()).toEqual([1, 2]);
  });

  it("证书业务审核：只有注册中心可以审核、注销和恢复", async () => {
    const b = await renewalBatch(1);
    for (const who of ["chengjian", "zhangsan", "peixun"]) {
      await actAs(who);
      expect(await approveApplicationsAction({ ids: b.appIds })).toEqual({ ok: false, error: NO_PERMISSION });
      expect(await approveBatchAction({ batchNo: b.batchNo })).toEqual({ ok: false, error: NO_PERMISSION });
      expect(await rejectApplicationsAction({ ids: b.appIds, reason: "x" })).toEqual({ ok: false, error: NO_PERMISSION });
      expect(await rejectBatchAction({ batchNo: b.batchNo, reason: "x" })).toEqual({ ok: false, error: NO_PERMISSION });
      expect(await revokeCertificateAction({ certificateId: b.certs[0].id, reasonClass: "other", reason: "x" })).toEqual({ ok: false, error: NO_PERMISSION });
    }
    expect(await statusOf(b.appIds)).toEqual({ [b.appIds[0]]: "applied" });
  });
});

describe("证书查询", () => {
  it("证书注销：须选择注销类别并填写原因；注销后核验页面即时显示已注销，恢复后重新有效", async () => {
    const p = await makePerson(db);
    const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(700) });
    await actAs("admin");
    const blank = await revokeCertificateAction({ certificateId: c.id, reasonClass: "" as "other", reason: "" });
    expect(blank).toMatchObject({ ok: false, fieldErrors: { reasonClass: ["请选择注销类别"], reason: ["请填写注销原因"] } });

    expect(await revokeCertificateAction({ certificateId: c.id, reasonClass: "fraud", reason: "伪造学历证明" })).toMatchObject({ ok: true });
    expect(await certificateForVerification(db, c.id)).toMatchObject({ state: "revoked", stateLabel: "已注销（以欺骗等不正当手段取得，予以吊销）" });

    expect(await reinstateCertificateAction({ certificateId: c.id, reason: "" })).toMatchObject({ ok: false, fieldErrors: { reason: ["请填写恢复原因"] } });
    expect(await reinstateCertificateAction({ certificateId: c.id, reason: "误操作，予以恢复" })).toMatchObject({ ok: true });
    expect(await certificateForVerification(db, c.id)).toMatchObject({ state: "valid" });
    const history = await certificateHistory(db, [c.id]);
    expect(history.map((h) => h.summary)).toEqual([expect.stringContaining("注销证书"), expect.stringContaining("恢复证书")]);
  });

  it("证书查询：按完整证件号码、姓名开头、证书编号和状态查询；变更后默认只列当前版本", async () => {
    const p = await makePerson(db, { employerOrgId: enterprise.organizationId });
    const c = await makeCertificate(db, { personId: p.id, validUntil: daysFromToday(700) });
    const admin = (await actAs("admin"))!;
    const changed = await applyForChange(db, enterprise, [{ certificateId: c.id, after: { employerName: "北京查询测试有限公司" } }]);
    expect(await approveApplicationsAction({ ids: changed.applied.map((a) => a.applicationId) })).toMatchObject({ ok: true, data: { approved: 1 } });

    const byId = await searchCertificates(db, admin, { idNumber: p.idNumber }, 1);
    expect(byId.rows.map((r) => [r.certificateNo, r.version, r.state])).toEqual([[c.certificateNo, 2, "valid"]]);
    expect((await searchCertificates(db, admin, { idNumber: p.idNumber.slice(0, 10) }, 1)).total).toBe(0);
    expect((await searchCertificates(db, admin, { name: p.name.slice(0, 2), certificateNo: c.certificateNo }, 1)).total).toBe(1);
    const old = await searchCertificates(db, admin, { certificateNo: c.certificateNo, state: "superseded" }, 1);
    expect(old.rows.map((r) => r.version)).toEqual([1]);
    expect((await searchCertificates(db, admin, { certificateNo: c.certificateNo, state: "revoked" }, 1)).total).toBe(0);

    // 详细: both versions, the current one last, and the change in the 办理记录.
    const detail = (await certificateWithVersions(db, admin, c.id))!;
    expect(detail.versions.map((v) => [v.version, v.state])).toEqual([[1, "superseded"], [2, "valid"]]);
    expect(detail.current.version).toBe(2);
    const history = await certificateHistory(db, detail.versions.map((v) => v.id));
    expect(history.map((h) => h.summary).join()).toContain("证书变更申请审核通过");
    // Outside an enterprise's scope the certificate does not exist.
    expect(await certificateWithVersions(db, (await actAs("zhuzong"))!, c.id)).toBeNull();
  });
});
