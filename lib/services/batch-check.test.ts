import { describe, expect, it } from "vitest";
import type { DbOrTx } from "@/db/client";
import type { SessionUser } from "@/lib/auth/roles";
import { REGISTRATION_IMPORT_COLUMNS } from "@/lib/documents/registration-template";
import type { XlsxCell } from "@/lib/documents/xlsx";
import { makeChineseId, parseChineseId, validateIdByType } from "@/lib/identity/chinese-id";
import { checkRowsAlone, type CheckContext } from "./batch-check";

// A training institution's check reads nothing from the database (only an enterprise's own record is looked up).
const trainer = { id: 1, username: "px", role: "trainer", displayName: "培训机构", personId: null, organizationId: 7 } as unknown as SessionUser;
const plan = { id: 3, tradeName: "建筑电工", minWorkYears: 0, status: "published" } as unknown as CheckContext["plan"];
const now = new Date("2026-06-01T04:00:00Z");

function row(idType: string, idNumber: string, over: Partial<Record<string, XlsxCell>> = {}): XlsxCell[] {
  const v: Record<string, XlsxCell> = {
    name: "张三", idType, idNumber, education: "大专", phone: "13900000000", employerName: "北京城建",
    workStartDate: new Date(Date.UTC(2012, 6, 1)), yearsOfWork: 10, ...over,
  };
  return REGISTRATION_IMPORT_COLUMNS.map((c) => v[c.key] ?? null);
}

describe("批量报名逐行检查：证件号码", () => {
  it("居民身份证只解析一次，结果与先校验再解析18位号码相同（含15位旧号码、小写x、校验位错误）", async () => {
    const id18 = makeChineseId("110105", "1985-03-07", 123);
    const withX = ["110105", "110108", "440306"].map((r) => Array.from({ length: 40 }, (_, i) => makeChineseId(r, "1990-01-0" + ((i % 9) + 1), 100 + i))).flat().find((n) => n.endsWith("X"))!;
    const legacy = "110105491231002";
    const wrongCheck = id18.slice(0, 17) + (id18[17] === "1" ? "2" : "1");
    const numbers = [id18, withX.toLowerCase(), legacy, wrongCheck, "12345"];
    const rows = [...numbers.map((n) => row("居民身份证", n)), row("护照", "e1234567", { gender: "女" })].map((cells, i) => ({ rowNumber: i + 2, cells }));
    const out = await checkRowsAlone({} as DbOrTx, { actor: trainer, plan, now }, { header: REGISTRATION_IMPORT_COLUMNS.map((c) => c.title), rows, formulaCells: [] });

    // What the check gave before: validateIdByType, then parseChineseId of the normalised number.
    const expected = numbers.flatMap((n, i) => {
      const v = validateIdByType("resident", n);
      if (!v.ok) return [];
      const p = parseChineseId(v.value);
      if (!p.ok) throw new Error(p.error);
      return [{ row: i + 2, idNumber: v.value, gender: p.gender, birthDate: p.birthDate }];
    });
    expect(expected.map((e) => e.idNumber)).toEqual([id18, withX, "110105194912310021".slice(0, 17) + expected[2].idNumber[17]]);
    expect(out.candidates.map(({ row, idNumber, gender, birthDate }) => ({ row, idNumber, gender, birthDate }))).toEqual([
      ...expected,
      { row: 7, idNumber: "E1234567", gender: "F", birthDate: null },
    ]);
    expect(out.errors.map(({ row, column, message }) => ({ row, column, message }))).toEqual(
      [wrongCheck, "12345"].map((n, i) => {
        const v = validateIdByType("resident", n);
        return { row: 5 + i, column: "证件号码", message: v.ok ? "" : v.error };
      }),
    );
  });
});
