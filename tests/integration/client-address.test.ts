import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { CLIENT_ADDRESS_HEADER, installClientAddress, resolveClientAddress, trustedHops } from "@/scripts/client-address.mjs";

const incoming = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => incoming.headers, cookies: async () => new Map() }));
const { clientIp } = await import("@/lib/request-context");

describe("客户端IP", () => {
  it("客户端自己写的 X-Forwarded-For 不被采信（限流和日志用连接地址）", async () => {
    incoming.headers = new Headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" });
    expect(await clientIp()).not.toBe("6.6.6.6");
    expect(await clientIp()).not.toBe("7.7.7.7");

    installClientAddress(0);
    const seen: (string | undefined)[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers[CLIENT_ADDRESS_HEADER] as string | undefined);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    for (const forged of [{ "x-forwarded-for": "6.6.6.6" }, { [CLIENT_ADDRESS_HEADER]: "6.6.6.6" }, {}]) {
      await new Promise<void>((r) => http.get({ port, host: "127.0.0.1", headers: forged }, (res) => res.resume().on("end", r)));
    }
    server.close();
    expect(seen).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1"]);

    incoming.headers = new Headers({ [CLIENT_ADDRESS_HEADER]: "127.0.0.1", "x-forwarded-for": "6.6.6.6" });
    expect(await clientIp()).toBe("127.0.0.1");
  });

  it("只信任配置的代理层数（TRUSTED_PROXY_HOPS），默认 0", () => {
    expect(trustedHops({})).toBe(0);
    expect(trustedHops({ TRUSTED_PROXY_HOPS: "2" })).toBe(2);
    expect(trustedHops({ TRUSTED_PROXY_HOPS: "abc" })).toBe(0);
    expect(resolveClientAddress("10.0.0.1", "6.6.6.6", 0)).toBe("10.0.0.1");
    // One proxy (10.0.0.1) appended the address it saw; what the client wrote before it is ignored.
    expect(resolveClientAddress("10.0.0.1", "6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.1", 2)).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:192.0.2.1", undefined, 0)).toBe("192.0.2.1");
  });

  it("不是IP地址的值被丢弃（不会写进操作日志）", async () => {
    expect(resolveClientAddress("10.0.0.1", "'; drop table users; --", 1)).toBeNull();
    expect(resolveClientAddress("10.0.0.1", "1.2.3.4.5", 1)).toBeNull();
    incoming.headers = new Headers({ [CLIENT_ADDRESS_HEADER]: "not-an-ip" });
    expect(await clientIp()).toBeNull();
  });
});
