"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { importScores, recordScore, setPassMark } from "@/lib/services/admin/scores";
import { idField } from "@/lib/validations/admin/common";
import { passMarkSchema } from "@/lib/validations/admin/plan";
import { recordScoreSchema } from "@/lib/validations/admin/scores";
import { uploadedXlsx } from "@/lib/validations/admin/upload";

export const recordScoreAction = defineAction({ roles: ["admin"], schema: recordScoreSchema }, async ({ registrationId, score }, user) => {
  const r = await recordScore(db, user, registrationId, score, await clientIp());
  revalidatePath("/admin/scores", "layout");
  return { data: r, message: score === "" ? "已清除成绩" : r.score === null ? "已登记缺考" : `已保存：${r.score} 分，${r.passed ? "合格" : "不合格"}` };
});

/** 导入成绩: FormData with planId and file. */
export const importScoresAction = defineAction({ roles: ["admin"], schema: z.object({ planId: idField, file: uploadedXlsx }) }, async ({ planId, file }, user) => {
  const report = await importScores(db, user, { planId, data: Buffer.from(await file.arrayBuffer()), fileName: file.name }, await clientIp());
  revalidatePath(`/admin/scores/${planId}`);
  return {
    data: report,
    message: report.applied ? `导入成功：${report.okRows} 名考生的成绩已保存` : `未导入：${report.errors.length} 行有错误，请修改后重新导入（见下表）`,
  };
});

export const passMarkAction = defineAction({ roles: ["admin"], schema: passMarkSchema }, async ({ planId, passMark: mark }, user) => {
  const n = await setPassMark(db, user, planId, Number(mark), await clientIp());
  revalidatePath(`/admin/scores/${planId}`);
  revalidatePath(`/admin/plans/${planId}`);
  return { data: { rejudged: n }, message: `合格分数线已改为 ${Number(mark)} 分${n > 0 ? `，${n} 名考生的合格判定随之改变` : ""}` };
});
