import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLogs, examPlans, examPlanVenues, trades } from "@/db/schema";
import { NO_PERMISSION } from "@/lib/actions";
import { PLAN_ALLOWS, PLAN_TRANSITIONS, planAllows } from "@/lib/services/admin/plan-status";
import { transitionPlan } from "@/lib/services/admin/plans";
import type { PlanInput } from "@/lib/validations/admin/plan";
import { createPlanAction, deletePlanAction, planTransitionAction, updatePlanAction } from "@/app/(app)/admin/plans/actions";
import { createTradeAction, restoreTradeAction, retireTradeAction, updateTradeAction } from "@/app/(app)/admin/trades/actions";
import { actAs } from "../support/users";
import { makePlan } from "./admin-fixtures";

async function venueIds() {
  const rows = await db.execute(sql`select id from venues order by id`);
  return (rows as unknown as { id: number }[]).map((r) => String(r.id));
}

async function tradeId(code = "GL01") {
  const [t] = await db.select({ id: trades.id }).from(trades).where(eq(trades.code, code));
  return t.id;
}

function day(offset: number) {
  const d = new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000);
  return d.toISOString().slice(0, 10);
}

async function planInput(over: Partial<PlanInput> = {}): Promise<PlanInput> {
  return {
    code: `ks2027-test-${Math.floor(Math.random() * 1e6)}`,
    name: "2027年第一季度施工员岗位考试（测试）",
    tradeId: await tradeId(),
    registrationStartAt: `${day(-1)}T09:00`,
    registrationEndAt: `${day(20)}T17:00`,
    ticketStartAt: `${day(25)}T09:00`,
    ticketEndAt: `${day(30)}T08:00`,
    examDate: day(30),
    examStartTime: "09:00",
    examEndTime: "11:00",
    venueIds: [(await venueIds())[0]],
    fee: "180",
    minWorkYears: "1",
    capacity: "200",
    passMark: "60",
    notes: "报名须知",
    candidateNotes: "考生须知",
    ...over,
  };
}

describe("岗位工种", () => {
  it("新增、修改、停用、恢复岗位工种，均写入操作日志", async () => {
    await actAs("admin");
    const created = await createTradeAction({ code: "gl99", name: "测试员", category: "施工现场专业人员", validityYears: "3" });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.data.id : 0;
    const [row] = await db.select().from(trades).where(eq(trades.id, id));
    expect(row.code).toBe("GL99");

    const dup = await createTradeAction({ code: "GL99", name: "另一个", category: "x", validityYears: "3" });
    expect(dup).toMatchObject({ ok: false, fieldErrors: { code: ["岗位代码已存在"] } });

    expect((await updateTradeAction({ id, code: "GL99", name: "测试员", category: "施工现场专业人员", validityYears: "5" })).ok).toBe(true);
    expect((await retireTradeAction({ id })).ok).toBe(true);
    const again = await retireTradeAction({ id });
    expect(again).toMatchObject({ ok: false, error: "该岗位工种已停用" });
    expect((await restoreTradeAction({ id })).ok).toBe(true);
    const logs = await db.select({ action: auditLogs.action }).from(auditLogs).where(eq(auditLogs.entityId, String(id)));
    expect(logs.map((l) => l.action)).toEqual(expect.arrayContaining(["trade.created", "trade.updated", "trade.retired", "trade.restored"]));
  });

  it("证书有效期须为 1 到 20 年", async () => {
    await actAs("admin");
    const r = await createTradeAction({ code: "GL98", name: "测试员二", category: "x", validityYears: "25" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { validityYears: ["证书有效期（年）应在 1 到 20 之间"] } });
  });

  it("已停用的岗位工种不能用于新的考试计划", async () => {
    await actAs("admin");
    const t = await createTradeAction({ code: "GL97", name: "停用测试员", category: "x", validityYears: "3" });
    const id = t.ok ? t.data.id : 0;
    await retireTradeAction({ id });
    const r = await createPlanAction(await planInput({ tradeId: id }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { tradeId: ["该岗位工种已停用，不能用于新的考试计划"] } });
  });
});

describe("考试计划", () => {
  it("新建考试计划：北京时间录入，保存为草稿，考点已关联", async () => {
    await actAs("admin");
    const input = await planInput({ examDate: "2027-03-20", registrationStartAt: `${day(-1)}T09:00`, ticketEndAt: "2027-03-20T08:00" });
    const r = await createPlanAction(input);
    expect(r.ok).toBe(true);
    const id = r.ok ? r.data.id : 0;
    const [plan] = await db.select().from(examPlans).where(eq(examPlans.id, id));
    expect(plan.status).toBe("draft");
    expect(plan.code).toBe(input.code.toUpperCase());
    // 09:00 in Beijing is 01:00 UTC.
    expect(plan.examStartAt.toISOString()).toBe("2027-03-20T01:00:00.000Z");
    expect(plan.feeCents).toBe(18000);
    const venues = await db.select().from(examPlanVenues).where(eq(examPlanVenues.planId, id));
    expect(venues).toHaveLength(1);
  });

  it("时间先后不合理时逐项提示", async () => {
    await actAs("admin");
    const r = await createPlanAction(
      await planInput({ registrationEndAt: `${day(-2)}T09:00`, examStartTime: "11:00", examEndTime: "10:00", venueIds: [] }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.fieldErrors?.registrationEndAt?.[0]).toBe("报名结束时间应晚于报名开始时间");
      expect(r.fieldErrors?.examEndTime?.[0]).toBe("考试结束时间应晚于开始时间");
      expect(r.fieldErrors?.venueIds?.[0]).toBeTruthy();
    }
  });

  it("计划编号不能重复", async () => {
    await actAs("admin");
    const r = await createPlanAction(await planInput({ code: "KS2026-SG-04" }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { code: ["计划编号已存在"] } });
  });

  it("发布后不能修改计划编号和岗位工种，可以修改考试安排", async () => {
    await actAs("admin");
    const input = await planInput();
    const r = await createPlanAction(input);
    const id = r.ok ? r.data.id : 0;
    expect(await planTransitionAction({ id, transition: "publish" })).toMatchObject({ ok: true });
    const changeTrade = await updatePlanAction({ id, values: { ...input, tradeId: await tradeId("GL02") } });
    expect(changeTrade).toMatchObject({ ok: false });
    if (!changeTrade.ok) expect(changeTrade.error).toContain("计划编号和岗位工种不能修改");
    const ok = await updatePlanAction({ id, values: { ...input, fee: "200", capacity: "300" } });
    expect(ok.ok).toBe(true);
    const [plan] = await db.select().from(examPlans).where(eq(examPlans.id, id));
    expect([plan.feeCents, plan.capacity]).toEqual([20000, 300]);
    const [log] = await db.select().from(auditLogs).where(eq(auditLogs.action, "plan.updated")).orderBy(sql`id desc`).limit(1);
    expect((log.before as { feeCents: number }).feeCents).toBe(18000);
    expect((log.after as { feeCents: number }).feeCents).toBe(20000);
  });

  it("按状态机依次发布、结束报名；非法的状态变化被拒绝", async () => {
    await actAs("admin");
    const r = await createPlanAction(await planInput());
    const id = r.ok ? r.data.id : 0;
    // Draft cannot be closed, held, have results published or be archived.
    for (const t of ["close", "hold", "publish_results", "archive"] as const) {
      const res = await planTransitionAction({ id, transition: t });
      expect(res.ok, t).toBe(false);
    }
    expect((await planTransitionAction({ id, transition: "publish" })).ok).toBe(true);
    expect((await planTransitionAction({ id, transition: "publish" })).ok).toBe(false);
    expect((await planTransitionAction({ id, transition: "close" })).ok).toBe(true);
    // Closed → held skips seating.
    const skip = await planTransitionAction({ id, transition: "hold" });
    expect(skip).toMatchObject({ ok: false });
    if (!skip.ok) expect(skip.error).toContain("不能确认考试结束");
    const [plan] = await db.select({ status: examPlans.status }).from(examPlans).where(eq(examPlans.id, id));
    expect(plan.status).toBe("closed");
  });

  it("报名结束时间已过的计划不能发布", async () => {
    await actAs("admin");
    const plan = await makePlan(db, { status: "draft" });
    await db.execute(sql`update exam_plans set registration_start_at = now() - interval '10 days', registration_end_at = now() - interval '1 day' where id = ${plan.id}`);
    const r = await planTransitionAction({ id: plan.id, transition: "publish" });
    expect(r).toMatchObject({ ok: false, error: "报名结束时间已过，请先修改报名时间再发布" });
  });

  it("只有草稿可以删除", async () => {
    await actAs("admin");
    const draft = await makePlan(db, { status: "draft" });
    const published = await makePlan(db, { status: "published" });
    expect((await deletePlanAction({ id: draft.id })).ok).toBe(true);
    const r = await deletePlanAction({ id: published.id });
    expect(r).toMatchObject({ ok: false, error: "考试计划当前状态为“报名中”，不能删除考试计划" });
  });

  it("已编排的计划只能修改须知", async () => {
    await actAs("admin");
    const input = await planInput();
    const r = await createPlanAction(input);
    const id = r.ok ? r.data.id : 0;
    await db.update(examPlans).set({ status: "seated" }).where(eq(examPlans.id, id));
    const bad = await updatePlanAction({ id, values: { ...input, capacity: "999" } });
    expect(bad).toMatchObject({ ok: false });
    const good = await updatePlanAction({ id, values: { ...input, candidateNotes: "请携带身份证。" } });
    expect(good.ok).toBe(true);
  });

  it("状态机：每个状态允许的操作和转换一目了然", () => {
    expect(planAllows("published", "review")).toBe(true);
    expect(planAllows("draft", "review")).toBe(false);
    expect(planAllows("closed", "arrange")).toBe(true);
    expect(planAllows("held", "arrange")).toBe(false);
    expect(planAllows("results_published", "issue")).toBe(true);
    expect(PLAN_ALLOWS.archived).toEqual([]);
    expect(PLAN_TRANSITIONS.archive.from).toEqual(["results_published"]);
  });

  it("服务本身也拒绝非注册中心用户", async () => {
    const person = await actAs("zhangsan");
    const plan = await makePlan(db, { status: "draft" });
    await expect(transitionPlan(db, person!, plan.id, "publish", null)).rejects.toThrow("无权执行此操作");
  });
});

describe("权限：非注册中心角色一律拒绝", () => {
  for (const who of ["zhangsan", "chengjian", "peixun"]) {
    it(`${who} 不能管理岗位工种和考试计划`, async () => {
      await actAs(who);
      const plan = await makePlan(db, { status: "draft" });
      const results = await Promise.all([
        createTradeAction({ code: "GL90", name: "越权", category: "x", validityYears: "3" }),
        updateTradeAction({ id: 1, code: "GL01", name: "施工员", category: "x", validityYears: "3" }),
        retireTradeAction({ id: 1 }),
        restoreTradeAction({ id: 1 }),
        createPlanAction(await planInput()),
        updatePlanAction({ id: plan.id, values: await planInput() }),
        deletePlanAction({ id: plan.id }),
        planTransitionAction({ id: plan.id, transition: "publish" }),
      ]);
      for (const r of results) expect(r).toEqual({ ok: false, error: NO_PERMISSION });
      const [still] = await db.select({ status: examPlans.status }).from(examPlans).where(eq(examPlans.id, plan.id));
      expect(still.status).toBe("draft");
    });
  }

  it("未登录时提示重新登录", async () => {
    await actAs(null);
    expect(await retireTradeAction({ id: 1 })).toEqual({ ok: false, error: "登录已失效，请重新登录" });
  });
});
