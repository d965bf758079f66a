/**
 * 批量报名 at scale, on the services the pages call (the background jobs call the same functions):
 * - a 20,000-row 报名表 uploaded, checked row by row and saved in one transaction (end to end, with the peak RSS
 *   above this process's idle RSS); photos are pre-attached here so the figure is the sheet's own cost;
 * - a ZIP of 1,000 photos matched and normalised (photos per second, and the total);
 * - 下载全部准考证 for 1,000 seated candidates as one PDF, beside 1,000 x the single-ticket time of the same
 *   process (`loadTicket` + `renderTicketPdf`, the work of one ticket request).
 * BENCH_ROWS and BENCH_PHOTOS change the sizes; BENCH_TICKETS=0 leaves the tickets out.
 */
import { sql } from "drizzle-orm";
import { zipSync } from "fflate";
import sharp from "sharp";
import { createDb } from "../db/client";
import type { SessionUser } from "../lib/auth/roles";
import { renderTicketPdf } from "../lib/documents/ticket-pdf";
import { makeChineseId } from "../lib/identity/chinese-id";
import { arrangeSeats } from "../lib/services/admin/seating";
import { bulkTicketsPdf } from "../lib/services/batch-documents";
import { attachBatchPhotos, checkRegistrationBatch, confirmRegistrationBatch, uploadRegistrationBatch } from "../lib/services/batch-registrations";
import { loadTicket } from "../lib/services/tickets";
import { saveFile } from "../lib/storage/files";
import { goodRow, workbookWith, type Row } from "../tests/integration/batch-fixtures";
import { adminSession, makePlan, makeVenue } from "../tests/integration/admin-fixtures";
import { benchServer, freshDatabase, measure, median, report } from "./support";

process.env.AUTH_SECRET ??= "bench-secret-not-for-production-0123456789";
const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 1_000);
const { serverUrl, stop } = await benchServer();
const url = await freshDatabase(serverUrl, "bench_batch_import");
const { db, client } = createDb(url);

/** Distinct valid resident ID numbers: births spread over 1960-1987, the sequence number over the rest. */
function row(i: number): Row {
  const birth = new Date(Date.UTC(1960, 0, 1) + (i % 10_000) * 86_400_000).toISOString().slice(0, 10);
  return goodRow(0, { name: `批量考生${i}`, idNumber: makeChineseId("110108", birth, 100 + Math.floor(i / 10_000) * 2 + (i % 2)) });
}

async function sessionOf(username: string): Promise<SessionUser> {
  const [u] = await db.execute<SessionUser>(sql`
    select id, username, role, display_name as "displayName", person_id as "personId", organization_id as "organizationId"
    from users where username = ${username}`);
  return u;
}

try {
  const enterprise = await sessionOf("chengjian");
  const admin = await adminSession(db);
  const venue = await makeVenue(db, "批量报名考点", 10, 200);
  const plan = await makePlan(db, { status: "published", tradeCode: "TZ01", venueIds: [venue] });
  const photo = await sharp({ create: { width: 600, height: 840, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 150, sigma: 30 } } })
    .jpeg({ quality: 88 })
    .toBuffer();

  // 1. 20,000 rows: upload + check + confirm, end to end, with the time of each stage.
  const rows = Array.from({ length: ROWS }, (_, i) => row(i));
  const sheet = await workbookWith(rows);
  const shared = await saveFile(db, { data: photo, kind: "photo", contentType: "image/jpeg", ext: "jpg", originalName: "p.jpg", ownerPersonId: null, uploadedByUserId: enterprise.id });
  global.gc?.();
  const idleRss = process.memoryUsage().rss / 1048576;
  const stages: Record<string, number> = {};
  const stage = async <T>(name: string, fn: () => Promise<T>) => {
    const t0 = performance.now();
    const r = await fn();
    stages[name] = performance.now() - t0;
    return r;
  };
  const sheetRun = await measure(async () => {
    const b = await stage("upload", () => uploadRegistrationBatch(db, enterprise, { planId: plan.id, data: sheet, fileName: "批量报名.xlsx" }));
    const checked = await stage("check", () => checkRegistrationBatch(db, b.id));
    if (checked.errorRows !== 0) throw new Error(`unexpected row errors: ${JSON.stringify(checked.errors.slice(0, 3))}`);
    // Every row's photo, as 照片批量上传 would leave them (one stored file: the sheet is what is measured here).
    await stage("photos", () =>
      db.execute(sql`update import_batches set photos = (
        select jsonb_object_agg(k, jsonb_build_object('fileId', ${shared}::text, 'originalName', k || '.jpg'))
        from unnest(${sql.param(rows.map((r) => String(r.idNumber)))}::text[]) k) where id = ${b.id}`),
    );
    return { checked, saved: await stage("confirm", () => confirmRegistrationBatch(db, enterprise, b.id)) };
  });
  if (sheetRun.result.saved.okRows !== ROWS) throw new Error(`saved ${sheetRun.result.saved.okRows} of ${ROWS}`);
  const s = (k: string) => `${(stages[k] / 1000).toFixed(2)} s`;
  report(
    `批量报名：${ROWS.toLocaleString()} 行上传、逐行校验、确认导入（一个事务）`,
    `${(sheetRun.ms / 1000).toFixed(2)} s`,
    `上传 ${s("upload")}, 检查 ${s("check")}, (照片 ${s("photos")}), 确认导入 ${s("confirm")}; ` +
      `peak RSS ${sheetRun.peakRssMb} MB, ${Math.round(sheetRun.peakRssMb - idleRss)} MB above the idle process (${Math.round(idleRss)} MB); file ${(sheet.length / 1048576).toFixed(1)} MB`,
  );

  // 2. A ZIP of 1,000 photos for a new batch of 1,000 rows on another plan.
  const plan2 = await makePlan(db, { status: "published", tradeCode: "TZ01", venueIds: [venue] });
  const rows2 = Array.from({ length: PHOTOS }, (_, i) => row(ROWS + i));
  const b2 = await uploadRegistrationBatch(db, enterprise, { planId: plan2.id, data: await workbookWith(rows2), fileName: "照片批次.xlsx" });
  await checkRegistrationBatch(db, b2.id);
  const zip = Buffer.from(zipSync(Object.fromEntries(rows2.map((r) => [`${r.idNumber}.jpg`, [photo, { level: 0 }] as [Uint8Array, { level: 0 }]]))));
  const photoRun = await measure(() => attachBatchPhotos(db, enterprise, b2.id, [{ name: "照片.zip", data: zip }]));
  if (photoRun.result.matched.length !== PHOTOS) throw new Error(`matched ${photoRun.result.matched.length}`);
  report(
    `照片批量上传：ZIP 内 ${PHOTOS.toLocaleString()} 张照片匹配并规范为一寸照片`,
    `${(photoRun.ms / 1000).toFixed(1)} s, ${(PHOTOS / (photoRun.ms / 1000)).toFixed(0)} photos/s`,
    `ZIP ${(zip.length / 1048576).toFixed(0)} MB of 600x840 JPEGs; peak RSS ${photoRun.peakRssMb} MB`,
  );

  // 3. 下载全部准考证: seat the 1,000 and print them all, against 1,000 single tickets (BENCH_TICKETS=0 skips it).
  if (process.env.BENCH_TICKETS !== "0") {
    await confirmRegistrationBatch(db, enterprise, b2.id);
    await db.execute(sql`update registrations set status = 'paid', paid_at = now(), paid_amount_cents = 18000 where plan_id = ${plan2.id}`);
    await db.execute(sql`update exam_plans set status = 'closed' where id = ${plan2.id}`);
    await arrangeSeats(db, admin, plan2.id, {}, null);
    const [{ at }] = await db.execute<{ at: Date }>(sql`select ticket_start_at + interval '1 hour' as at from exam_plans where id = ${plan2.id}`);
    const now = new Date(at);
    const ids = (await db.execute<{ id: number }>(sql`select id from registrations where plan_id = ${plan2.id} order by ticket_no`)).map((r) => r.id);
    const single: number[] = [];
    for (const id of ids.slice(0, 40)) {
      const m = await measure(async () => {
        const t = await loadTicket(db, enterprise, id, now);
        if (!t.ok) throw new Error(JSON.stringify(t));
        return renderTicketPdf(t.data);
      });
      single.push(m.ms);
    }
    const perTicket = median(single.slice(5));
    const bulk = await measure(() => bulkTicketsPdf(db, enterprise, plan2.id, now));
    if (bulk.result.count !== PHOTOS) throw new Error(`printed ${bulk.result.count}`);
    const sum = perTicket * PHOTOS;
    report(
      `下载全部准考证：${PHOTOS.toLocaleString()} 张，一个 PDF`,
      `${(bulk.ms / 1000).toFixed(1)} s (${(bulk.ms / sum).toFixed(2)}x of ${PHOTOS.toLocaleString()} single tickets)`,
      `single ticket ${perTicket.toFixed(0)} ms median (load + render) → ${(sum / 1000).toFixed(1)} s for ${PHOTOS.toLocaleString()}; PDF ${(bulk.result.data.length / 1048576).toFixed(1)} MB; peak RSS ${bulk.peakRssMb} MB`,
    );
  }
} finally {
  await client.end();
  await stop();
}

