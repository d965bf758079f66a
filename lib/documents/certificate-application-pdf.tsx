import "server-only";

import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";

import { ensurePdfFonts } from "./fonts";
import { FieldRow, LabelCell, Row, ValueCell, base } from "./pdf-parts";
import type { CertificateApplicationFormData } from "./types";

const LABEL_W = 96;

const s = StyleSheet.create({
  title: { fontSize: 19, fontWeight: 700, textAlign: "center", letterSpacing: 1, lineHeight: 1.3 },
  meta: { flexDirection: "row", justifyContent: "space-between", marginTop: 10, marginBottom: 6, fontSize: 10 },
  notice: { marginTop: 12, padding: 8, border: "0.75pt solid #9ca3af", fontSize: 9.5, lineHeight: 1.5 },
  noticeTitle: { fontWeight: 700, marginBottom: 2 },
  head: { backgroundColor: "#f9fafb", fontWeight: 700 },
  sign: { flexDirection: "row", justifyContent: "space-between", marginTop: 24, fontSize: 10.5 },
  strong: { fontWeight: 700 },
});

/** The filled 证书变更申请表 (current beside new) or 证书进京申请表, for 打印. */
export function CertificateApplicationDocument({ data }: { data: CertificateApplicationFormData }) {
  const change = data.kind === "change";
  return (
    <Document title={`${data.title} ${data.batchNo}`} language="zh-CN">
      <Page size="A4" style={base.page}>
        <Text style={s.title}>{data.title}</Text>
        <View style={s.meta}>
          <Text>
            申请批号：<Text style={s.strong}>{data.batchNo}</Text>
          </Text>
          <Text>
            状态：<Text style={s.strong}>{data.statusLabel}</Text>
          </Text>
        </View>
        <View style={base.table}>
          {data.person.map(([label, value]) => (
            <FieldRow key={label} labelWidth={LABEL_W} label={label} value={value} />
          ))}
          {change ? (
            <Row style={s.head}>
              <LabelCell width={LABEL_W}>变更项目</LabelCell>
              <ValueCell>原登记内容</ValueCell>
              <ValueCell last>变更后内容</ValueCell>
            </Row>
          ) : null}
          {data.rows.map(([label, a, b], i) =>
            change ? (
              <Row key={label} last={i === data.rows.length - 1 && data.scans.length === 0}>
                <LabelCell width={LABEL_W}>{label}</LabelCell>
                <ValueCell>{a}</ValueCell>
                <ValueCell last>{b}</ValueCell>
              </Row>
            ) : (
              <FieldRow key={label} labelWidth={LABEL_W} label={label} value={a} last={i === data.rows.length - 1 && data.scans.length === 0} />
            ),
          )}
          {data.scans.length ? <FieldRow labelWidth={LABEL_W} label="证明材料" value={data.scans.join("、")} last /> : null}
        </View>
        <View style={s.notice}>
          <Text style={s.noticeTitle}>{change ? "申请须知" : "格式说明"}</Text>
          {data.notice.map((line) => (
            <Text key={line}>{line}</Text>
          ))}
        </View>
        <View style={s.sign}>
          <Text>申请人（单位）：{data.submitterName}</Text>
          <Text>提交时间：{data.submittedAt}</Text>
        </View>
      </Page>
    </Document>
  );
}

export async function renderCertificateApplicationPdf(data: CertificateApplicationFormData): Promise<Buffer> {
  ensurePdfFonts();
  return renderToBuffer(<CertificateApplicationDocument data={data} />);
}
