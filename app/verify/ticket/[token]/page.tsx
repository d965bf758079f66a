import type { Metadata } from "next";
import { db } from "@/db";
import { ticketForVerification } from "@/lib/services/tickets";
import { readVerifyToken } from "@/lib/verify";
import { VerifyCard } from "../../_components/verify-card";

export const metadata: Metadata = { title: "准考证核验", robots: { index: false, follow: false } };

/** Public: the QR code on an admission ticket leads here. No session; the signed token is the only key. */
export default async function VerifyTicketPage(props: { params: Promise<{ token: string }> }) {
  const id = readVerifyToken("ticket", (await props.params).token);
  const t = id ? await ticketForVerification(db, id) : null;
  if (!t) return <VerifyCard title="准考证核验" verdict={null} items={[]} />;
  return (
    <VerifyCard
      title="准考证核验"
      verdict={t.valid ? { ok: true, text: "准考证有效" } : { ok: false, text: "该准考证已失效，请向注册中心核实" }}
      items={[
        ["准考证号", <span key="n" className="font-mono">{t.ticketNo ?? "—"}</span>],
        ["姓名", t.name],
        ["证件号码", <span key="i" className="font-mono">{t.maskedId}</span>],
        ["考试名称", t.planName],
        ["报考岗位", t.tradeName],
        ["考试时间", `${t.examDate} ${t.examTime}`],
        ["考点", t.venueName ?? "—"],
        ["考场", t.roomName ?? "—"],
        ["座位号", t.seatNo ?? "—"],
      ]}
    />
  );
}
