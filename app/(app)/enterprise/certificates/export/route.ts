import { db } from "@/db";
import { NO_PERMISSION } from "@/lib/actions";
import { getCurrentUser } from "@/lib/auth/current-user";
import { writeXlsx } from "@/lib/documents/xlsx";
import { CERTIFICATE_STATE_LABELS } from "@/lib/domain/statuses";
import { attachment, refused, unauthorized } from "@/lib/download-response";
import { employeeCertificatesForExport } from "@/lib/queries/employee-certificates";
import { certificateState } from "@/lib/services/certificates";
import { beijingDate } from "@/lib/time";
import { employeeCertificateQuerySchema } from "@/lib/validations/employee-certificates";
import { answeringUnavailable } from "@/lib/http/unavailable";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** 企业人员获证信息 导出: the employees' certificates of the same filter, ID numbers masked. */
async function handleGet(request: Request) {
  const user = await getCurrentUser();
  if (!user) return unauthorized();
  if (user.role !== "enterprise") return refused(NO_PERMISSION, 403);
  const f = employeeCertificateQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const today = beijingDate();
  const rows = await employeeCertificatesForExport(db, user, f, today);
  const xlsx = await writeXlsx([
    {
      name: "企业人员获证信息",
      columns: [
        { header: "序号", key: "no", width: 8 },
        { header: "岗位工种", key: "tradeName", width: 16 },
        { header: "证书编号", key: "certificateNo", width: 22 },
        { header: "持证人", key: "holderName", width: 12 },
        { header: "证件号码", key: "idNumber", width: 22 },
        { header: "发证日期", key: "issueDate", width: 12 },
        { header: "有效期至", key: "validUntil", width: 12 },
        { header: "状态", key: "state", width: 10 },
      ],
      rows: rows.map((r, i) => ({ ...r, no: i + 1, state: CERTIFICATE_STATE_LABELS[certificateState(r.status, r.validUntil, today)] })),
    },
  ]);
  return attachment(xlsx, XLSX, `企业人员获证信息-${beijingDate()}.xlsx`);
}

export const GET = answeringUnavailable(handleGet);
