import { describe, expect, it } from "vitest";
import { makeUscc, parseOrgCode, parseOrgIdentifier, parseUscc, formatOrgIdentifier } from "./org-code";

// Both examples were checked by hand against GB 32100 / GB 11714 before being used here.
const KNOWN_USCC = "91350100M000100Y43";
const KNOWN_ORG = "D2143569X";

describe("parseUscc", () => {
  it("统一社会信用代码：接受公开示例代码", () => {
    expect(parseUscc(KNOWN_USCC)).toEqual({ ok: true, code: KNOWN_USCC });
  });

  it("统一社会信用代码：去除首尾空白并转为大写", () => {
    expect(parseUscc("  91350100m000100y43\t")).toEqual({ ok: true, code: KNOWN_USCC });
  });

  it("统一社会信用代码：校验位错误时拒绝", () => {
    expect(parseUscc("91350100M000100Y44")).toEqual({ ok: false, error: "统一社会信用代码校验位错误" });
    expect(parseUscc("91350100M000100Y4X")).toEqual({ ok: false, error: "统一社会信用代码校验位错误" });
  });

  it("统一社会信用代码：位数不对时拒绝", () => {
    expect(parseUscc("91350100M000100Y4")).toEqual({ ok: false, error: "统一社会信用代码应为18位" });
    expect(parseUscc("91350100M000100Y433")).toEqual({ ok: false, error: "统一社会信用代码应为18位" });
    expect(parseUscc("")).toEqual({ ok: false, error: "请输入统一社会信用代码" });
  });

  it("统一社会信用代码：含I、O、Z、S、V或其他字符时拒绝", () => {
    const error = { ok: false, error: "统一社会信用代码含有无效字符（不使用I、O、Z、S、V）" };
    for (const bad of ["I", "O", "Z", "S", "V", "-", "*"]) {
      expect(parseUscc(`91350100${bad}000100Y43`), bad).toEqual(error);
    }
  });

  it("统一社会信用代码：总校验位正确但第9-17位组织机构代码校验位错误时拒绝", () => {
    // Built by hand: org code M000100Y with check 5 (should be 4), USCC check recomputed to match.
    expect(parseUscc("91350100M000100Y56")).toEqual({
      ok: false,
      error: "统一社会信用代码第9-17位的组织机构代码校验位错误",
    });
  });
});

describe("parseOrgCode", () => {
  it("组织机构代码：接受带连字符的示例代码并去掉连字符", () => {
    expect(parseOrgCode("D2143569-X")).toEqual({ ok: true, code: KNOWN_ORG });
  });

  it("组织机构代码：接受不带连字符的9位形式", () => {
    expect(parseOrgCode(KNOWN_ORG)).toEqual({ ok: true, code: KNOWN_ORG });
  });

  it("组织机构代码：小写字母被转为大写", () => {
    expect(parseOrgCode(" d2143569-x ")).toEqual({ ok: true, code: KNOWN_ORG });
  });

  it("组织机构代码：余数为0时校验位为0，余数为1时校验位为X", () => {
    expect(parseOrgCode("123456040")).toEqual({ ok: true, code: "123456040" });
    expect(parseOrgCode("00000000-0")).toEqual({ ok: true, code: "000000000" });
    expect(parseOrgCode("12345618-X")).toEqual({ ok: true, code: "12345618X" });
  });

  it("组织机构代码：校验位错误时拒绝", () => {
    const error = { ok: false, error: "组织机构代码校验位错误" };
    expect(parseOrgCode("D2143569-1")).toEqual(error);
    expect(parseOrgCode("D21435690")).toEqual(error);
    expect(parseOrgCode("12345604X")).toEqual(error);
    expect(parseOrgCode("D2143569A")).toEqual(error);
  });

  it("组织机构代码：位数不对时拒绝", () => {
    const error = { ok: false, error: "组织机构代码应为9位（8位本体代码+1位校验码）" };
    expect(parseOrgCode("D2143569")).toEqual(error);
    expect(parseOrgCode("D2143569XX")).toEqual(error);
    expect(parseOrgCode("")).toEqual({ ok: false, error: "请输入组织机构代码" });
  });

  it("组织机构代码：连字符位置错误时拒绝", () => {
    const error = { ok: false, error: "组织机构代码格式应为XXXXXXXX-X（连字符在第8位之后）或9位连续字符" };
    expect(parseOrgCode("D214-3569X")).toEqual(error);
    expect(parseOrgCode("D2143569--X")).toEqual(error);
    expect(parseOrgCode("D2143569X-")).toEqual(error);
  });

  it("组织机构代码：本体含非字母数字字符时拒绝", () => {
    expect(parseOrgCode("D214356*X")).toEqual({ ok: false, error: "组织机构代码本体只能包含数字和大写字母" });
  });
});

describe("parseOrgIdentifier", () => {
  it("机构代码识别：18位按统一社会信用代码解析并取出第9-17位组织机构代码", () => {
    expect(parseOrgIdentifier(KNOWN_USCC)).toEqual({
      ok: true,
      kind: "uscc",
      code: KNOWN_USCC,
      orgCode: "M000100Y4",
    });
  });

  it("机构代码识别：9位或带连字符的10位按组织机构代码解析", () => {
    const expected = { ok: true, kind: "org", code: KNOWN_ORG, orgCode: KNOWN_ORG };
    expect(parseOrgIdentifier("D2143569-X")).toEqual(expected);
    expect(parseOrgIdentifier("d2143569x")).toEqual(expected);
  });

  it("机构代码识别：透传具体的校验错误", () => {
    expect(parseOrgIdentifier("91350100M000100Y44")).toEqual({ ok: false, error: "统一社会信用代码校验位错误" });
    expect(parseOrgIdentifier("D2143569-1")).toEqual({ ok: false, error: "组织机构代码校验位错误" });
  });

  it("机构代码识别：其他长度时拒绝", () => {
    const error = { ok: false, error: "请输入18位统一社会信用代码或9位组织机构代码" };
    expect(parseOrgIdentifier("D2143569")).toEqual(error);
    expect(parseOrgIdentifier("D2143569XX")).toEqual(error);
    expect(parseOrgIdentifier("91350100M000100Y4")).toEqual(error);
    expect(parseOrgIdentifier("  ")).toEqual({ ok: false, error: "请输入统一社会信用代码或组织机构代码" });
  });
});

describe("makeUscc", () => {
  it("统一社会信用代码：makeUscc复现公开示例代码", () => {
    expect(makeUscc("M000100Y", "91350100")).toBe(KNOWN_USCC);
  });

  it("统一社会信用代码：makeUscc默认前缀为91110105且结果可被解析", () => {
    const code = makeUscc("M000100Y");
    expect(code).toBe("91110105M000100Y4D");
    expect(parseUscc(code)).toEqual({ ok: true, code });
    expect(parseOrgIdentifier(code)).toEqual({ ok: true, kind: "uscc", code, orgCode: "M000100Y4" });
  });

  it("统一社会信用代码：makeUscc对多种本体代码均生成有效代码", () => {
    for (const body of ["00000000", "12345618", "12345604", "A1B2C3D4", "md123456"]) {
      const code = makeUscc(body);
      const parsed = parseOrgIdentifier(code);
      expect(parsed.ok, body).toBe(true);
      expect(parsed.ok && parsed.orgCode.slice(0, 8)).toBe(body.toUpperCase());
      expect(parseOrgCode(code.slice(8, 17)).ok, body).toBe(true);
    }
  });

  it("统一社会信用代码：makeUscc对格式错误的参数抛出异常", () => {
    expect(() => makeUscc("M000100")).toThrow();
    expect(() => makeUscc("M000100YY")).toThrow();
    // I, O, Z, S, V would end up inside the USCC, where they are not allowed.
    expect(() => makeUscc("I0001000")).toThrow();
    expect(() => makeUscc("M000100Y", "9111010")).toThrow();
    expect(() => makeUscc("M000100Y", "9111010S")).toThrow();
  });
});

describe("formatOrgIdentifier", () => {
  it("组织机构代码显示为带连字符的标准格式 10110001-9", () => {
    expect(formatOrgIdentifier("101100019")).toBe("10110001-9");
    expect(formatOrgIdentifier("10110001-9")).toBe("10110001-9");
  });
  it("统一社会信用代码和空值原样显示", () => {
    expect(formatOrgIdentifier("91110105MA01ABCD2X")).toBe("91110105MA01ABCD2X");
    expect(formatOrgIdentifier(null)).toBe("");
  });
});
