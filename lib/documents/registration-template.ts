import "server-only";

import ExcelJS from "exceljs";
import { ID_TYPE_LABELS } from "@/lib/identity/chinese-id";
import { EDUCATION_LEVELS } from "@/lib/validations/common";

/**
 * 报名表导入模版 (the old system's 报名表导入模版.xlt, served as .xlsx): one column per field of the single
 * registration form. The same list drives the template, the batch check (columns found by title) and the
 * marked-up error file, so they cannot drift apart.
 */
export const REGISTRATION_IMPORT_COLUMNS = [
  { key: "name", title: "姓名", required: true, width: 12, note: "与证件上的姓名一致，最多30个字" },
  { key: "idType", title: "证件类型", required: true, width: 24, note: "从下拉列表选择" },
  { key: "idNumber", title: "证件号码", required: true, width: 22, note: "文本格式；身份证号为18位（15位旧号码自动转换）" },
  { key: "gender", title: "性别", required: false, width: 8, note: "男/女；居民身份证可不填，按证件号码确定" },
  { key: "birthDate", title: "出生日期", required: false, width: 13, note: "日期；居民身份证可不填，按证件号码确定" },
  { key: "education", title: "学历", required: true, width: 12, note: "从下拉列表选择" },
  { key: "phone", title: "手机号码", required: true, width: 14, note: "11位手机号码" },
  { key: "employerName", title: "工作单位", required: true, width: 30, note: "聘用单位全称，最多60个字" },
  { key: "employerCode", title: "统一社会信用代码", required: false, width: 22, note: "18位统一社会信用代码或9位组织机构代码" },
  { key: "workStartDate", title: "参加工作时间", required: true, width: 14, note: "日期，不能晚于今天，且应在年满16周岁之后" },
  { key: "yearsOfWork", title: "从事工作年限", required: true, width: 12, note: "整数（年），不少于考试计划要求的年限" },
  { key: "trade", title: "岗位工种", required: false, width: 16, note: "从下拉列表选择；可不填" },
  { key: "resume", title: "个人简历", required: false, width: 40, note: "每段一行：起止时间，工作单位，岗位（用逗号分隔）" },
  { key: "employerOpinion", title: "聘用单位意见", required: false, width: 20, note: "最多500个字" },
] as const;

export type RegistrationImportKey = (typeof REGISTRATION_IMPORT_COLUMNS)[number]["key"];

const GENDERS = ["男", "女"] as const;
export const ID_TYPE_BY_LABEL = new Map(Object.entries(ID_TYPE_LABELS).map(([k, v]) => [v, k as keyof typeof ID_TYPE_LABELS]));

const TEMPLATE_ROWS = 2_000; // how far down the drop-downs reach (a larger file can still be uploaded)

export type TemplatePlan = { name: string; tradeNames: string[]; minWorkYears: number };

/** The sample row: a valid (made-up) person, so a user who uploads the template unchanged sees it pass. */
const SAMPLE = {
  name: "张三",
  idType: ID_TYPE_LABELS.resident,
  idNumber: "110101199003074514",
  gender: "男",
  birthDate: new Date(Date.UTC(1990, 2, 7)),
  education: "大专",
  phone: "13800138000",
  employerName: "北京城建建设工程有限公司",
  employerCode: "91110105101100019W",
  workStartDate: new Date(Date.UTC(2012, 6, 1)),
  yearsOfWork: 10,
  resume: "2012.07-至今，北京城建建设工程有限公司，施工员",
  employerOpinion: "同意报名",
};

/** Builds the template workbook for one plan: 报名信息 (header, sample row, drop-downs), 填报说明, and a hidden list sheet. */
export async function buildRegistrationTemplate(plan: TemplatePlan): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date();
  const ws = wb.addWorksheet("报名信息", { views: [{ state: "frozen", ySplit: 1 }] });
  const help = wb.addWorksheet("填报说明");
  const lists = wb.addWorksheet("下拉选项", { state: "veryHidden" });

  ws.columns = REGISTRATION_IMPORT_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const header = ws.addRow(REGISTRATION_IMPORT_COLUMNS.map((c) => (c.required ? `*${c.title}` : c.title)));
  header.font = { bold: true };
  header.eachCell((cell, i) => {
    const col = REGISTRATION_IMPORT_COLUMNS[i - 1];
    cell.note = col.note;
    if (col.required) cell.font = { bold: true, color: { argb: "FFC00000" } };
  });
  ws.addRow(REGISTRATION_IMPORT_COLUMNS.map((c) => (c.key === "trade" ? (plan.tradeNames[0] ?? "") : (SAMPLE as Record<string, unknown>)[c.key] ?? null)) as ExcelJS.CellValue[]);

  // Lists on a hidden sheet: a data-validation list written inline is capped at 255 characters.
  const listCols: Record<string, readonly string[]> = {
    idType: Object.values(ID_TYPE_LABELS),
    gender: GENDERS,
    education: EDUCATION_LEVELS,
    trade: plan.tradeNames,
  };
  let li = 1;
  const listRef: Record<string, string> = {};
  for (const [key, values] of Object.entries(listCols)) {
    values.forEach((v, r) => (lists.getCell(r + 1, li).value = v));
    const letter = lists.getColumn(li).letter;
    listRef[key] = `'下拉选项'!$${letter}$1:$${letter}$${Math.max(1, values.length)}`;
    li++;
  }

  REGISTRATION_IMPORT_COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    const isDate = c.key === "birthDate" || c.key === "workStartDate";
    // Formats on the column (new cells take them) and on the sample row; ID numbers, phone numbers and codes
    // stay text (no 1.1E+17, no lost leading zero).
    const numFmt = isDate ? "yyyy-mm-dd" : c.key === "yearsOfWork" ? "0" : "@";
    col.numFmt = numFmt;
    ws.getCell(2, i + 1).numFmt = numFmt;
    for (let r = 2; r <= TEMPLATE_ROWS; r++) {
      const cell = ws.getCell(r, i + 1);
      if (listRef[c.key]) {
        cell.dataValidation = { type: "list", allowBlank: !c.required, formulae: [listRef[c.key]], showErrorMessage: true, errorTitle: c.title, error: `请从下拉列表选择${c.title}` };
      } else if (isDate) {
        cell.dataValidation = { type: "date", operator: "greaterThan", allowBlank: !c.required, formulae: [new Date(Date.UTC(1900, 0, 1))], showErrorMessage: true, error: `${c.title}应为日期，如 2012-07-01` };
      }
    }
  });

  help.columns = [{ width: 18 }, { width: 10 }, { width: 70 }];
  help.addRow([`报名表导入模版：${plan.name}`]).font = { bold: true, size: 14 };
  help.addRow([]);
  help.addRow(["1. 在“报名信息”表中每行填写一名报名人员，第 2 行为示例，导入前请删除或改为真实人员。"]);
  help.addRow(["2. 带 * 的列为必填项；证件号码、手机号码、统一社会信用代码请按文本填写。"]);
  help.addRow(["3. 日期请填写为日期格式（如 2012-07-01）；参加工作时间不能晚于今天，且应在年满16周岁之后。"]);
  help.addRow([`4. 从事工作年限不能少于 ${plan.minWorkYears} 年，且不能超过参加工作以来的年数。`]);
  help.addRow(["5. 同一文件中同一证件号码只能出现一次；已报名本考试计划的人员不能重复报名。"]);
  help.addRow(["6. 请勿使用公式；照片请另行批量上传，文件名为证件号码（如 110101199003074514.jpg），也可打包为一个 ZIP 文件。"]);
  help.addRow(["7. 上传后系统逐行检查，全部检查完成并经您确认后才保存；有错误的行不会保存，可下载标注了错误的文件修改后重新上传。"]);
  help.addRow([]);
  help.addRow(["列名", "是否必填", "填写要求"]).font = { bold: true };
  for (const c of REGISTRATION_IMPORT_COLUMNS) help.addRow([c.title, c.required ? "必填" : "选填", c.note]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
