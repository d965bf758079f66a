import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as certificatePdf } from "@/app/api/certificates/[id]/pdf/route";
import PersonCertificatePage from "@/app/(app)/person/certificates/[id]/page";
import VerifyCertificatePage from "@/app/verify/certificate/[token]/page";
import { db } from "@/db";
import { auditLogs, certificateApplications, notifications } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import { applyForChange } from "@/lib/services/certificate-applications/change";
import { approveApplications, reinstateCertificate, revokeCertificate } from "@/lib/services/certificate-applications/review";
import { certificateForVerification } from "@/lib/services/certificates";
import { ticketForVerification } from "@/lib/services/tickets";
import { readVerifyToken, signVerifyToken } from "@/lib/verify";
import { actAs } from "../support/users";
import { makePlan } from "./admin-fixtures";
import { daysFromToday, makeCertificate, makePerson } from "./certificate-fixtures";

// Client components rendered outside a mounted app router.
vi.mock("next/navigation", async (original) => ({
  ...(await original<typeof import("next/navigation")>()),
  useRouter: () => ({ push() {}, replace() {}, refresh() {}, back() {}, prefetch() {} }),
  usePathname: () => "/",
}));

let person: SessionUser, admin: SessionUser;

/** 证书详细 as the signed-in practitioner sees it: the thin page's async component, rendered. */
async function detailHtml(id: number) {
  const outer = await PersonCertificatePage({ params: Promise.resolve({ id: String(id) }) });
  const inner = outer.type as (props: unknown) => Promise<React.ReactElement>;
  return renderToStaticMarkup(await inner(outer.props));
}

function pdfText(pdf: Buffer) {
  const file = path.join(os.tmpdir(), `cert-verify-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const pdf = (id: number) => certificatePdf(new Request(`http://localhost/api/certificates/${id}/pdf`), { params: Promise.resolve({ id: String(id) }) });

/** The verdict and rows the public page renders, read from the VerifyCard element it returns. */
async function page(id: number) {
  const el = (await VerifyCertificatePage({ params: Promise.resolve({ token: signVerifyToken("certificate", id) }) })) as {
    props: { verdict: { ok: boolean; text: string } | null; items: [string, unknown][] };
  };
  return el.props;
}

beforeAll(async () => {
  person = (await actAs("zhangsan"))!;
  admin = (await actAs("admin"))!;
});

describe("证书核验", () => {
  it("证书核验：有效、即将到期、已过期按当天（北京时间）显示", async () => {
    const valid = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(400) });
    const soon = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(30) });
    const gone = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(-1) });
    expect((await certificateForVerification(db, valid.id))!.stateLabel).toBe("有效");
    expect((await certificateForVerification(db, soon.id))!.stateLabel).toBe("即将到期");
    expect((await certificateForVerification(db, gone.id))!.stateLabel).toBe("已过期");
    expect((await page(gone.id)).verdict).toEqual({ ok: false, text: "证书真实，但已过期" });
    const v = await certificateForVerification(db, valid.id);
    expect(Object.keys(v!)).not.toContain("idNumber");
    expect(v!.maskedId).toContain("********");
  });

  it("注销证书：核验页立即显示已注销及注销类别，证书不能再下载；恢复后重新有效", async () => {
    const c = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(400) });
    await expect(revokeCertificate(db, person, c.id, { reasonClass: "violation", reason: "x" })).rejects.toThrow("无权执行此操作");
    await expect(revokeCertificate(db, admin, c.id, { reasonClass: "violation", reason: " " })).rejects.toThrow("请填写注销原因");
    await revokeCertificate(db, admin, c.id, { reasonClass: "violation", reason: "伪造业绩材料" });
    const v = await certificateForVerification(db, c.id);
    expect(v).toMatchObject({ state: "revoked", stateLabel: "已注销（违法违规吊销）" });
    expect((await page(c.id)).verdict).toEqual({ ok: false, text: "证书已注销（违法违规吊销）" });
    await actAs("zhangsan");
    const res = await pdf(c.id);
    expect(res.status).toBe(409);
    expect(await res.text()).toBe("该证书已注销，不能下载");
    const revokedPage = await detailHtml(c.id);
    expect(revokedPage).toContain("该证书已注销（违法违规吊销），不能下载");
    expect(revokedPage).not.toContain(`/api/certificates/${c.id}/pdf`);
    expect(await db.select().from(notifications).where(eq(notifications.title, "证书已注销"))).not.toHaveLength(0);
    const [log] = await db.select().from(auditLogs).where(sql`${auditLogs.action} = 'certificate.revoked' and ${auditLogs.entityId} = ${String(c.id)}`);
    expect(log.after).toMatchObject({ status: "revoked", reasonClass: "violation" });
    await reinstateCertificate(db, admin, c.id, "误注销");
    expect((await certificateForVerification(db, c.id))!.state).toBe("valid");
    expect((await pdf(c.id)).status).toBe(200);
    expect(await detailHtml(c.id)).toContain(`/api/certificates/${c.id}/pdf`);
  });

  it("注销证书、恢复：持证人和其所在企业都收到通知（企业的通知写明持证人姓名）", async () => {
    const enterprise = (await actAs("chengjian"))!;
    const holder = await makePerson(db, { employerOrgId: enterprise.organizationId });
    const c = await makeCertificate(db, { personId: holder.id, validUntil: daysFromToday(400) });
    await revokeCertificate(db, admin, c.id, { reasonClass: "holder_request", reason: "本人申请" });
    await reinstateCertificate(db, admin, c.id, "申请撤回");
    const sent = await db
      .select({ personId: notifications.personId, organizationId: notifications.organizationId, title: notifications.title, body: notifications.body, link: notifications.link })
      .from(notifications)
      .where(sql`${notifications.body} like ${`%${c.certificateNo}%`}`)
      .orderBy(notifications.id);
    expect(sent.map((n) => [n.personId ? "holder" : "employer", n.title])).toEqual([
      ["holder", "证书已注销"],
      ["employer", "证书已注销"],
      ["holder", "证书已恢复"],
      ["employer", "证书已恢复"],
    ]);
    expect(sent[1]).toMatchObject({ organizationId: enterprise.organizationId, body: `${holder.name} 的证书 ${c.certificateNo} 已注销（本人申请注销）：本人申请` });
    expect(sent.every((n) => n.link === `/api/certificates/${c.id}/open`)).toBe(true);
  });

  it("变更后旧证书的核验页显示已变更，并链接到当前版本；旧版本不能下载，当前版本的证书印有版本和状态", async () => {
    const c = await makeCertificate(db, { personId: person.personId!, validUntil: daysFromToday(400) });
    const r = await applyForChange(db, person, [{ certificateId: c.id, after: { employerName: "变更后的单位" } }]);
    await approveApplications(db, admin, [r.applied[0].applicationId]);
    const [app] = await db.select().from(certificateApplications).where(eq(certificateApplications.id, r.applied[0].applicationId));
    const v = await certificateForVerification(db, c.id);
    expect(v).toMatchObject({ state: "superseded", stateLabel: "已变更", version: 1 });
    expect(readVerifyToken("certificate", v!.currentToken!)).toBe(app.resultCertificateId);
    const props = await page(c.id);
    expect(props.items.map(([label]) => label)).toContain("当前版本");
    expect((await certificateForVerification(db, app.resultCertificateId!))).toMatchObject({ state: "valid", version: 2, currentToken: null });

    await actAs("zhangsan");
    const old = await pdf(c.id);
    expect(old.status).toBe(409);
    expect(await old.text()).toContain("请下载当前版本（第 2 版）");
    const cur = await pdf(app.resultCertificateId!);
    expect(cur.status).toBe(200);
    const text = pdfText(Buffer.from(await cur.arrayBuffer()));
    expect(text).toContain("第2版");
    expect(text).toContain("打印时状态：有效");

    // 证书详细 of the old version (an old message's link): says it was changed, links to the version in use, and
    // offers no download; the current version's page does.
    const oldPage = await detailHtml(c.id);
    expect(oldPage).toContain("该证书已变更，此版本（第 1 版）已作废");
    expect(oldPage).toContain(`href="/person/certificates/${app.resultCertificateId}"`);
    expect(oldPage).not.toContain(`/api/certificates/${c.id}/pdf`);
    const curPage = await detailHtml(app.resultCertificateId!);
    expect(curPage).toContain(`/api/certificates/${app.resultCertificateId}/pdf`);
    expect(curPage).not.toContain("已作废");
  });

  it("准考证二维码在考试日期之后不再核验通过", async () => {
    const plan = await makePlan(db, { status: "published" });
    const p = await makePerson(db);
    const [room] = (await db.execute(sql`select id from rooms order by id limit 1`)) as unknown as { id: number }[];
    const [reg] = (await db.execute(sql`
      insert into registrations (registration_no, plan_id, person_id, submitter_kind, employer_name, work_start_date, years_of_work, status, paid_at, room_id, seat_no, ticket_no)
      values (${`BMV${p.id}`}, ${plan.id}, ${p.id}, 'person', '单位', '2010-07-01', 10, 'seated', now(), ${room.id}, 1, ${`T${p.id}`})
      returning id`)) as unknown as { id: number }[];
    expect((await ticketForVerification(db, reg.id))!.valid).toBe(true);
    await db.execute(sql`update exam_plans set exam_start_at = now() - interval '2 days', exam_end_at = now() - interval '2 days' + interval '2 hours' where id = ${plan.id}`);
    expect((await ticketForVerification(db, reg.id))!.valid).toBe(false);
  });
});
