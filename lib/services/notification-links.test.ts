import { describe, expect, it } from "vitest";
import { notificationTarget } from "./notification-links";

describe("消息链接", () => {
  it("证书消息：从业人员和企业打开各自的证书详细，注册中心打开证书查询详细，培训机构回到首页", () => {
    const t = { kind: "certificate", id: 42 } as const;
    expect(notificationTarget("person", t)).toBe("/person/certificates/42");
    expect(notificationTarget("enterprise", t)).toBe("/enterprise/certificates/42");
    expect(notificationTarget("admin", t)).toBe("/admin/certificate-search/42");
    expect(notificationTarget("trainer", t)).toBe("/trainer");
  });
});
