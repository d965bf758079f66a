import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { updateRegistrationAction, withdrawRegistrationAction } from "@/app/(app)/person/registrations/actions";
import { GET as certificatePdf } from "@/app/api/certificates/[id]/pdf/route";
import { POST as uploadRoute } from "@/app/api/photos/route";
import { GET as photoRoute } from "@/app/api/photos/[fileId]/route";
import { GET as registrationExport } from "@/app/api/registrations/[id]/export/route";
import { GET as registrationPdf } from "@/app/api/registrations/[id]/pdf/route";
import { POST as registrationPost } from "@/app/api/registrations/route";
import { GET as resultsExport } from "@/app/api/results/export/route";
import { GET as ticketRoute, POST as printTicketRoute } from "@/app/api/tickets/[id]/route";
import { GET as openRegistration } from "@/app/api/registrations/[id]/open/route";
import { GET as openResults } from "@/app/api/results/open/route";
import { notificationLink } from "@/lib/services/notification-links";
import { db } from "@/db";
import { certificates, registrations } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import { readXlsxRows } from "@/lib/documents/xlsx";
import { getCertificate, listCertificates } from "@/lib/queries/certificates";
import { getRegistration, listRegistrations } from "@/lib/queries/registrations";
import { listResults } from "@/lib/queries/results";
import { certificateForVerification, certificateState } from "@/lib/services/certificates";
import { canReadPhoto } from "@/lib/services/photos";
import { submitRegistration } from "@/lib/services/registrations";
import { loadTicket, ticketForVerification } from "@/lib/services/tickets";
import { readVerifyToken, signVerifyToken } from "@/lib/verify";
import { actAs } from "../support/users";
import { makeJpeg, passAndCertify, personAccount, planByCode, registrationInput, seat, setTicketWindow, uploadJpeg } from "./person-fixtures";

let zhang: SessionUser;
let other: SessionUser;
let zhangPhoto: string;
let regId: number;
let certId: number;

const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const req = (url: string, init?: RequestInit) => new Request(`http://localhost${url}`, init);

function pdfText(pdf: Buffer) {
  const file = path.join(os.tmpdir(), `person-access-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  } finally {
    fs.rmSync(file, { force: true });
  }
}

beforeAll(async () => {
  zhang = (await actAs("zhangsan"))!;
  other = await personAccount(30);
  zhangPhoto = await uploadJpeg(zhang);
  // 张三 registers for the 施工员 exam; the centre takes it all the way to a certificate.
  const plan = await planByCode("KS2026-SG-04");
  // Stand-alone plan run: the seeded pending registrations of other people would be seated too; that is fine.
  const r = await submitRegistration(db, zhang, registrationInput(plan.id, zhangPhoto, { employerName: "=HYPERLINK(\"http://evil\")" }));
  regId = r.id;
  await seat(regId);
  await setTicketWindow(plan.id, -1, 3);
}, 120_000);

describe("越权访问：别人的报名", () => {
  it("按编号读取别人的报名：查询返回空，列表不含", async () => {
    expect(await getRegistration(db, other, regId)).toBeNull();
    expect((await getRegistration(db, zhang, regId))?.id).toBe(regId);
    const list = await listRegistrations(db, other, {});
    expect(list.rows.map((x) => x.id)).not.toContain(regId);
    // Another enterprise sees nothing of it either.
    const zhuzong = (await actAs("zhuzong"))!;
    expect(await getRegistration(db, zhuzong, regId)).toBeNull();
  });

  it("按编号修改或撤回别人的报名被拒绝", async () => {
    const u = await personAccount(31);
    const fileId = await uploadJpeg(u);
    const dg = (await planByCode("KS2026-DG-04")).id;
    const theirs = await submitRegistration(db, u, registrationInput(dg, fileId));
    await actAs(other.username);
    expect(await updateRegistrationAction({ ...registrationInput(dg, zhangPhoto), registrationId: theirs.id })).toEqual({ ok: false, error: "无权访问该记录" });
    expect(await withdrawRegistrationAction({ registrationId: theirs.id })).toEqual({ ok: false, error: "无权访问该记录" });
    const [row] = await db.select({ status: registrations.status }).from(registrations).where(eq(registrations.id, theirs.id));
    expect(row.status).toBe("submitted");
  });

  it("别人的报名表 PDF 和导出文件：404；本人可以下载", async () => {
    await actAs(other.username);
    expect((await registrationPdf(req(`/api/registrations/${regId}/pdf`), params({ id: String(regId) }))).status).toBe(404);
    expect((await registrationExport(req(`/api/registrations/${regId}/export`), params({ id: String(regId) }))).status).toBe(404);
    await actAs(null);
    expect((await registrationPdf(req(`/api/registrations/${regId}/pdf`), params({ id: String(regId) }))).status).toBe(401);

    await actAs("zhangsan");
    const pdf = await registrationPdf(req(`/api/registrations/${regId}/pdf`), params({ id: String(regId) }));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("cache-control")).toBe("private, no-store");
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain("建设行业从业人员考试报名表");
    expect(text).toContain("张三");

    const xlsx = await registrationExport(req(`/api/registrations/${regId}/export`), params({ id: String(regId) }));
    expect(xlsx.status).toBe(200);
    const sheet = await readXlsxRows(Buffer.from(await xlsx.arrayBuffer()));
    if (!sheet.ok) throw new Error(sheet.error);
    const employer = sheet.rows.find((r) => r.cells[0] === "聘用单位");
    // A formula typed into a field stays inert text in the export.
    expect(employer?.cells[1]).toBe("'=HYPERLINK(\"http://evil\")");
  });
});

describe("越权访问：准考证", () => {
  it("别人的准考证：404；本人在打印时间内可以下载 PDF 和 Word，查看不改变状态，首次打印记录打印时间", async () => {
    await actAs(other.username);
    expect((await ticketRoute(req(`/api/tickets/${regId}`), params({ id: String(regId) }))).status).toBe(404);
    expect(await loadTicket(db, other, regId)).toEqual({ ok: false, notFound: true });

    await actAs("zhangsan");
    // Looking at the ticket (GET) changes nothing; printing it posts from the site's own page.
    expect((await ticketRoute(req(`/api/tickets/${regId}?format=pdf`), params({ id: String(regId) }))).status).toBe(200);
    const [viewed] = await db.select({ at: registrations.ticketPrintedAt }).from(registrations).where(eq(registrations.id, regId));
    expect(viewed.at).toBeNull();
    const printPost = (format: string, origin?: string) =>
      printTicketRoute(req(`/api/tickets/${regId}?format=${format}`, { method: "POST", headers: origin ? { origin } : {} }), params({ id: String(regId) }));
    expect((await printPost("pdf", "https://evil.example")).status).toBe(403);
    expect((await printPost("pdf")).status).toBe(403);
    const pdf = await printPost("pdf", "http://localhost");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    const [row] = await db.select().from(registrations).where(eq(registrations.id, regId));
    expect(text).toContain("准考证");
    expect(text).toContain(row.ticketNo!);
    const printedAt = row.ticketPrintedAt;
    expect(printedAt).not.toBeNull();

    const docx = await printPost("docx", "http://localhost");
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-disposition")).toContain(".docx");
    const [again] = await db.select({ at: registrations.ticketPrintedAt }).from(registrations).where(eq(registrations.id, regId));
    expect(again.at).toEqual(printedAt);
  });

  it("不在打印时间内、或尚未编排考场时没有准考证，并说明原因", async () => {
    const plan = await planByCode("KS2026-SG-04");
    await setTicketWindow(plan.id, 2, 5);
    await actAs("zhangsan");
    const early = await ticketRoute(req(`/api/tickets/${regId}`), params({ id: String(regId) }));
    expect(early.status).toBe(409);
    expect(await early.text()).toMatch(/^准考证打印时间为 .+，尚未开始$/);
    await setTicketWindow(plan.id, -5, -1);
    expect(await (await ticketRoute(req(`/api/tickets/${regId}`), params({ id: String(regId) }))).text()).toMatch(/已结束$/);
    await setTicketWindow(plan.id, -1, 3);

    const u = await personAccount(32);
    const dg = (await planByCode("KS2026-DG-04")).id;
    const r = await submitRegistration(db, u, registrationInput(dg, await uploadJpeg(u)));
    await actAs(u.username);
    const none = await ticketRoute(req(`/api/tickets/${r.id}`), params({ id: String(r.id) }));
    expect(none.status).toBe(409);
    expect(await none.text()).toContain("尚未编排考场");
  });

  it("准考证核验页的令牌不能伪造，核验信息中证件号码已隐藏", async () => {
    const token = signVerifyToken("ticket", regId);
    expect(readVerifyToken("ticket", token)).toBe(regId);
    expect(readVerifyToken("ticket", signVerifyToken("ticket", regId + 1).replace(/^t[0-9a-z]+/, `t${regId.toString(36)}`))).toBeNull();
    const v = await ticketForVerification(db, regId);
    expect(v?.valid).toBe(true);
    expect(v?.maskedId).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
  });
});

describe("越权访问：照片", () => {
  const get = (fileId: string) => photoRoute(req(`/api/photos/${fileId}`), params({ fileId }));

  it("本人、其单位和注册中心可以查看照片；别人和其他单位不能", async () => {
    await actAs("zhangsan");
    const mine = await get(zhangPhoto);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toBe("image/jpeg");
    expect(mine.headers.get("cache-control")).toBe("private, no-store");
    const meta = await sharp(Buffer.from(await mine.arrayBuffer())).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([295, 413, undefined]);

    await actAs(other.username);
    expect((await get(zhangPhoto)).status).toBe(404);
    await actAs("chengjian"); // 张三's employer
    expect((await get(zhangPhoto)).status).toBe(200);
    await actAs("zhuzong");
    expect((await get(zhangPhoto)).status).toBe(404);
    await actAs("peixun");
    expect((await get(zhangPhoto)).status).toBe(404);
    await actAs("admin");
    expect((await get(zhangPhoto)).status).toBe(200);
    await actAs(null);
    expect((await get(zhangPhoto)).status).toBe(401);
    await actAs("zhangsan");
    expect((await get("not-a-uuid")).status).toBe(404);
    expect(await canReadPhoto(db, other, zhangPhoto)).toBe(false);
  });
});

describe("上传照片：错误的文件被拒绝", () => {
  async function upload(data: Buffer, name: string, type: string, crop?: string) {
    const fd = new FormData();
    fd.set("file", new File([new Uint8Array(data)], name, { type }));
    if (crop) fd.set("crop", crop);
    const res = await uploadRoute(req("/api/photos", { method: "POST", body: fd, headers: { origin: "http://localhost" } }));
    return { status: res.status, body: (await res.json()) as { ok: boolean; error?: string; fileId?: string } };
  }

  it("跨站上传被拒绝；没有 Content-Length 的超大请求体读到上限即停止", async () => {
    await actAs("zhangsan");
    const fd = new FormData();
    fd.set("file", new File([new Uint8Array(await makeJpeg())], "a.jpg", { type: "image/jpeg" }));
    for (const headers of [{ origin: "https://evil.example" }, {}] as Record<string, string>[]) {
      expect((await uploadRoute(req("/api/photos", { method: "POST", body: fd, headers }))).status).toBe(403);
    }
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1024 * 1024;
        if (sent > 200 * 1024 * 1024) controller.close();
        else controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const res = await uploadRoute(
      new Request("http://localhost/api/photos", {
        method: "POST",
        body: endless,
        headers: { origin: "http://localhost", "content-type": "multipart/form-data; boundary=x" },
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(20 * 1024 * 1024);
  });

  it("JPG 和 PNG 可以上传，按所选区域裁剪为 295×413", async () => {
    await actAs("zhangsan");
    const png = await sharp(await makeJpeg(900, 600)).png().toBuffer();
    const r = await upload(png, "wide.png", "image/png", JSON.stringify({ x: 0.3, y: 0, width: 0.4, height: 0.95 }));
    expect(r).toMatchObject({ status: 200, body: { ok: true } });
  });

  it("改了扩展名的 GIF、文本文件、PDF 被拒绝", async () => {
    await actAs("zhangsan");
    const gif = await sharp(await makeJpeg(300, 400)).gif().toBuffer();
    expect(await upload(gif, "photo.jpg", "image/jpeg")).toEqual({ status: 422, body: { ok: false, error: "“photo.jpg”是GIF 图片，这里只能上传JPG 图片或PNG 图片" } });
    expect(await upload(Buffer.from("hello"), "notes.txt", "text/plain")).toEqual({ status: 422, body: { ok: false, error: "“notes.txt”是文本文件（如 CSV），这里只能上传JPG 图片或PNG 图片" } });
    expect((await upload(Buffer.from("%PDF-1.4\n%…"), "scan.png", "image/png")).body.error).toBe("“scan.png”是PDF 文件，这里只能上传JPG 图片或PNG 图片");
  });

  it("解压炸弹（像素极大的 PNG）和过大的文件被拒绝", async () => {
    await actAs("zhangsan");
    const bomb = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: "#fff" } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(1_000_000);
    expect(await upload(bomb, "bomb.png", "image/png")).toEqual({
      status: 422,
      body: { ok: false, error: "“bomb.png”的图片尺寸为 10000×10000 像素，超过上限（最多 4000 万像素），请缩小后重新上传" },
    });
    const huge = Buffer.concat([await makeJpeg(), Buffer.alloc(11 * 1024 * 1024)]);
    expect((await upload(huge, "huge.jpg", "image/jpeg")).body.error).toBe("照片文件不能超过 10 MB");
  });

  it("截断的 JPG 和错误的裁剪区域被拒绝；未登录不能上传", async () => {
    await actAs("zhangsan");
    const jpg = await makeJpeg();
    expect((await upload(jpg.subarray(0, Math.floor(jpg.length / 2)), "cut.jpg", "image/jpeg")).body.error).toBe("照片文件已损坏或不是有效的图片");
    expect((await upload(jpg, "a.jpg", "image/jpeg", "{\"x\":0.9,\"y\":0,\"width\":0.5,\"height\":1}")).body.error).toBe("裁剪区域无效，请重新选择");
    await actAs(null);
    expect((await upload(jpg, "a.jpg", "image/jpeg")).status).toBe(401);
  });
});

describe("报名接口（JSON）", () => {
  it("与表单相同的服务和规则：成功返回报名号，重复提交被拒绝，跨站请求被拒绝", async () => {
    const u = await personAccount(33);
    const fileId = await uploadJpeg(u);
    const dg = (await planByCode("KS2026-DG-04")).id;
    const body = JSON.stringify(registrationInput(dg, fileId));
    const post = (headers: Record<string, string>) => registrationPost(req("/api/registrations", { method: "POST", body, headers }));
    await actAs(u.username);
    expect((await post({ "content-type": "text/plain" })).status).toBe(415);
    expect((await post({ "content-type": "application/json", origin: "https://evil.example" })).status).toBe(403);
    const ok = await post({ "content-type": "application/json" });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { data: { registrationNo: string } }).data.registrationNo).toMatch(/^BM\d{14}$/);
    const dup = await post({ "content-type": "application/json" });
    expect(dup.status).toBe(422);
    expect(((await dup.json()) as { error: string }).error).toContain("已报名该考试计划");
  });
});

describe("成绩和证书", () => {
  beforeAll(async () => {
    await passAndCertify(regId, "86");
    const [c] = await db.select({ id: certificates.id }).from(certificates).where(eq(certificates.registrationId, regId));
    certId = c.id;
  }, 120_000);

  it("查看考试结果只含本人的成绩；导出名单只含合格人员，公式不会执行", async () => {
    const mine = await listResults(db, zhang, {});
    expect(mine.rows.map((r) => r.id)).toContain(regId);
    expect(mine.rows.find((r) => r.id === regId)).toMatchObject({ score: 86, passed: true });
    expect((await listResults(db, other, {})).rows).toHaveLength(0);

    await actAs("zhangsan");
    const res = await resultsExport(req("/api/results/export"));
    expect(res.status).toBe(200);
    const sheet = await readXlsxRows(Buffer.from(await res.arrayBuffer()));
    if (!sheet.ok) throw new Error(sheet.error);
    expect(sheet.header).toContain("准考证号");
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.rows[0].cells).toContain("张三");
    expect(sheet.rows[0].cells).toContain("'=HYPERLINK(\"http://evil\")");
    await actAs(other.username);
    const theirs = await readXlsxRows(Buffer.from(await (await resultsExport(req("/api/results/export"))).arrayBuffer()));
    expect(theirs.ok && theirs.rows).toEqual([]);
  });

  it("别人的证书不能按编号查看或下载；本人可以下载带核验二维码的证书", async () => {
    expect(await getCertificate(db, other, certId)).toBeNull();
    expect((await listCertificates(db, other)).rows).toHaveLength(0);
    await actAs(other.username);
    expect((await certificatePdf(req(`/api/certificates/${certId}/pdf`), params({ id: String(certId) }))).status).toBe(404);

    await actAs("zhangsan");
    const list = await listCertificates(db, zhang);
    expect(list.rows.map((c) => c.id)).toContain(certId);
    const pdf = await certificatePdf(req(`/api/certificates/${certId}/pdf`), params({ id: String(certId) }));
    expect(pdf.status).toBe(200);
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain("建设行业从业人员岗位证书");
    expect(text).toContain("施工员");
  });

  it("证书核验页只显示隐藏后的证件号码、岗位、有效期和状态", async () => {
    const v = await certificateForVerification(db, certId);
    expect(v).toMatchObject({ name: "张三", tradeName: "施工员", state: "valid", stateLabel: "有效" });
    expect(v?.maskedId).toMatch(/^110105\*{8}123[\dX]$/);
    expect(Object.keys(v!)).not.toContain("idNumber");
  });

  it("证书状态按北京时间推算：有效、即将到期（90天内）、已过期、已注销", () => {
    expect(certificateState("valid", "2027-06-01", "2026-11-29")).toBe("valid");
    expect(certificateState("valid", "2027-02-27", "2026-11-29")).toBe("expiring");
    expect(certificateState("valid", "2027-02-28", "2026-11-29")).toBe("valid");
    expect(certificateState("valid", "2026-11-29", "2026-11-29")).toBe("expiring");
    expect(certificateState("valid", "2026-11-28", "2026-11-29")).toBe("expired");
    expect(certificateState("revoked", "2030-01-01", "2026-11-29")).toBe("revoked");
    expect(certificateState("superseded", "2030-01-01", "2026-11-29")).toBe("superseded");
  });
});


describe("消息中的链接", () => {
  /** redirect() in a route handler throws; its digest carries the target. */
  async function target(p: Promise<unknown>) {
    try {
      await p;
    } catch (e) {
      const digest = (e as { digest?: string }).digest ?? "";
      return digest.split(";")[2];
    }
    throw new Error("expected a redirect");
  }

  it("同一条消息的链接把从业人员带到本人的页面，把单位带到本单位的首页", async () => {
    expect(notificationLink.ticket(12)).toBe("/api/registrations/12/open?to=ticket");
    await actAs("zhangsan");
    expect(await target(openRegistration(req("/api/registrations/12/open?to=ticket"), params({ id: "12" })))).toBe("/person/tickets/12");
    expect(await target(openRegistration(req("/api/registrations/12/open"), params({ id: "12" })))).toBe("/person/registrations/12");
    expect(await target(openResults(req("/api/results/open?planId=3")))).toBe("/person/results?planId=3");
    await actAs("chengjian");
    expect(await target(openRegistration(req("/api/registrations/12/open"), params({ id: "12" })))).toBe("/enterprise");
    await actAs(null);
    expect(await target(openResults(req("/api/results/open?planId=3")))).toBe("/login");
  });
});
