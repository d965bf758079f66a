import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/db";
import { certificateForVerification } from "@/lib/services/certificates";
import { readVerifyToken } from "@/lib/verify";
import { VerifyCard } from "../../_components/verify-card";

export const metadata: Metadata = { title: "证书核验", robots: { index: false, follow: false } };
// The state is live (a revocation shows at once), so the page is never cached.
export const dynamic = "force-dynamic";

const VERDICTS = {
  valid: { ok: true, text: "证书真实有效" },
  expiring: { ok: true, text: "证书真实有效（即将到期）" },
  expired: { ok: false, text: "证书真实，但已过期" },
  revoked: { ok: false, text: "证书已注销" },
  superseded: { ok: false, text: "该证书已变更，此版本不再使用，请以新版证书为准" },
} as const;

/** Public: the QR code on a certificate leads here. Shows masked ID, name, trade, validity and the live state. */
export default async function VerifyCertificatePage(props: { params: Promise<{ token: string }> }) {
  const id = readVerifyToken("certificate", (await props.params).token);
  const c = id ? await certificateForVerification(db, id) : null;
  if (!c) return <VerifyCard title="证书核验" verdict={null} items={[]} />;
  const verdict = c.state === "revoked" && c.revokeReason ? { ok: false, text: `证书已注销（${c.revokeReason}）` } : VERDICTS[c.state];
  const items: [string, React.ReactNode][] = [
    ["证书编号", <span key="n" className="font-mono">{c.certificateNo}</span>],
    ["版本", `第 ${c.version} 版`],
    ["持证人", c.name],
    ["证件号码", <span key="i" className="font-mono">{c.maskedId}</span>],
    ["岗位工种", c.tradeName],
    ["发证日期", c.issueDate],
    ["有效期至", c.validUntil],
    ["证书状态", c.stateLabel],
    ["发证机关", c.issuer],
  ];
  if (c.currentToken)
    items.push([
      "当前版本",
      <Link key="cur" href={`/verify/certificate/${c.currentToken}`} className="text-primary underline underline-offset-4">
        查看当前版本证书
      </Link>,
    ]);
  return <VerifyCard title="证书核验" verdict={verdict} items={items} />;
}
