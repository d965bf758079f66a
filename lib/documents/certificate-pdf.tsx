import "server-only";

import { Document, Image, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";

import { ensurePdfFonts } from "./fonts";
import { PhotoBox, base } from "./pdf-parts";
import { qrPngBuffer } from "./qr";
import type { CertificateData } from "./types";

const RED = "#9b1c1c";

const s = StyleSheet.create({
  page: { ...base.page, paddingTop: 28, paddingBottom: 28, paddingHorizontal: 30 },
  outer: { flexGrow: 1, border: `3pt solid ${RED}`, padding: 5 },
  inner: { flexGrow: 1, border: `0.75pt solid ${RED}`, paddingVertical: 26, paddingHorizontal: 40 },
  title: { fontSize: 28, fontWeight: 700, color: RED, textAlign: "center", letterSpacing: 3, lineHeight: 1.3 },
  certNo: { textAlign: "center", marginTop: 6, fontSize: 11, color: "#374151", lineHeight: 1.4 },
  body: { flexDirection: "row", marginTop: 28, alignItems: "flex-start" },
  photoCol: { width: 110, alignItems: "center" },
  fields: { flexGrow: 1, flexBasis: 0, paddingHorizontal: 28 },
  field: { flexDirection: "row", borderBottom: "0.5pt solid #d1d5db", paddingVertical: 6 },
  fieldLabel: { width: 82, color: "#4b5563", fontSize: 11, lineHeight: 1.4 },
  fieldValue: { flexGrow: 1, flexBasis: 0, fontSize: 13, fontWeight: 700, lineHeight: 1.4 },
  qrCol: { width: 120, alignItems: "center" },
  qr: { width: 104, height: 104 },
  qrCaption: { fontSize: 9, marginTop: 3, textAlign: "center", lineHeight: 1.3 },
  footer: { marginTop: "auto", alignItems: "flex-end" },
  issuerLine: { fontSize: 12, lineHeight: 1.6 },
  strong: { fontWeight: 700 },
  printLine: { fontSize: 8.5, color: "#4b5563", marginTop: 4, lineHeight: 1.4 },
});

export function CertificateDocument({ data, qrPng }: { data: CertificateData; qrPng: Buffer }) {
  const fields: [string, string][] = [
    ["姓名", data.name],
    ["性别", data.gender],
    ["证件号码", data.idNumber],
    ["岗位工种", data.tradeName],
    ["发证日期", data.issueDate],
    ["有效期至", data.validUntil],
    ["证书状态", data.statusLabel],
  ];
  return (
    <Document title={`岗位证书 ${data.certificateNo}`} author={data.issuer} creator={data.issuer} language="zh-CN">
      <Page size="A4" orientation="landscape" style={s.page} wrap={false}>
        <View style={s.outer}>
          <View style={s.inner}>
            <Text style={s.title}>建设行业从业人员岗位证书</Text>
            <Text style={s.certNo}>
              证书编号：<Text style={s.strong}>{data.certificateNo}</Text>
              {data.version > 1 ? `（第 ${data.version} 版）` : ""}
            </Text>

            <View style={s.body}>
              <View style={s.photoCol}>
                <PhotoBox photo={data.photoJpeg} />
              </View>
              <View style={s.fields}>
                {fields.map(([label, value]) => (
                  <View key={label} style={s.field}>
                    <Text style={s.fieldLabel}>{label}</Text>
                    <Text style={s.fieldValue}>{value}</Text>
                  </View>
                ))}
              </View>
              <View style={s.qrCol}>
                {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf Image has no alt */}
                <Image src={{ data: qrPng, format: "png" }} style={s.qr} />
                <Text style={s.qrCaption}>扫码验证证书真伪</Text>
              </View>
            </View>

            <View style={s.footer}>
              <Text style={s.issuerLine}>
                发证机关：<Text style={s.strong}>{data.issuer}</Text>
              </Text>
              <Text style={s.issuerLine}>发证日期：{data.issueDate}</Text>
              <Text style={s.printLine}>
                第 {data.version} 版 · 打印时状态：{data.statusLabel} · 打印时间：{data.printedAt} · 以扫码核验的当前状态为准
              </Text>
            </View>
          </View>
        </View>
      </Page>
    </Document>
  );
}

export async function renderCertificatePdf(data: CertificateData): Promise<Buffer> {
  ensurePdfFonts();
  const qrPng = await qrPngBuffer(data.verifyUrl);
  return renderToBuffer(<CertificateDocument data={data} qrPng={qrPng} />);
}
