import { getTableColumns, getTableName, isTable } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import {
  ACCOUNT_STATUS,
  APPLICATION_KIND_LABELS,
  APPLICATION_STATUS,
  CATALOGUE_STATUS,
  CERTIFICATE_STATE,
  IMPORT_STATUS,
  DOCUMENT_JOB_STATUS,
  PLAN_STATUS,
  REGISTRATION_STAGE,
  REGISTRATION_STATUS,
  registrationStage,
  REVOKE_REASON_LABELS,
  SUBMITTER_KIND_LABELS,
} from "./statuses";

/** Which vocabulary words each status-like column of the schema. */
const WORDED: Record<string, Record<string, unknown>> = {
  "organizations.status": ACCOUNT_STATUS,
  "users.status": ACCOUNT_STATUS,
  "trades.status": CATALOGUE_STATUS,
  "venues.status": CATALOGUE_STATUS,
  "exam_plans.status": PLAN_STATUS,
  "registrations.status": REGISTRATION_STATUS,
  "registrations.submitterKind": SUBMITTER_KIND_LABELS,
  "certificates.status": CERTIFICATE_STATE,
  "certificates.revokeReasonClass": REVOKE_REASON_LABELS,
  "certificate_applications.status": APPLICATION_STATUS,
  "certificate_applications.kind": APPLICATION_KIND_LABELS,
  "application_batches.kind": APPLICATION_KIND_LABELS,
  "application_batches.submitterKind": SUBMITTER_KIND_LABELS,
  "import_batches.status": IMPORT_STATUS,
  "document_jobs.status": DOCUMENT_JOB_STATUS,
};

function enumColumns() {
  const out: { key: string; values: readonly string[] }[] = [];
  for (const value of Object.values(schema)) {
    if (!isTable(value)) continue;
    const table = value as PgTable;
    for (const [name, column] of Object.entries(getTableColumns(table))) {
      const values = (column as { enumValues?: readonly string[] }).enumValues;
      if (values?.length) out.push({ key: `${getTableName(table)}.${name}`, values });
    }
  }
  return out;
}

describe("状态用语：每个状态都有中文名称", () => {
  it("every status and submitter column of the schema has a vocabulary", () => {
    const unworded = enumColumns()
      .filter((c) => /(^|\.|_)(status|submitterKind)$/.test(c.key))
      .filter((c) => !(c.key in WORDED))
      .map((c) => c.key);
    expect(unworded).toEqual([]);
  });

  it.each(Object.keys(WORDED))("%s: every enum value has a label", (key) => {
    const column = enumColumns().find((c) => c.key === key);
    expect(column, `${key} is no longer an enum column of the schema`).toBeDefined();
    const vocabulary = WORDED[key];
    const missing = column!.values.filter((v) => {
      const entry = vocabulary[v];
      const label = typeof entry === "string" ? entry : (entry as { label?: string } | undefined)?.label;
      return !label;
    });
    expect(missing).toEqual([]);
  });

  it("no two statuses of one vocabulary share a label", () => {
    for (const vocabulary of [PLAN_STATUS, REGISTRATION_STATUS, CERTIFICATE_STATE, APPLICATION_STATUS]) {
      const labels = Object.values(vocabulary).map((v) => v.label);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});

describe("报名状态：成绩发布后显示合格 / 不合格", () => {
  it("成绩发布前仍为已编排，发布后（含归档）显示合格或不合格", () => {
    expect(registrationStage({ status: "seated", planStatus: "held", passed: true })).toBe("seated");
    expect(registrationStage({ status: "seated", planStatus: "results_published", passed: true })).toBe("passed");
    expect(registrationStage({ status: "seated", planStatus: "archived", passed: false })).toBe("failed");
    expect(REGISTRATION_STAGE[registrationStage({ status: "seated", planStatus: "results_published", passed: true })].label).toBe("合格");
    expect(REGISTRATION_STAGE[registrationStage({ status: "seated", planStatus: "results_published", passed: false })].label).toBe("不合格");
  });

  it("未编排的报名和未判定的成绩仍显示报名状态", () => {
    expect(registrationStage({ status: "withdrawn", planStatus: "results_published", passed: null })).toBe("withdrawn");
    expect(registrationStage({ status: "seated", planStatus: "results_published", passed: null })).toBe("seated");
    expect(REGISTRATION_STAGE.paid.label).toBe(REGISTRATION_STATUS.paid.label);
  });
});
