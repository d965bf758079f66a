import { describe, expect, it } from "vitest";
import { REGISTRATION_STATUSES, PLAN_STATUSES } from "@/db/schema/exams";
import type { SessionUser } from "@/lib/auth/roles";
import { canEdit, canResubmit, canWithdraw, isSubmitter, resultsVisible } from "./rules";

const person = { id: 1, role: "person", personId: 7, organizationId: null } as unknown as SessionUser;
const enterprise = { id: 2, role: "enterprise", personId: null, organizationId: 3 } as unknown as SessionUser;
const admin = { id: 3, role: "admin", personId: null, organizationId: null } as unknown as SessionUser;
const own = { submitterKind: "person" as const, submitterOrgId: null, personId: 7 };
const byEmployer = { submitterKind: "enterprise" as const, submitterOrgId: 3, personId: 7 };

describe("报名规则", () => {
  it("待审核的报名只能由提交方修改或撤回", () => {
    expect(canEdit(person, { ...own, status: "submitted" })).toBe(true);
    expect(canWithdraw(person, { ...byEmployer, status: "submitted" })).toBe(false);
    expect(canEdit(enterprise, { ...byEmployer, status: "submitted" })).toBe(true);
    expect(canEdit(enterprise, { ...own, status: "submitted" })).toBe(false);
    expect(canEdit(admin, { ...own, status: "submitted" })).toBe(false);
    expect(isSubmitter(person, { ...own, personId: 8 })).toBe(false);
  });

  it("已审核的报名（审核通过、已缴费、已编排）不能再修改", () => {
    const editable = REGISTRATION_STATUSES.filter((status) => canEdit(person, { ...own, status }));
    expect(editable).toEqual(["submitted"]);
  });

  it("已撤回或未通过的报名可以重新报名，其余状态占用名额", () => {
    expect(REGISTRATION_STATUSES.filter(canResubmit).sort()).toEqual(["rejected", "withdrawn"]);
  });

  it("成绩发布后（含归档）才显示成绩", () => {
    expect(PLAN_STATUSES.filter(resultsVisible)).toEqual(["results_published", "archived"]);
  });
});
