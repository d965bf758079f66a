import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { createPlanAction } from "@/app/(app)/admin/plans/actions";
import { rejectAction } from "@/app/(app)/admin/registrations/actions";
import { recordScoreAction } from "@/app/(app)/admin/scores/actions";
import { arrangeSeats } from "@/lib/services/admin/seating";
import { beijingDate } from "@/lib/time";
import { actAs } from "../support/users";
import { makeCandidates, makePlan, makeVenue } from "./admin-fixtures";

const day = (n: number) => beijingDate(new Date(Date.now() + n * 86_400_000));

async function planInput(over: Record<string, unknown>) {
  const [venue] = (await db.execute(sql`select id from venues order by id limit 1`)) as unknown as { id: number }[];
  return {
    code: `MSG-${Math.floor(Math.random() * 1e6)}`,
    name: "提示信息测试考试",
    tradeId: "",
    registrationStartAt: `${day(-1)}T09:00`,
    registrationEndAt: `${day(20)}T17:00`,
    ticketStartAt: `${day(25)}T09:00`,
    ticketEndAt: `${day(30)}T08:00`,
    examDate: day(30),
    examStartTime: "09:00",
    examEndTime: "11:00",
    venueIds: [venue.id],
    fee: "180",
    minWorkYears: "1",
    capacity: "200",
    passMark: "60",
    notes: "",
    candidateNotes: "",
    ...over,
  };
}

describe("拒绝时说明哪一项、什么规则", () => {
  it("新建考试计划：岗位工种为空提示“请选择岗位工种”，未勾选考点提示“请至少选择一个考点”", async () => {
    await actAs("admin");
    const noTrade = await createPlanAction(await planInput({ tradeId: "" }));
    expect(noTrade).toMatchObject({ ok: false, error: "请选择岗位工种", fieldErrors: { tradeId: ["请选择岗位工种"] } });
    const [trade] = (await db.execute(sql`select id from trades where code = 'GL01'`)) as unknown as { id: number }[];
    const noVenue = await createPlanAction(await planInput({ tradeId: String(trade.id), venueIds: [] }));
    expect(noVenue).toMatchObject({ ok: false, error: "请至少选择一个考点", fieldErrors: { venueIds: ["请至少选择一个考点"] } });
  });

  it("成绩录入：150、abc、85.55 各自说明规则，而不是“请检查标红的项目”", async () => {
    const admin = await actAs("admin");
    const venue = await makeVenue(db, "提示信息测试考点", 1, 2);
    const plan = await makePlan(db, { status: "closed", venueIds: [venue], examInDays: -1 });
    const [c] = await makeCandidates(db, plan.id, 1, { status: "paid" });
    await arrangeSeats(db, admin!, plan.id, {}, null);
    await db.execute(sql`update exam_plans set status = 'held' where id = ${plan.id}`);
    const cases: [string, string][] = [
      ["150", "成绩应在 0 到 100 之间"],
      ["abc", "成绩应为数字，缺考填“缺考”"],
      ["85.55", "成绩最多保留一位小数"],
    ];
    for (const [score, error] of cases) {
      expect(await recordScoreAction({ registrationId: c.id, score })).toMatchObject({ ok: false, error, fieldErrors: { score: [error] } });
    }
    expect(await recordScoreAction({ registrationId: c.id, score: "85.5" })).toMatchObject({ ok: true });
  });

  it("审核不通过：原因只有空格时提示“请填写不通过的原因”", async () => {
    await actAs("admin");
    const plan = await makePlan(db, { status: "published" });
    const [c] = await makeCandidates(db, plan.id, 1);
    expect(await rejectAction({ ids: [c.id], reason: "   " })).toMatchObject({ ok: false, error: "请填写不通过的原因" });
    expect(await rejectAction({ ids: [], reason: "照片模糊" })).toMatchObject({ ok: false, error: "请至少勾选一条报名记录" });
  });
});
