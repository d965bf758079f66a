/** Deterministic demo data: Beijing construction trades, venues, organisations and people. */
export const TRADES = [
  { code: "GL01", name: "施工员", category: "施工现场专业人员", validityYears: 3 },
  { code: "GL02", name: "质量员", category: "施工现场专业人员", validityYears: 3 },
  { code: "GL03", name: "安全员", category: "施工现场专业人员", validityYears: 3 },
  { code: "GL04", name: "材料员", category: "施工现场专业人员", validityYears: 3 },
  { code: "GL05", name: "资料员", category: "施工现场专业人员", validityYears: 3 },
  { code: "GL06", name: "标准员", category: "施工现场专业人员", validityYears: 3 },
  { code: "GL07", name: "机械员", category: "施工现场专业人员", validityYears: 3 },
  { code: "GL08", name: "劳务员", category: "施工现场专业人员", validityYears: 3 },
  { code: "TZ01", name: "建筑电工", category: "建筑施工特种作业人员", validityYears: 2 },
  { code: "TZ02", name: "建筑架子工", category: "建筑施工特种作业人员", validityYears: 2 },
  { code: "TZ03", name: "建筑起重信号司索工", category: "建筑施工特种作业人员", validityYears: 2 },
  { code: "TZ04", name: "建筑起重机械司机（塔式起重机）", category: "建筑施工特种作业人员", validityYears: 2 },
  { code: "TZ05", name: "建筑焊工", category: "建筑施工特种作业人员", validityYears: 2 },
  { code: "TZ06", name: "高处作业吊篮安装拆卸工", category: "建筑施工特种作业人员", validityYears: 2 },
] as const;

export const VENUES = [
  {
    name: "北京市建设教育协会海淀考点",
    address: "北京市海淀区三里河路9号",
    rooms: [
      { name: "第01考场", capacity: 30 },
      { name: "第02考场", capacity: 30 },
      { name: "第03考场", capacity: 40 },
    ],
  },
  {
    name: "丰台区建筑业培训中心考点",
    address: "北京市丰台区西四环南路66号",
    rooms: [
      { name: "第01考场", capacity: 35 },
      { name: "第02考场", capacity: 35 },
    ],
  },
] as const;

/** 8-character organisation-code bodies; the check characters and USCCs are computed. */
export const ENTERPRISES = [
  { body: "10110001", name: "北京城建建设工程有限公司", contact: "王建国", phone: "010-68001234" },
  { body: "10220002", name: "北京住总第三开发建设有限公司", contact: "李红梅", phone: "010-67002345" },
  { body: "10330003", name: "中建一局集团第五建筑有限公司", contact: "赵志强", phone: "010-88003456" },
  { body: "10440004", name: "北京建工安装工程有限公司", contact: "孙丽", phone: "010-63004567" },
] as const;

export const TRAINERS = [
  { body: "20110001", name: "北京建设职业技能培训学校", contact: "周明", phone: "010-62005678" },
  { body: "20220002", name: "北京市建筑业从业人员培训中心", contact: "吴倩", phone: "010-83006789" },
] as const;

export const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕".split("");
export const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红海波鹏辉玲晨浩宇婷博文".split("");
export const REGIONS = ["110101", "110102", "110105", "110106", "110108", "110111", "130102", "130602", "370102", "410105", "130984", "120101"];
export const EDUCATION = ["高中", "中专", "大专", "本科", "硕士"] as const;

/** A small deterministic PRNG so the demo data is the same on every machine. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
