import "server-only";

import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";

import { ensurePdfFonts } from "./fonts";
import { FieldRow, LINE, PairRow, Paragraphs, PhotoBox, Row, ValueCell, base } from "./pdf-parts";
import type { RegistrationFormData } from "./types";

/** A paper form shows empty lines to write on; keep the CV table at least this tall even when it is short. */
const MIN_RESUME_ROWS = 4;
const LABEL_W = 84;

const s = StyleSheet.create({
  title: { fontSize: 19, fontWeight: 700, textAlign: "center", letterSpacing: 1, lineHeight: 1.3 },
  meta: { flexDirection: "row", justifyContent: "space-between", marginTop: 10, marginBottom: 6, fontSize: 10 },
  sideLabel: {
    width: LABEL_W,
    backgroundColor: "#f3f4f6",
    borderRight: LINE,
    alignItems: "center",
    justifyContent: "center",
    paddingHorizontal: 6,
  },
  sideLabelText: { fontWeight: 700, fontSize: 10, textAlign: "center" },
  resumeHead: { backgroundColor: "#f9fafb", fontWeight: 700, fontSize: 10 },
  resumeText: { fontSize: 10, lineHeight: 1.35 },
  opinion: { flexGrow: 1, flexBasis: 0, padding: 8, minHeight: 110, justifyContent: "space-between" },
  opinionText: { fontSize: 11, lineHeight: 1.5 },
  stampLine: { flexDirection: "row", justifyContent: "flex-end", gap: 36, marginTop: 12, fontSize: 10 },
  footer: { flexDirection: "row", justifyContent: "flex-end", marginTop: 10, fontSize: 10 },
  strong: { fontWeight: 700 },
});

// Column widths of the CV table, as flex weights: period | employer | post.
const RESUME_COLS = [1.25, 2.6, 1.15] as const;

function ResumeTable({ resume }: { resume: RegistrationFormData["resume"] }) {
  const rows = [...resume];
  while (rows.length < MIN_RESUME_ROWS) rows.push({ period: "", employer: "", post: "" });
  return (
    <View style={{ flexGrow: 1, flexBasis: 0 }}>
      <Row style={s.resumeHead}>
        {["起止时间", "工作单位", "岗位"].map((h, i) => (
          <ValueCell key={h} grow={RESUME_COLS[i]} last={i === 2} style={{ alignItems: "center" }}>
            <Text style={s.strong}>{h}</Text>
          </ValueCell>
        ))}
      </Row>
      {rows.map((r, i) => (
        <Row key={i} last={i === rows.length - 1} style={{ minHeight: 24 }}>
          <ValueCell grow={RESUME_COLS[0]}>
            <Text style={s.resumeText}>{r.period}</Text>
          </ValueCell>
          <ValueCell grow={RESUME_COLS[1]}>
            <Text style={s.resumeText}>{r.employer}</Text>
          </ValueCell>
          <ValueCell grow={RESUME_COLS[2]} last>
            <Text style={s.resumeText}>{r.post}</Text>
          </ValueCell>
        </Row>
      ))}
    </View>
  );
}

export function RegistrationFormDocument({ data }: { data: RegistrationFormData }) {
  return (
    <Document title={`报名表 ${data.registrationNo}`} language="zh-CN">
      <RegistrationFormPage data={data} />
    </Document>
  );
}

/** One 报名表 as one A4 page, so that many forms can share one document (打印报名表 of a batch). */
export function RegistrationFormPage({ data }: { data: RegistrationFormData }) {
  return (
      <Page size="A4" style={base.page}>
        <Text style={s.title}>建设行业从业人员考试报名表</Text>
        <View style={s.meta}>
          <Text>
            报名编号：<Text style={s.strong}>{data.registrationNo}</Text>
          </Text>
          <Text>
            报名状态：<Text style={s.strong}>{data.statusLabel}</Text>
          </Text>
        </View>

        <View style={base.table}>
          <View wrap={false}>
            <View style={[base.row, base.rowLine]}>
              <View style={{ flexGrow: 1, flexBasis: 0 }}>
                <PairRow labelWidth={LABEL_W} pairs={[["姓名", data.name], ["性别", data.gender]]} />
                <PairRow labelWidth={LABEL_W} pairs={[["证件类型", data.idType], ["出生日期", data.birthDate]]} />
                <FieldRow labelWidth={LABEL_W} label="证件号码" value={data.idNumber} />
                <PairRow labelWidth={LABEL_W} pairs={[["联系电话", data.phone], ["文化程度", data.education]]} last />
              </View>
              <View style={base.photoCell}>
                <PhotoBox photo={data.photoJpeg} />
              </View>
            </View>
            <FieldRow labelWidth={LABEL_W} label="考试计划" value={data.planName} />
            <FieldRow labelWidth={LABEL_W} label="报考岗位" value={data.tradeName} />
            <FieldRow labelWidth={LABEL_W} label="聘用单位" value={data.employerName} />
            <FieldRow labelWidth={LABEL_W} label="单位代码" value={data.employerCode} />
            <PairRow
              labelWidth={LABEL_W}
              pairs={[
                ["参加工作时间", data.workStartDate],
                ["从事工作年限", `${data.yearsOfWork} 年`],
              ]}
            />
          </View>

          <View style={[base.row, base.rowLine]}>
            <View style={s.sideLabel}>
              <Text style={s.sideLabelText}>个人简历</Text>
            </View>
            <ResumeTable resume={data.resume} />
          </View>

          <View style={base.row} wrap={false}>
            <View style={s.sideLabel}>
              <Text style={s.sideLabelText}>聘用单位意见</Text>
            </View>
            <View style={s.opinion}>
              <Paragraphs text={data.employerOpinion} style={s.opinionText} />
              <View style={s.stampLine}>
                <Text>（单位盖章）</Text>
                <Text>年　　月　　日</Text>
              </View>
            </View>
          </View>
        </View>

        <View style={s.footer}>
          <Text>提交时间：{data.submittedAt}</Text>
        </View>
      </Page>
  );
}

export async function renderRegistrationFormPdf(data: RegistrationFormData): Promise<Buffer> {
  ensurePdfFonts();
  return renderToBuffer(<RegistrationFormDocument data={data} />);
}

/** 打印报名表 for many registrations: one PDF, one page per form, in the order given. */
export async function renderRegistrationFormsPdf(list: RegistrationFormData[], title = "报名表"): Promise<Buffer> {
  ensurePdfFonts();
  return renderToBuffer(
    <Document title={title} language="zh-CN">
      {list.map((d) => (
        <RegistrationFormPage key={d.registrationNo} data={d} />
      ))}
    </Document>,
  );
}
