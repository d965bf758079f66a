import { getCurrentUser } from "@/lib/auth/current-user";
import { writeXlsx } from "@/lib/documents/xlsx";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** 缴费对账单模板 (.xlsx). */
async function handleGet() {
  const user = await getCurrentUser();
  if (!user) return new Response("登录已失效，请重新登录", { status: 401 });
  if (user.role !== "admin") return new Response("无权访问", { status: 403 });
  const data = await writeXlsx([
    {
      name: "缴费对账单",
      columns: [
        { header: "证件号码或报名号", key: "key", width: 24 },
        { header: "金额（元）", key: "amount", width: 12 },
        { header: "缴费日期", key: "date", width: 14 },
        { header: "流水号", key: "ref", width: 24 },
      ],
      rows: [],
    },
  ]);
  return new Response(new Uint8Array(data), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="payments-template.xlsx"; filename*=UTF-8''${encodeURIComponent("缴费对账单模板.xlsx")}`,
      "cache-control": "private, no-store",
    },
  });
}

export const GET = answeringUnavailable(handleGet);
