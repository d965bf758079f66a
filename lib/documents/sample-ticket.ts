import type { TicketData } from "./types";

/** A complete 准考证 for tests and benchmarks; `over` replaces any field. */
export const sampleTicket = (over: Partial<TicketData> = {}): TicketData => ({
  ticketNo: "2026000070001001",
  name: "张三",
  gender: "男",
  idType: "居民身份证",
  idNumber: "110105198803151232",
  tradeName: "安全员",
  planName: "2026年第四季度安全员岗位考试",
  examDate: "2026-12-05",
  examTime: "09:00-11:00",
  venueName: "北京市建设教育协会海淀考点",
  venueAddress: "北京市海淀区三里河路9号",
  roomName: "第01考场",
  seatNo: "01",
  notes: "1. 考生须携带准考证和有效身份证件。",
  photoJpeg: null,
  verifyUrl: "https://kaowu.example.cn/verify/ticket/t1.AbCdEfGhIjKlMnOp",
  issuer: "北京市建设行业从业人员注册中心",
  ...over,
});
