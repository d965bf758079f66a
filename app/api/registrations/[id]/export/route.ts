import { db } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { writeXlsx } from "@/lib/documents/xlsx";
import { loadRegistrationForm } from "@/lib/services/registrations";
import { attachment, notFoundResponse, unauthorized } from "@/lib/download-response";
import { formatOrgIdentifier } from "@/lib/identity/org-code";
import { answeringUnavailable } from "@/lib/http/unavailable";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** 导出: the registration form as an .xlsx (one sheet of fields, one of the CV); every cell is inert text. */
async function handleGet(_request: Request, props: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return unauthorized();
  const f = await loadRegistrationForm(db, user, Number((await props.params).id));
  if (!f) return notFoundResponse("报名记录不存在");
  const fields: [string, string | number][] = [
    ["报名号", f.registrationNo],
    ["报名状态", f.statusLabel],
    ["考试计划", f.planName],
    ["报考岗位", f.tradeName],
    ["姓名", f.name],
    ["性别", f.gender],
    ["证件类型", f.idType],
    ["证件号码", f.idNumber],
    ["出生日期", f.birthDate],
    ["联系电话", f.phone],
    ["文化程度", f.education],
    ["聘用单位", f.employerName],
    ["组织机构代码/统一社会信用代码", formatOrgIdentifier(f.employerCode)],
    ["参加工作时间", f.workStartDate],
    ["从事工作年限", f.yearsOfWork],
    ["聘用单位意见", f.employerOpinion],
    ["提交时间", f.submittedAt],
  ];
  const xlsx = await writeXlsx([
    {
      name: "报名表",
      columns: [
        { header: "项目", key: "k", width: 30 },
        { header: "内容", key: "v", width: 60 },
      ],
      rows: fields.map(([k, v]) => ({ k, v })),
    },
    {
      name: "个人简历",
      columns: [
        { header: "起止时间", key: "period", width: 24 },
        { header: "工作单位", key: "employer", width: 40 },
        { header: "岗位", key: "post", width: 20 },
      ],
      rows: f.resume,
    },
  ]);
  return attachment(xlsx, XLSX, `报名表-${f.registrationNo}.xlsx`);
}

export const GET = answeringUnavailable(handleGet);
