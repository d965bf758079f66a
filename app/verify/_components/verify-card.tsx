import { CircleAlertIcon, CircleCheckIcon } from "lucide-react";
import { cn } from "@/lib/utils";

export type VerifyCardProps = {
  title: string;
  /** null: the link is not genuine. */
  verdict: { ok: boolean; text: string } | null;
  items: [string, React.ReactNode][];
};

/** The public verification result: a verdict in words (not colour alone) and the few facts a verifier needs. */
export function VerifyCard({ title, verdict, items }: VerifyCardProps) {
  return (
    <main id="main" tabIndex={-1} className="outline-none mx-auto flex min-h-dvh max-w-lg flex-col gap-4 p-4 sm:p-8">
      <p className="text-sm text-muted-foreground">建设行业从业人员考务和证书管理系统</p>
      <h1 className="text-xl font-semibold sm:text-2xl">{title}</h1>
      {verdict === null ? (
        <div role="status" className="flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">
          <CircleAlertIcon aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
          <p>核验失败：链接无效或记录不存在。请确认二维码完整清晰，或向注册中心核实。</p>
        </div>
      ) : (
        <>
          <div
            role="status"
            className={cn(
              "flex items-start gap-2 rounded-lg border p-4",
              verdict.ok ? "border-green-200 bg-green-50 text-green-900" : "border-amber-300 bg-amber-50 text-amber-950",
            )}
          >
            {verdict.ok ? <CircleCheckIcon aria-hidden="true" className="mt-0.5 size-5 shrink-0" /> : <CircleAlertIcon aria-hidden="true" className="mt-0.5 size-5 shrink-0" />}
            <p className="font-medium">{verdict.text}</p>
          </div>
          <dl className="divide-y rounded-lg border bg-card">
            {items.map(([label, value]) => (
              <div key={label} className="grid grid-cols-[6.5rem_1fr] gap-2 px-4 py-2.5">
                <dt className="text-sm text-muted-foreground">{label}</dt>
                <dd className="break-words">{value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <p className="text-xs text-muted-foreground">本页面仅显示核验所需信息，证件号码已部分隐藏。</p>
    </main>
  );
}
