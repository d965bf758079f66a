import type { Role } from "./auth/roles";

export type NavItem = { href: string; label: string };

/** The left-hand menu per role, named as in the old manual; it lists only pages that exist. */
export const NAV: Record<Role, NavItem[]> = {
  person: [
    { href: "/person/registrations", label: "考试报名" },
    { href: "/person/tickets", label: "打印准考证" },
    { href: "/person/results", label: "查看考试结果" },
    { href: "/person/renewals", label: "申请证书续期" },
    { href: "/person/changes", label: "申请变更证书" },
    { href: "/person/certificates", label: "个人证书信息" },
    { href: "/person/profile", label: "个人信息维护" },
    { href: "/person/account", label: "登录信息维护" },
    { href: "/person/transfers", label: "证书进京" },
    { href: "/person/messages", label: "消息" },
  ],
  enterprise: [
    { href: "/enterprise/registrations", label: "考试报名" },
    { href: "/enterprise/tickets", label: "打印准考证" },
    { href: "/enterprise/results", label: "查看考试结果" },
    { href: "/enterprise/renewals", label: "申请证书续期" },
    { href: "/enterprise/changes", label: "申请证书变更" },
    { href: "/enterprise/employees", label: "企业人员信息" },
    { href: "/enterprise/certificates", label: "企业人员获证信息" },
    { href: "/enterprise/account", label: "登录信息维护" },
    { href: "/enterprise/messages", label: "消息" },
  ],
  trainer: [
    { href: "/trainer/registrations", label: "考试报名" },
    { href: "/trainer/tickets", label: "打印准考证" },
    { href: "/trainer/results", label: "查看考试结果" },
    { href: "/trainer/renewals", label: "申请证书续期" },
    { href: "/trainer/changes", label: "申请证书变更" },
    { href: "/trainer/account", label: "登录信息维护" },
    { href: "/trainer/transfers", label: "证书进京" },
    { href: "/trainer/messages", label: "消息" },
  ],
  admin: [
    { href: "/admin", label: "首页" },
    { href: "/admin/plans", label: "考试计划" },
    { href: "/admin/registrations", label: "报名审核" },
    { href: "/admin/payments", label: "缴费管理" },
    { href: "/admin/seating", label: "考场编排" },
    { href: "/admin/scores", label: "成绩管理" },
    { href: "/admin/certificates", label: "证书发放" },
    { href: "/admin/applications", label: "证书业务审核" },
    { href: "/admin/certificate-search", label: "证书查询" },
    { href: "/admin/trades", label: "岗位工种" },
    { href: "/admin/venues", label: "考点考场" },
    { href: "/admin/organizations", label: "机构管理" },
    { href: "/admin/accounts", label: "账号管理" },
    { href: "/admin/audit", label: "操作日志" },
    { href: "/admin/account", label: "登录信息维护" },
  ],
};
