import sharp from "sharp";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { applicationBatches, certificateApplications, certificates, notifications, persons } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import { makeChineseId } from "@/lib/identity/chinese-id";
import { searchRenewableCertificates } from "@/lib/services/certificate-applications/renewal";
import { approveApplications, listApplications } from "@/lib/services/certificate-applications/review";
import { applyForTransferIn, deleteTransferIn, lookupTransferPerson, type TransferInput } from "@/lib/services/certificate-applications/transfer-in";
import { actAs } from "../support/users";
import { daysFromToday, makePerson } from "./certificate-fixtures";

let person: SessionUser, enterprise: SessionUser, trainer: SessionUser, admin: SessionUser;
let tradeId: number;
// A real (small) JPEG: an upload's image header is read for its size (lib/uploads/inspect.ts).
const JPG = { data: await sharp({ create: { width: 40, height: 30, channels: 3, background: "#fff" } }).jpeg().toBuffer(), name: "外省证书.jpg" };
let n = 0;

function form(over: Partial<TransferInput> = {}): TransferInput {
  n += 1;
  return {
    idType: "resident",
    idNumber: makeChineseId("130102", "1990-05-06", 300 + n + (process.pid % 300)),
    name: `进京测试${n}`,
    tradeId,
    certificateNo: `冀建安${process.pid}${n}${Date.now() % 100000}`,
    issuer: "河北省住房和城乡建设厅",
    issueDate: daysFromToday(-400),
    validUntil: daysFromToday(700),
    scans: [JPG],
    ...over,
  };
}

beforeAll(async () => {
  process.env.FILE_STORAGE_DIR ??= `${process.cwd()}/.tmp/certificate-test-files`;
  person = (await actAs("zhangsan"))!;
  enterprise = (await actAs("chengjian"))!;
  trainer = (await actAs("peixun"))!;
  admin = (await actAs("admin"))!;
  const [t] = (await db.execute(sql`select id from trades where code = 'GL03'`)) as unknown as { id: number }[];
  tradeId = t.id;
});

describe("证书进京", () => {
  it("证书进京：输入证件号码，已登记的本人带出资料；未登记的按号码识别性别和出生日期，不带出别人的姓名", async () => {
    const [me] = await db.select().from(persons).where(eq(persons.id, person.personId!));
    const own = await lookupTransferPerson(db, person, "resident", me.idNumber);
    expect(own).toMatchObject({ known: true, name: me.name });
    const fresh = await lookupTransferPerson(db, trainer, "resident", makeChineseId("130102", "1992-03-04", 12));
    expect(fresh).toMatchObject({ known: false, gender: "F", birthDate: "1992-03-04" });
    const stranger = await makePerson(db);
    const other = await lookupTransferPerson(db, trainer, "resident", stranger.idNumber);
    expect(other.known).toBe(false);
    expect(other).not.toHaveProperty("name");
  });

  it("培训机构新建证书进京申请表：申请成功，列表显示已申请，未登记的人员随之登记", async () => {
    const f = form();
    const r = await applyForTransferIn(db, trainer, f);
    expect(r.batchNo).toMatch(/^JJ\d{14}$/);
    const list = await listApplications(db, trainer, { kind: "transfer_in", pageSize: 200 });
    const row = list.rows.find((x) => x.id === r.applicationId)!;
    expect(row).toMatchObject({ statusLabel: "已申请", certificateNo: f.certificateNo, personName: f.name });
    const [p] = await db.select().from(persons).where(eq(persons.idNumber, f.idNumber));
    expect(p).toMatchObject({ name: f.name, birthDate: "1990-05-06" });
  });

  it("证书进京：同一证书编号已提交申请，不能重复申请", async () => {
    const f = form();
    const first = await applyForTransferIn(db, trainer, f);
    await expect(applyForTransferIn(db, trainer, { ...form(), certificateNo: f.certificateNo })).rejects.toMatchObject({
      fieldErrors: { certificateNo: [expect.stringContaining(first.batchNo)] },
    });
  });

  it("证书进京：证书编号已在北京登记，不能重复申请", async () => {
    const f = form();
    const r = await applyForTransferIn(db, trainer, f);
    await approveApplications(db, admin, [r.applicationId]);
    await expect(applyForTransferIn(db, trainer, { ...form(), certificateNo: f.certificateNo })).rejects.toThrow("该证书已在北京登记");
  });

  it("证书进京：原证书已过期、有效期早于发证日期、未上传扫描件，均不能保存", async () => {
    await expect(applyForTransferIn(db, trainer, form({ validUntil: daysFromToday(-1) }))).rejects.toThrow("到期");
    await expect(applyForTransferIn(db, trainer, form({ issueDate: daysFromToday(10) }))).rejects.toThrow("发证日期不能晚于今天");
    await expect(applyForTransferIn(db, trainer, form({ scans: [] }))).rejects.toThrow("请上传证书扫描件");
  });

  it("证书进京：已登记人员的姓名与证件号码不符，不能保存", async () => {
    const p = await makePerson(db);
    await expect(applyForTransferIn(db, trainer, form({ idNumber: p.idNumber, name: "别的名字" }))).rejects.toThrow("姓名与证件号码不符");
  });

  it("从业人员只能为本人申请证书进京；企业不能申请", async () => {
    const [me] = await db.select().from(persons).where(eq(persons.id, person.personId!));
    await expect(applyForTransferIn(db, person, form())).rejects.toThrow("只能为本人申请证书进京");
    const r = await applyForTransferIn(db, person, form({ idNumber: me.idNumber, name: me.name }));
    expect(r.batchNo).toMatch(/^JJ/);
    await expect(applyForTransferIn(db, enterprise, form())).rejects.toThrow("只有从业人员和培训机构可以申请证书进京");
  });

  it("证书进京：已申请状态下申请人可以删除；别人删除按不存在处理；审核后不能删除", async () => {
    const a = await applyForTransferIn(db, trainer, form());
    await expect(deleteTransferIn(db, person, a.applicationId)).rejects.toThrow("申请不存在");
    await expect(deleteTransferIn(db, enterprise, a.applicationId)).rejects.toThrow("申请不存在");
    await deleteTransferIn(db, trainer, a.applicationId);
    expect(await db.select().from(certificateApplications).where(eq(certificateApplications.id, a.applicationId))).toHaveLength(0);
    expect(await db.select().from(applicationBatches).where(eq(applicationBatches.batchNo, a.batchNo))).toHaveLength(0);
    const b = await applyForTransferIn(db, trainer, form());
    await approveApplications(db, admin, [b.applicationId]);
    await expect(deleteTransferIn(db, trainer, b.applicationId)).rejects.toThrow("申请已审核，不能删除");
  });
});

describe("打印证书进京申请表", () => {
  it("证书进京：打印得到填好的申请表 PDF；别的培训机构、企业打印按不存在处理", async () => {
    const { GET } = await import("@/app/api/certificate-applications/[id]/pdf/route");
    const a = await applyForTransferIn(db, trainer, form());
    const call = () => GET(new Request("http://localhost/x"), { params: Promise.resolve({ id: String(a.applicationId) }) });
    await actAs("peixun");
    const ok = await call();
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await ok.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    await actAs("chengjian");
    expect((await call()).status).toBe(404);
    await actAs(null);
    expect((await call()).status).toBe(401);
  });
});

describe("证书进京扫描件", () => {
  it("证书进京：扫描件只有申请人和注册中心能打开，别人按不存在处理", async () => {
    const { GET } = await import("@/app/api/certificate-applications/[id]/files/[fileId]/route");
    const a = await applyForTransferIn(db, trainer, form());
    const [f] = (await db.execute(sql`select file_id as "fileId" from certificate_application_files where application_id = ${a.applicationId}`)) as unknown as { fileId: string }[];
    const call = (fileId = f.fileId) => GET(new Request("http://localhost/x"), { params: Promise.resolve({ id: String(a.applicationId), fileId }) });
    await actAs("peixun");
    const ok = await call();
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(JPG.data);
    await actAs("admin");
    expect((await call()).status).toBe(200);
    await actAs("chengjian");
    expect((await call()).status).toBe(404);
    await actAs("zhangsan");
    expect((await call()).status).toBe(404);
    await actAs("peixun");
    expect((await call("00000000-0000-0000-0000-000000000000")).status).toBe(404);
  });
});

describe("证书业务审核：进京", () => {
  it("进京审核通过：按编号规则发北京证书（来源进京），保留外省证书编号和发证机关；再次审核不重复发证", async () => {
    const f = form();
    const r = await applyForTransferIn(db, trainer, f);
    const res = await approveApplications(db, admin, [r.applicationId]);
    expect(res.approved).toHaveLength(1);
    const [c] = await db.select().from(certificates).where(eq(certificates.id, res.approved[0].certificateId));
    expect(c).toMatchObject({
      source: "transfer_in",
      originCertificateNo: f.certificateNo,
      originIssuer: "河北省住房和城乡建设厅",
      originIssueDate: f.issueDate,
      validUntil: f.validUntil,
      transferApplicationId: r.applicationId,
      holderName: f.name,
    });
    expect(c.certificateNo).toMatch(/^京建GL03\d{4}\d{6}$/);
    // The institution that filed it now sees the Beijing certificate (e.g. to renew it later); another does not.
    const seen = await searchRenewableCertificates(db, trainer, { name: f.name });
    expect(seen.rows.map((x) => x.id)).toEqual([c.id]);
    expect((await searchRenewableCertificates(db, enterprise, { name: f.name })).total).toBe(0);
    const again = await approveApplications(db, admin, [r.applicationId]);
    expect(again.approved).toEqual([]);
    expect(await db.select().from(certificates).where(eq(certificates.originCertificateNo, f.certificateNo))).toHaveLength(1);
    const msgs = await db.select().from(notifications).where(and(eq(notifications.organizationId, trainer.organizationId!), eq(notifications.title, "证书进京申请审核通过")));
    expect(msgs.some((m) => m.body.includes(c.certificateNo))).toBe(true);
  });
});
