import { PageHeader } from "@/components/page-header";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { tradeOptions, venueOptions } from "@/lib/queries/admin/plans";
import { beijingDate } from "@/lib/time";
import { PlanForm } from "../_components/plan-form";

export const metadata = { title: "新建考试计划" };

const DAY = 86_400_000;
const day = (offset: number) => beijingDate(new Date(Date.now() + offset * DAY));

export default async function NewPlanPage() {
  await requireRole("admin");
  const [trades, venues] = await Promise.all([tradeOptions(db), venueOptions(db)]);
  return (
    <>
      <PageHeader title="新建考试计划" description="保存后为草稿，确认无误后在计划页面点击“发布”开始接受报名。" />
      <PlanForm
        trades={trades}
        venues={venues}
        initial={{
          code: "",
          name: "",
          tradeId: "",
          registrationStartAt: `${day(1)}T09:00`,
          registrationEndAt: `${day(21)}T17:00`,
          ticketStartAt: `${day(25)}T09:00`,
          ticketEndAt: `${day(31)}T08:00`,
          examDate: day(31),
          examStartTime: "09:00",
          examEndTime: "11:00",
          venueIds: [],
          fee: "180",
          minWorkYears: "0",
          capacity: "200",
          passMark: "60",
          notes: "报名人员须如实填写个人信息，并上传近期一寸彩色免冠照片。",
          candidateNotes: "1. 考生须携带准考证和有效身份证件，于开考前30分钟进入考场。\n2. 开考15分钟后不得入场。\n3. 考场内严禁携带通讯工具。",
        }}
      />
    </>
  );
}
