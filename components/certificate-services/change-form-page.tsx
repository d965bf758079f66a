import "server-only";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { db } from "@/db";
import type { EmployerLookup } from "@/components/form-fields";
import type { SessionUser } from "@/lib/auth/roles";
import { ID_TYPE_LABELS } from "@/lib/identity/chinese-id";
import { CHANGE_NOTICE } from "@/lib/services/certificate-applications/change";
import { loadChangeTargets } from "@/lib/services/certificate-applications/change-targets";
import { ChangeForm, type SaveChange } from "./change-form";

/** 证书变更申请表 for the certificates ticked on the list (`?ids=1,2`), each with its current values. */
export async function ChangeFormPage({
  user,
  basePath,
  searchParams,
  save,
  lookup,
}: {
  user: SessionUser;
  basePath: string;
  searchParams: Record<string, string | string[] | undefined>;
  save: SaveChange;
  lookup: EmployerLookup;
}) {
  const raw = Array.isArray(searchParams.ids) ? searchParams.ids.join(",") : (searchParams.ids ?? "");
  const ids = raw.split(",").map(Number);
  // A person files one certificate per form (the list lets them tick one).
  const targets = (await loadChangeTargets(db, user, ids)).slice(0, user.role === "person" ? 1 : 200);
  return (
    <>
      <PageHeader
        title="证书变更申请表"
        description="填写变更之前请点击“申请须知”查看变更需注意的相关条款；对比原信息，只填写需要变更的项目，完成后点击【保存】。"
        actions={
          <Button asChild variant="outline">
            <Link href={basePath}>返回</Link>
          </Button>
        }
      />
      {targets.length === 0 ? (
        <EmptyState title="没有找到要变更的证书" description="请回到申请证书变更页面，勾选证书后点击【申请】。" />
      ) : (
        <ChangeForm
          basePath={basePath}
          notice={CHANGE_NOTICE}
          targets={targets}
          idTypes={Object.entries(ID_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
          save={save}
          lookup={lookup}
        />
      )}
    </>
  );
}
