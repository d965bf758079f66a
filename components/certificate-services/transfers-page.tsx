import "server-only";
import Link from "next/link";
import { PlusIcon } from "lucide-react";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import type { SessionUser } from "@/lib/auth/roles";
import { ApplicationsList } from "./applications-list";

/** 证书进京: the applications filed (status 已申请 …, 详细) and 新建申请表. */
export async function TransfersPage({ user, basePath, page }: { user: SessionUser; basePath: string; page: number }) {
  return (
    <>
      <PageHeader
        title="证书进京"
        description="持有外省市相关证书进京工作的从业人员，点击【新建申请表】填写申请，待注册中心审核后发放北京证书。"
        actions={
          <Button asChild>
            <Link href={`${basePath}/new`}>
              <PlusIcon aria-hidden="true" />
              新建申请表
            </Link>
          </Button>
        }
      />
      <h2 className="mb-3 text-lg font-semibold">证书进京申请列表</h2>
      <ApplicationsList user={user} kind="transfer_in" basePath={basePath} page={page} keep={{}} label="证书进京申请列表" empty="还没有证书进京申请" />
    </>
  );
}
