import { db } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { writeXlsx } from "@/lib/documents/xlsx";
import { NO_PERMISSION } from "@/lib/actions";
import { attachment, refused, unauthorized } from "@/lib/download-response";
import { ID_TYPE_LABELS } from "@/lib/identity/chinese-id";
import { employeesForExport } from "@/lib/services/employees";
import { beijingDate } from "@/lib/time";
import { answeringUnavailable } from "@/lib/http/unavailable";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** 企业人员信息 导出: the enterprise's employees matching the search, ID numbers masked as in the list. */
async function handleGet(request: Request) {
  const user = await getCurrentUser();
  if (!user) return unauthorized();
  if (user.role !== "enterprise") return refused(NO_PERMISSION, 403);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 30);
  const rows = await employeesForExport(db, user, q);
  const xlsx = await writeXlsx([
    {
      name: "企业人员信息",
      columns: [
        { header: "序号", key: "no", width: 8 },
        { header: "姓名", key: "name", width: 12 },
        { header: "性别", key: "gender", width: 6 },
        { header: "证件类型", key: "idType", width: 14 },
        { header: "证件号码", key: "idNumber", width: 22 },
        { header: "出生日期", key: "birthDate", width: 12 },
        { header: "学历", key: "education", width: 10 },
        { header: "参加工作时间", key: "workStartDate", width: 14 },
      ],
      rows: rows.map((r, i) => ({ ...r, no: i + 1, gender: r.gender === "M" ? "男" : "女", idType: ID_TYPE_LABELS[r.idType] })),
    },
  ]);
  return attachment(xlsx, XLSX, `企业人员信息-${beijingDate()}.xlsx`);
}

export const GET = answeringUnavailable(handleGet);
