import { describe, expect, it } from "vitest";
import { asSentence } from "./sentence";

describe("退回原因接成一句话", () => {
  it("没有句号的原因补上句号", () => {
    expect(asSentence("照片不是近期免冠照片")).toBe("照片不是近期免冠照片。");
  });
  it("已以句号、问号、感叹号结尾的原因不再加句号", () => {
    expect(asSentence("照片不是近期免冠照片。")).toBe("照片不是近期免冠照片。");
    expect(asSentence("工作年限不足！")).toBe("工作年限不足！");
    expect(asSentence("Photo is blurry.")).toBe("Photo is blurry.");
  });
  it("结尾的逗号、分号和空格换成句号", () => {
    expect(asSentence("照片模糊； ")).toBe("照片模糊。");
    expect(asSentence("  照片模糊，")).toBe("照片模糊。");
  });
});
