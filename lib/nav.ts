import type { Role } from "./auth/roles";

export type NavItem = { href: string; label: string };

/** The left-hand menu per role, named as in the old manual; it lists only pages that exist. */
export const NAV: Record<Role, NavItem[]> = {
  person: [
    { href: "/person/registrations", label: "考试报名" },
    { href: "/person/tickets", label: "打印准考证" },
    { href: "/person/results", label: "查看考试结果" },
    { href: "/person/certificates", label: "个人证书信息" },
    { href: "/person/profile", label: "个人信息维护" },
    { href: "/person/account", label: "登录信息维护" },
    { href: "/person/messages", label: "消息" },
  ],
  enterprise: [
    { href: "/enterprise/account", label: "登录信息维护" },
    { href: "/enterprise/messages", label: "消息" },
  ],
  trainer: [
    { href: "/trainer/account", label: "登录信息维护" },
    { href: "/trainer/messages", label: "消息" },
  ],
  admin: [
    { href: "/admin", label: "首页" },
    { href: "/admin/account", label: "修改密码" },
  ],
};
