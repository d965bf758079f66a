import { describe, expect, it } from "vitest";
import { readVerifyToken, signVerifyToken, verifyUrl } from "./verify";

describe("核验链接", () => {
  it("签发的令牌可以读回记录编号", () => {
    const t = signVerifyToken("certificate", 12345);
    expect(readVerifyToken("certificate", t)).toBe(12345);
  });

  it("改动编号、截短或伪造的令牌无效", () => {
    const t = signVerifyToken("ticket", 7);
    const [body, mac] = t.split(".");
    expect(readVerifyToken("ticket", `t8.${mac}`)).toBeNull();
    expect(readVerifyToken("ticket", `${body}.${mac.slice(0, -1)}`)).toBeNull();
    expect(readVerifyToken("ticket", `${body}.${"A".repeat(16)}`)).toBeNull();
    expect(readVerifyToken("ticket", "")).toBeNull();
  });

  it("准考证的令牌不能当作证书令牌使用", () => {
    const t = signVerifyToken("ticket", 7);
    expect(readVerifyToken("certificate", t)).toBeNull();
    expect(readVerifyToken("certificate", `c${t.slice(1)}`)).toBeNull();
  });

  it("核验地址是绝对地址", () => {
    expect(verifyUrl("certificate", 1)).toMatch(/^https?:\/\/[^/]+\/verify\/certificate\/c1\.[A-Za-z0-9_-]{16}$/);
  });
});
