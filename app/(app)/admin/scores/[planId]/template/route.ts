import { sql } from "drizzle-orm";
import { db } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { writeXlsx } from "@/lib/documents/xlsx";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** 成绩导入模板: every seated candidate's ticket number and name, with an empty 成绩 column. */
async function handleGet(_request: Request, props: { params: Promise<{ planId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response("登录已失效，请重新登录", { status: 401 });
  if (user.role !== "admin") return new Response("无权访问", { status: 403 });
  const planId = Number((await props.params).planId);
  if (!Number.isInteger(planId) || planId <= 0) return new Response("考试计划不存在", { status: 404 });
  const rows = await db.execute<{ ticketNo: string; name: string; score: string | null }>(sql`
    select r.ticket_no as "ticketNo", p.name, r.score::text as score
    from registrations r join persons p on p.id = r.person_id
    where r.plan_id = ${planId} and r.status = 'seated' order by r.ticket_no`);
  const data = await writeXlsx([
    {
      name: "成绩",
      columns: [
        { header: "准考证号", key: "ticketNo", width: 20 },
        { header: "姓名", key: "name", width: 12 },
        { header: "成绩", key: "score", width: 10 },
      ],
      rows,
    },
  ]);
  return new Response(new Uint8Array(data), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="scores-${planId}.xlsx"; filename*=UTF-8''${encodeURIComponent(`成绩导入模板-${planId}.xlsx`)}`,
      "cache-control": "private, no-store",
    },
  });
}

export const GET = answeringUnavailable(handleGet);
