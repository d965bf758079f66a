import "server-only";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { db } from "@/db";
import type { SessionUser } from "@/lib/auth/roles";
import { ID_TYPE_LABELS } from "@/lib/identity/chinese-id";
import { listTrades } from "@/lib/queries/plans";
import { getOwnPerson } from "@/lib/services/persons";
import { TRANSFER_NOTICE } from "@/lib/services/certificate-applications/transfer-in";
import { TransferForm, type LookupTransfer, type SaveTransfer } from "./transfer-form";

/** 新建申请表 (证书进京) with the 格式说明 above it; a person's own ID is filled in (they apply for themself only). */
export async function TransferFormPage({ user, basePath, save, lookup }: { user: SessionUser; basePath: string; save: SaveTransfer; lookup: LookupTransfer }) {
  const [trades, me] = await Promise.all([listTrades(db), user.role === "person" ? getOwnPerson(db, user) : null]);
  return (
    <>
      <PageHeader
        title="证书进京申请表"
        actions={
          <Button asChild variant="outline">
            <Link href={basePath}>返回</Link>
          </Button>
        }
      />
      <section aria-labelledby="format-notes" className="mb-4 rounded-lg border border-blue-200 bg-blue-50 p-4 text-sm text-blue-950">
        <h2 id="format-notes" className="mb-2 font-semibold">
          格式说明
        </h2>
        <ol className="space-y-1 leading-relaxed">
          {TRANSFER_NOTICE.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ol>
      </section>
      <TransferForm
        basePath={basePath}
        trades={trades.map((t) => ({ value: String(t.id), label: t.name }))}
        idTypes={Object.entries(ID_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
        self={me ? { idType: me.idType, idNumber: me.idNumber, name: me.name, gender: me.gender, birthDate: me.birthDate ?? "" } : null}
        save={save}
        lookup={lookup}
      />
    </>
  );
}
