import { describe, expect, it } from "vitest";
import { answeringUnavailable, isServiceUnavailable, serviceUnavailableResponse } from "./unavailable";

describe("数据库不可用的判断", () => {
  it("连接被拒、连接中断、服务器正在关闭或启动：不可用", () => {
    expect(isServiceUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isServiceUnavailable(Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" }))).toBe(true);
    expect(isServiceUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isServiceUnavailable(new Error("Failed query", { cause: Object.assign(new Error("the database system is starting up"), { code: "57P03" }) }))).toBe(true);
    expect(isServiceUnavailable(new AggregateError([Object.assign(new Error("refused"), { code: "ECONNREFUSED" })]))).toBe(true);
  });

  it("其他错误（唯一键冲突、语法错误、普通异常）不算", () => {
    expect(isServiceUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isServiceUnavailable(Object.assign(new Error("syntax"), { code: "42601" }))).toBe(false);
    expect(isServiceUnavailable(new Error("boom"))).toBe(false);
    expect(isServiceUnavailable(null)).toBe(false);
  });

  it("503 回答带中文说明", async () => {
    const res = serviceUnavailableResponse();
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("系统暂时无法连接数据库");
  });

  it("下载等接口：数据库不可用时回答 503 和中文说明，其他错误照常抛出，正常回答不变", async () => {
    const down = answeringUnavailable(async (_r: Request) => {
      throw new Error("Failed query", { cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }) });
    });
    const res = await down(new Request("http://x/"));
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("系统暂时无法连接数据库");

    const broken = answeringUnavailable(async () => {
      throw Object.assign(new Error("duplicate key"), { code: "23505" });
    });
    await expect(broken()).rejects.toThrow("duplicate key");

    const fine = answeringUnavailable(async (n: number) => new Response(String(n), { status: 201 }));
    const ok = await fine(7);
    expect(ok.status).toBe(201);
    expect(await ok.text()).toBe("7");
  });
});
