/**
 * 准考证: rendering one admission ticket as a PDF (react-pdf, Noto Sans SC subset, one-inch photo, QR code):
 * the first render in a fresh process (font loading) and the median of later ones, the file size, and the
 * Word version for comparison.
 */
import sharp from "sharp";
import type { TicketData } from "../lib/documents/types";
import { renderTicketDocx } from "../lib/documents/ticket-docx";
import { renderTicketDocument, renderTicketPdf } from "../lib/documents/ticket-pdf";
import { normalizePhoto } from "../lib/photos/normalize";
import { loadAverage, measure, median, report } from "./support";

// The worst case of a stored photo: pure noise (a real photo compresses far better), stored as every upload is,
// through normalizePhoto (which keeps a grainy photo within the ticket's print budget).
const noise = await sharp({ create: { width: 295, height: 413, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 150, sigma: 30 } } })
  .jpeg({ quality: 95 })
  .toBuffer();
const normalized = await normalizePhoto(noise);
if (!normalized.ok) throw new Error(normalized.error);
const photo = normalized.jpeg;

const ticket = (i: number): TicketData => ({
  ticketNo: `2026000070001${String(i % 1000).padStart(3, "0")}`,
  name: "张三",
  gender: "男",
  idType: "居民身份证",
  idNumber: "110105198803151232",
  tradeName: "安全员",
  planName: "2026年第四季度安全员岗位考试",
  examDate: "2026-12-05",
  examTime: "09:00-11:00",
  venueName: "北京市建设教育协会海淀考点",
  venueAddress: "北京市海淀区三里河路9号",
  roomName: "第01考场",
  seatNo: String((i % 30) + 1).padStart(2, "0"),
  notes: "1. 考生须携带准考证和有效身份证件，于开考前30分钟进入考场。\n2. 开考15分钟后不得入场。\n3. 考场内严禁携带通讯工具。",
  photoJpeg: photo,
  verifyUrl: `https://kaowu.example.cn/verify/ticket/t${i.toString(36)}.AbCdEfGhIjKlMnOp`,
  issuer: "北京市建设行业从业人员注册中心",
});

const cold = await measure(() => renderTicketPdf(ticket(0)));
// The floor, measured in the same run and interleaved with the real thing so both see the same machine load:
// the same document without the photo and the QR code (layout and fonts alone), rendered the same way.
const floorPdf = (i: number) => renderTicketDocument({ ...ticket(i), photoJpeg: null }, null);
await floorPdf(0);
const warm: number[] = [];
const floor: number[] = [];
let peak = cold.peakRssMb;
let size = 0;
let floorSize = 0;
for (let i = 1; i <= 30; i++) {
  const m = await measure(() => renderTicketPdf(ticket(i)));
  warm.push(m.ms);
  size = m.result.length;
  peak = Math.max(peak, m.peakRssMb);
  const f = await measure(() => floorPdf(i));
  floor.push(f.ms);
  floorSize = f.result.length;
}
report("准考证 PDF, first in a process (cold)", `${cold.ms.toFixed(0)} ms`, "includes loading Noto Sans SC (TTF)");
report(
  "准考证 PDF per ticket (warm)",
  `${median(warm).toFixed(0)} ms median = ${(median(warm) / median(floor)).toFixed(2)}× the floor`,
  `30 tickets; ${(size / 1024).toFixed(0)} KB each (font subsets + photo of ${(photo.length / 1024).toFixed(0)} KB, pure noise, as stored + QR); ` +
    `floor (no photo, no QR, this run) ${median(floor).toFixed(0)} ms, ${(floorSize / 1024).toFixed(0)} KB; target ≤ 30 ms and ≤ 60 KB; peak RSS ${peak} MB; load ${loadAverage()}`,
);

const docx: number[] = [];
let docxSize = 0;
for (let i = 0; i < 15; i++) {
  const m = await measure(() => renderTicketDocx(ticket(i)));
  docx.push(m.ms);
  docxSize = m.result.length;
}
report("准考证 Word (.docx) per ticket", `${median(docx).toFixed(0)} ms median`, `${(docxSize / 1024).toFixed(0)} KB`);
