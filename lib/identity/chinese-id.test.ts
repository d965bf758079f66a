import { afterEach, describe, expect, it, vi } from "vitest";
import { ID_TYPE_LABELS, makeChineseId, maskIdNumber, parseChineseId, validateIdByType } from "./chinese-id";

// 11010519491231002X is the example printed in GB 11643-1999 and checked by hand in this task.
const CLASSIC_ID = "11010519491231002X";

function expectError(input: string, error: string) {
  expect(parseChineseId(input)).toEqual({ ok: false, error });
}

describe("parseChineseId", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("身份证号：接受标准示例号码并解析出性别、出生日期和地区码", () => {
    expect(parseChineseId(CLASSIC_ID)).toEqual({
      ok: true,
      id18: CLASSIC_ID,
      gender: "F",
      birthDate: "1949-12-31",
      regionCode: "110105",
    });
  });

  it("身份证号：顺序码为奇数时为男性，偶数时为女性", () => {
    const male = parseChineseId("110105194912310011");
    expect(male.ok && male.gender).toBe("M");
    const female = parseChineseId(makeChineseId("440306", "1990-06-15", 124));
    expect(female.ok && female.gender).toBe("F");
  });

  it("身份证号：去除首尾空白", () => {
    const result = parseChineseId(`  ${CLASSIC_ID}\n`);
    expect(result.ok && result.id18).toBe(CLASSIC_ID);
  });

  it("身份证号：小写x被接受并规范为大写X", () => {
    const result = parseChineseId("11010519491231002x");
    expect(result.ok && result.id18).toBe(CLASSIC_ID);
  });

  it("身份证号：15位旧号码转换为18位并补上校验位", () => {
    expect(parseChineseId("110105491231002")).toEqual({
      ok: true,
      id18: CLASSIC_ID,
      gender: "F",
      birthDate: "1949-12-31",
      regionCode: "110105",
    });
  });

  it("身份证号：15位旧号码的年份按19YY解释", () => {
    const result = parseChineseId("440306000101003");
    expect(result.ok && result.birthDate).toBe("1900-01-01");
    expect(result.ok && result.id18.slice(6, 14)).toBe("19000101");
  });

  it("身份证号：校验位错误时拒绝", () => {
    expectError("110105194912310021", "身份证号码校验位错误");
    expectError("110105194912310010", "身份证号码校验位错误");
  });

  it("身份证号：位数不对时拒绝", () => {
    expectError("11010519491231002", "身份证号码应为18位（或15位旧号码）");
    expectError("11010519491231002X1", "身份证号码应为18位（或15位旧号码）");
    expectError("1101054912310", "身份证号码应为18位（或15位旧号码）");
  });

  it("身份证号：空输入时提示填写", () => {
    expectError("   ", "请输入身份证号码");
  });

  it("身份证号：含非数字字符或X不在末位时拒绝", () => {
    expectError("11010519491231002Y", "身份证号码只能包含数字，最后一位可为X");
    expectError("1101051949123100X2", "身份证号码只能包含数字，最后一位可为X");
    expectError("11010549123100X", "身份证号码只能包含数字，最后一位可为X");
    expectError("110105 1949123100X", "身份证号码只能包含数字，最后一位可为X");
  });

  it("身份证号：非闰年的2月29日被拒绝", () => {
    expectError(makeChineseId("110105", "1990-02-29", 1), "身份证号码中的出生日期无效");
    // 1900 is divisible by 100 but not 400, so it is not a leap year.
    expectError(makeChineseId("110105", "1900-02-29", 1), "身份证号码中的出生日期无效");
  });

  it("身份证号：闰年的2月29日被接受", () => {
    expect(parseChineseId("440306200002291239").ok).toBe(true);
    expect(parseChineseId(makeChineseId("110105", "2004-02-29", 1)).ok).toBe(true);
  });

  it("身份证号：不存在的日期被拒绝（2月30日、13月、0日、4月31日）", () => {
    for (const date of ["1990-02-30", "1990-13-01", "1990-00-10", "1990-01-00", "1990-04-31", "1990-01-32"]) {
      expectError(makeChineseId("110105", date, 1), "身份证号码中的出生日期无效");
    }
    // Legacy 15-digit numbers go through the same calendar check.
    expectError("110105900230001", "身份证号码中的出生日期无效");
  });

  it("身份证号：出生日期早于1900年时拒绝", () => {
    expectError(makeChineseId("110105", "1899-12-31", 1), "出生日期不能早于1900年");
    expect(parseChineseId(makeChineseId("110105", "1900-01-01", 1)).ok).toBe(true);
  });

  it("身份证号：出生日期晚于今天时拒绝", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2024-06-15T04:00:00Z"));
    expectError(makeChineseId("110105", "2024-06-16", 1), "出生日期不能晚于今天");
    expectError(makeChineseId("110105", "2099-01-01", 1), "出生日期不能晚于今天");
    expect(parseChineseId(makeChineseId("110105", "2024-06-15", 1)).ok).toBe(true);
  });

  it("身份证号：“今天”按北京时间计算，而非服务器时区", () => {
    vi.useFakeTimers();
    // 16:30 UTC on 30 June is already 00:30 on 1 July in Shanghai.
    vi.setSystemTime(new Date("2024-06-30T16:30:00Z"));
    expect(parseChineseId(makeChineseId("110105", "2024-07-01", 1)).ok).toBe(true);
    expectError(makeChineseId("110105", "2024-07-02", 1), "出生日期不能晚于今天");

    // 15:59 UTC on 30 June is still 23:59 on 30 June in Shanghai.
    vi.setSystemTime(new Date("2024-06-30T15:59:00Z"));
    expectError(makeChineseId("110105", "2024-07-01", 1), "出生日期不能晚于今天");
  });

  it("身份证号：“今天”在北京时间零点准确切换，时钟往回拨也一样（今天的日期有缓存）", () => {
    vi.useFakeTimers();
    const july1 = makeChineseId("110105", "2024-07-01", 1);
    for (const [at, ok] of [
      ["2024-06-30T15:59:59.999Z", false],
      ["2024-06-30T16:00:00.000Z", true],
      ["2024-07-01T15:59:59.999Z", true],
      ["2024-06-30T15:59:59.999Z", false],
      ["2024-07-01T16:00:00.000Z", true],
      ["2023-06-30T16:00:00.000Z", false],
    ] as const) {
      vi.setSystemTime(new Date(at));
      expect(parseChineseId(july1).ok, at).toBe(ok);
    }
  });

  it("身份证号：省级地区码无效时拒绝", () => {
    const badRegions = ["000000", "101010", "161234", "241234", "381234", "471234", "551234", "661234", "721234"];
    for (const region of [...badRegions, "841234", "901234", "991234"]) {
      expectError(makeChineseId(region, "1990-01-01", 1), "身份证号码地区码无效");
    }
    expectError("991234491231002", "身份证号码地区码无效");
  });

  it("身份证号：所有有效省级代码（含83、91）都被接受", () => {
    const provinces = [
      "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
      "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
      "71", "81", "82", "83", "91",
    ];
    for (const province of provinces) {
      const result = parseChineseId(makeChineseId(`${province}0000`, "1990-01-01", 1));
      expect(result.ok, province).toBe(true);
    }
  });
});

describe("makeChineseId", () => {
  it("身份证号：makeChineseId生成的号码能被解析回原值", () => {
    const id = makeChineseId("310104", "1985-11-03", 357);
    expect(id).toHaveLength(18);
    expect(parseChineseId(id)).toEqual({
      ok: true,
      id18: id,
      gender: "M",
      birthDate: "1985-11-03",
      regionCode: "310104",
    });
  });

  it("身份证号：makeChineseId复现标准示例号码", () => {
    expect(makeChineseId("110105", "1949-12-31", 2)).toBe(CLASSIC_ID);
  });

  it("身份证号：makeChineseId对格式错误的参数抛出异常", () => {
    expect(() => makeChineseId("11010", "1990-01-01", 1)).toThrow();
    expect(() => makeChineseId("110105", "19900101", 1)).toThrow();
    expect(() => makeChineseId("110105", "1990-01-01", 1000)).toThrow();
    expect(() => makeChineseId("110105", "1990-01-01", -1)).toThrow();
    expect(() => makeChineseId("110105", "1990-01-01", 1.5)).toThrow();
  });
});

describe("maskIdNumber", () => {
  it("身份证号脱敏：18位号码保留前6位和后4位", () => {
    expect(maskIdNumber(CLASSIC_ID)).toBe("110105********002X");
    expect(maskIdNumber("11010119900307123X")).toBe("110101********123X");
  });

  it("身份证号脱敏：15位旧号码保留前6位和后4位", () => {
    expect(maskIdNumber("110105491231002")).toBe("110105*****1002");
  });

  it("证件号脱敏：较短的证件号保留前2位和后2位", () => {
    expect(maskIdNumber("E12345678")).toBe("E1*****78");
    expect(maskIdNumber("H12345678")).toBe("H1*****78");
    expect(maskIdNumber("12345")).toBe("12*45");
  });

  it("证件号脱敏：4位及以下全部遮盖，空串保持为空", () => {
    expect(maskIdNumber("1234")).toBe("****");
    expect(maskIdNumber("AB")).toBe("**");
    expect(maskIdNumber("")).toBe("");
  });
});

describe("validateIdByType", () => {
  it("证件类型：名称标签正确", () => {
    expect(ID_TYPE_LABELS).toEqual({
      resident: "居民身份证",
      passport: "护照",
      hk_macao: "港澳居民来往内地通行证",
      taiwan: "台湾居民来往大陆通行证",
    });
  });

  it("居民身份证：返回18位规范号码，15位旧号码也被转换", () => {
    expect(validateIdByType("resident", "11010519491231002x")).toEqual({ ok: true, value: CLASSIC_ID });
    expect(validateIdByType("resident", "110105491231002")).toEqual({ ok: true, value: CLASSIC_ID });
  });

  it("居民身份证：透传身份证解析的具体错误", () => {
    expect(validateIdByType("resident", "110105194912310021")).toEqual({ ok: false, error: "身份证号码校验位错误" });
  });

  it("护照：接受5至17位字母或数字并转为大写", () => {
    expect(validateIdByType("passport", " e1234567 ")).toEqual({ ok: true, value: "E1234567" });
    expect(validateIdByType("passport", "AB123")).toEqual({ ok: true, value: "AB123" });
    expect(validateIdByType("passport", "A".repeat(17))).toEqual({ ok: true, value: "A".repeat(17) });
  });

  it("护照：长度不符或含其他字符时拒绝", () => {
    const error = { ok: false, error: "护照号码应为5至17位字母或数字" };
    expect(validateIdByType("passport", "A123")).toEqual(error);
    expect(validateIdByType("passport", "A".repeat(18))).toEqual(error);
    expect(validateIdByType("passport", "E123-4567")).toEqual(error);
    expect(validateIdByType("passport", "E123 4567")).toEqual(error);
    expect(validateIdByType("passport", "")).toEqual({ ok: false, error: "请输入护照号码" });
  });

  it("港澳通行证：接受H或M开头加8位或10位数字", () => {
    expect(validateIdByType("hk_macao", "H12345678")).toEqual({ ok: true, value: "H12345678" });
    expect(validateIdByType("hk_macao", "M1234567890")).toEqual({ ok: true, value: "M1234567890" });
    expect(validateIdByType("hk_macao", "h12345678")).toEqual({ ok: true, value: "H12345678" });
  });

  it("港澳通行证：前缀或位数不符时拒绝", () => {
    const error = { ok: false, error: "港澳居民来往内地通行证号码应为H或M开头加8位或10位数字" };
    for (const value of ["H1234567", "H123456789", "H123456789012", "X12345678", "12345678", "HM2345678"]) {
      expect(validateIdByType("hk_macao", value), value).toEqual(error);
    }
    expect(validateIdByType("hk_macao", " ")).toEqual({ ok: false, error: "请输入港澳居民来往内地通行证号码" });
  });

  it("台湾通行证：接受8位或10位数字", () => {
    expect(validateIdByType("taiwan", "12345678")).toEqual({ ok: true, value: "12345678" });
    expect(validateIdByType("taiwan", "1234567890")).toEqual({ ok: true, value: "1234567890" });
  });

  it("台湾通行证：位数不符或含字母时拒绝", () => {
    const error = { ok: false, error: "台湾居民来往大陆通行证号码应为8位或10位数字" };
    for (const value of ["1234567", "123456789", "12345678901", "T1234567"]) {
      expect(validateIdByType("taiwan", value), value).toEqual(error);
    }
    expect(validateIdByType("taiwan", "")).toEqual({ ok: false, error: "请输入台湾居民来往大陆通行证号码" });
  });

  it("证件类型：未知类型（来自表单等未经类型检查的数据）时拒绝", () => {
    const result = validateIdByType("military" as never, "12345678");
    expect(result.ok).toBe(false);
  });
});
