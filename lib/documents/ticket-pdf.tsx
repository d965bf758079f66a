import "server-only";

import { Document, Image, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";

import { PHOTO_PRINT_BUDGET, PHOTO_PRINT_QUALITY } from "@/lib/photos/print-budget";
import { sniffImageType } from "@/lib/photos/sniff";

import { loadPdfFonts } from "./fonts";
import { FieldRow, LINE, PairRow, Paragraphs, PhotoBox, Row, LabelCell, ValueCell, base } from "./pdf-parts";
import { qrPrintPng } from "./qr";
import type { TicketData } from "./types";

export { PHOTO_PRINT_BUDGET };

/**
 * The photo as the ticket embeds it: as stored when within PHOTO_PRINT_BUDGET (every photo normalised since that
 * rule), else re-encoded at PHOTO_PRINT_QUALITY; anything that is not a JPEG is left to PhotoBox.
 */
export async function printPhoto(photo: Buffer | null): Promise<Buffer | null> {
  if (!photo || photo.length <= PHOTO_PRINT_BUDGET || sniffImageType(photo) !== "jpeg") return photo;
  try {
    // Loaded only here, as a normal photo never needs it (the renderers otherwise stay free of sharp).
    const { default: sharp } = await import("sharp");
    return await sharp(photo).jpeg({ quality: PHOTO_PRINT_QUALITY, chromaSubsampling: "4:2:0" }).toBuffer();
  } catch {
    return photo; // PhotoBox decides what to draw for a broken file, as before
  }
}

/** react-pdf's A4 height in points. */
const A4_HEIGHT = 841.89;

const s = StyleSheet.create({
  // Without pagination react-pdf sizes a page by its content; pagination would have made it A4 high.
  onePage: { ...base.page, minHeight: A4_HEIGHT },
  header: { alignItems: "center", marginBottom: 14 },
  plan: { fontSize: 12.5, fontWeight: 700, textAlign: "center", lineHeight: 1.4 },
  // lineHeight is restated wherever the size changes: react-pdf inherits the page's as an absolute value.
  title: { fontSize: 26, fontWeight: 700, letterSpacing: 6, marginTop: 4, lineHeight: 1.3 },
  ticketNo: { fontSize: 13, fontWeight: 700, letterSpacing: 0.5, lineHeight: 1.3 },
  idType: { color: "#6b7280", fontSize: 8.5, marginTop: 1, lineHeight: 1.3 },
  lower: { flexDirection: "row", marginTop: 14, gap: 14 },
  notes: { flexGrow: 1, flexBasis: 0, border: LINE, padding: 10 },
  notesTitle: { fontSize: 11.5, fontWeight: 700, marginBottom: 4, lineHeight: 1.3 },
  notesText: { fontSize: 9.5, lineHeight: 1.55 },
  qrBox: { width: 118, alignItems: "center" },
  qr: { width: 108, height: 108 },
  qrCaption: { fontSize: 9, marginTop: 3, textAlign: "center" },
  footer: { marginTop: 18, alignItems: "flex-end" },
  issuer: { fontSize: 12, fontWeight: 700, lineHeight: 1.4 },
});

// react-pdf passes its finished layout as _INTERNAL__LAYOUT__DATA_ (not in its types) beside the blob.
type OnRender = (props: object) => void;

/**
 * qrPng null leaves the QR out (the benchmark's floor: layout and fonts alone). onePage and onRender: see
 * renderOnePagePerTicket.
 */
export function TicketDocument({ data, qrPng, onePage, onRender }: { data: TicketData; qrPng: Buffer | null; onePage?: boolean; onRender?: OnRender }) {
  return (
    <Document title={`准考证 ${data.ticketNo}`} author={data.issuer} creator={data.issuer} language="zh-CN" onRender={onRender}>
      <TicketPage data={data} qrPng={qrPng} onePage={onePage} />
    </Document>
  );
}

/**
 * One 准考证 as one A4 page, so that a plan's tickets can share one document (bulk download). onePage skips
 * react-pdf's pagination, which lays the whole page out a second time; only right when the content fits the
 * page (see renderOnePagePerTicket), otherwise the rest would be cut off instead of going on to a second sheet.
 */
export function TicketPage({ data, qrPng, onePage }: { data: TicketData; qrPng: Buffer | null; onePage?: boolean }) {
  return (
      <Page size="A4" style={onePage ? s.onePage : base.page} wrap={!onePage}>
        <View style={s.header}>
          <Text style={s.plan}>{data.planName}</Text>
          <Text style={s.title}>准考证</Text>
        </View>

        {/* One unbreakable block: a ticket split over two sheets is useless at the exam-room door. */}
        <View style={base.table} wrap={false}>
          <View style={[base.row, base.rowLine]}>
            <View style={{ flexGrow: 1, flexBasis: 0 }}>
              <Row>
                <LabelCell>准考证号</LabelCell>
                <ValueCell last>
                  <Text style={s.ticketNo}>{data.ticketNo}</Text>
                </ValueCell>
              </Row>
              <FieldRow label="姓名" value={data.name} />
              <FieldRow label="性别" value={data.gender} />
              <Row>
                <LabelCell>证件号码</LabelCell>
                <ValueCell last>
                  <Text style={base.valueText}>{data.idNumber}</Text>
                  {data.idType ? <Text style={s.idType}>{data.idType}</Text> : null}
                </ValueCell>
              </Row>
              <FieldRow label="报考岗位" value={data.tradeName} last />
            </View>
            <View style={base.photoCell}>
              <PhotoBox photo={data.photoJpeg} />
            </View>
          </View>
          <FieldRow label="考试名称" value={data.planName} />
          <PairRow
            pairs={[
              ["考试日期", data.examDate],
              ["考试时间", data.examTime],
            ]}
          />
          <FieldRow label="考点" value={data.venueName} />
          <FieldRow label="考点地址" value={data.venueAddress} />
          <PairRow
            pairs={[
              ["考场", data.roomName],
              ["座位号", data.seatNo],
            ]}
            last
          />
        </View>

        <View style={s.lower}>
          <View style={s.notes}>
            <Text style={s.notesTitle}>考生须知</Text>
            <Paragraphs text={data.notes} style={s.notesText} />
          </View>
          <View style={s.qrBox} wrap={false}>
            {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf Image has no alt */}
            {qrPng ? <Image src={qrPng} style={s.qr} /> : <View style={s.qr} />}
            <Text style={s.qrCaption}>扫码核验准考证</Text>
          </View>
        </View>

        <View style={s.footer} wrap={false}>
          <Text style={s.issuer}>{data.issuer}</Text>
        </View>
      </Page>
  );
}

type LayoutNode = { box?: { top?: number; height?: number; paddingBottom?: number }; style?: { height?: unknown }; children?: LayoutNode[] };

/**
 * The pages (by index) of react-pdf's finished layout whose content reaches below the bottom padding, where
 * its pagination would have moved the rest to a new page; null when the layout is not there to look at.
 */
export function pagesOverflowing(layout: unknown): number[] | null {
  const pages = (layout as LayoutNode | undefined)?.children;
  if (!Array.isArray(pages)) return null;
  const out: number[] = [];
  for (const [i, page] of pages.entries()) {
    const height = page.style?.height;
    if (typeof height !== "number" || !page.box || !Array.isArray(page.children)) return null;
    const bottom = height - (page.box.paddingBottom ?? 0);
    // The same test as react-pdf's splitNodes, without its 0.001 pt of slack (a tie goes to pagination).
    if (page.children.some((c) => (c.box?.top ?? 0) + (c.box?.height ?? 0) >= bottom)) out.push(i);
  }
  return out;
}

/**
 * Renders one page per ticket without react-pdf's pagination (~15% of a ticket's render), then checks the
 * layout react-pdf hands to onRender: a page whose content did not fit (a very long 考生须知) is rendered again
 * the usual way, so it goes on to a second sheet exactly as before. `document(onePage, onRender)` builds the
 * document with onePage(i) telling page i whether to skip pagination.
 */
async function renderOnePagePerTicket(
  document: (onePage: (i: number) => boolean, onRender: OnRender) => Parameters<typeof renderToBuffer>[0],
): Promise<Buffer> {
  let layout: unknown;
  const fast = await renderToBuffer(document(() => true, (props) => void (layout = (props as { _INTERNAL__LAYOUT__DATA_?: unknown })._INTERNAL__LAYOUT__DATA_)));
  const overflowing = pagesOverflowing(layout);
  if (overflowing && overflowing.length === 0) return fast;
  const paginate = overflowing ? new Set(overflowing) : null;
  return renderToBuffer(document((i) => (paginate ? !paginate.has(i) : false), () => undefined));
}

export async function renderTicketPdf(data: TicketData): Promise<Buffer> {
  return renderTicketDocument({ ...data, photoJpeg: await printPhoto(data.photoJpeg) }, qrPrintPng(data.verifyUrl));
}

/** The ticket as given (photo as it is, qrPng null for none): renderTicketPdf's last step, and the benchmark's floor. */
export async function renderTicketDocument(data: TicketData, qrPng: Buffer | null): Promise<Buffer> {
  await loadPdfFonts();
  return renderOnePagePerTicket((onePage, onRender) => <TicketDocument data={data} qrPng={qrPng} onePage={onePage(0)} onRender={onRender} />);
}

/** Many tickets in one PDF, one page each (the bulk download of a plan's tickets). */
export async function renderTicketsPdf(list: TicketData[], title = "准考证"): Promise<Buffer> {
  await loadPdfFonts();
  const photos = await Promise.all(list.map((d) => printPhoto(d.photoJpeg)));
  const qrs = list.map((d) => qrPrintPng(d.verifyUrl));
  return renderOnePagePerTicket((onePage, onRender) => (
    <Document title={title} language="zh-CN" onRender={onRender}>
      {list.map((d, i) => (
        <TicketPage key={d.ticketNo || i} data={{ ...d, photoJpeg: photos[i] }} qrPng={qrs[i]} onePage={onePage(i)} />
      ))}
    </Document>
  ));
}
