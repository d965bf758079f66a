import { attachment, unauthorized } from "@/lib/download-response";
import { db } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { writeXlsx } from "@/lib/documents/xlsx";
import { passList } from "@/lib/queries/results";
import { beijingDate, formatDate } from "@/lib/time";
import { answeringUnavailable } from "@/lib/http/unavailable";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** 导出名单: the pass list of the query (plan, name) as .xlsx; writeXlsx keeps every cell inert (no formulas). */
async function handleGet(request: Request) {
  const user = await getCurrentUser();
  if (!user) return unauthorized();
  const q = new URL(request.url).searchParams;
  const rows = await passList(db, user, { planId: Number(q.get("planId")) || undefined, name: (q.get("name") ?? "").trim().slice(0, 30) || undefined });
  const xlsx = await writeXlsx([
    {
      name: "考试合格人员名单",
      columns: [
        { header: "序号", key: "no", width: 8 },
        { header: "考试名称", key: "planName", width: 36 },
        { header: "岗位工种", key: "tradeName", width: 16 },
        { header: "考试日期", key: "examDate", width: 12 },
        { header: "准考证号", key: "ticketNo", width: 20 },
        { header: "姓名", key: "personName", width: 12 },
        { header: "证件号码", key: "idNumber", width: 22 },
        { header: "工作单位", key: "employerName", width: 36 },
        { header: "成绩", key: "score", width: 8 },
        { header: "结果", key: "result", width: 8 },
      ],
      rows: rows.map((r, i) => ({ ...r, no: i + 1, examDate: formatDate(r.examStartAt), result: "合格" })),
    },
  ]);
  return attachment(xlsx, XLSX, `考试合格人员名单-${beijingDate()}.xlsx`);
}

export const GET = answeringUnavailable(handleGet);
