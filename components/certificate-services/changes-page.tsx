import "server-only";
import { PageHeader } from "@/components/page-header";
import type { SessionUser } from "@/lib/auth/roles";
import { ApplicationsList } from "./applications-list";
import { CertificatePicker } from "./certificate-picker";
import { CertificateSearch, findCertificates, PICK_PAGE_SIZE, type CertificateQuery } from "./certificate-search";

/**
 * 申请证书变更: find the certificates, tick one (a person) or several people (an enterprise or a training
 * institution), 申请 opens the 证书变更申请表; below, the change applications with 原值 → 新值 and status.
 */
export async function ChangesPage({ user, basePath, searchParams }: { user: SessionUser; basePath: string; searchParams: CertificateQuery }) {
  const found = await findCertificates(user, searchParams);
  const appPage = Math.max(1, Number(searchParams.apage) || 1);
  const person = user.role === "person";
  return (
    <>
      <PageHeader
        title={person ? "申请变更证书" : "申请证书变更"}
        description={
          person
            ? "查找到本人需要变更的证书，勾选后点击【申请】，进入证书变更申请表。"
            : "通过条件查找到相关人员的证书，勾选后点击【申请】进入证书变更申请表；可以同时勾选多人批量申请。"
        }
      />
      <CertificateSearch basePath={basePath} keep={found.keep} trades={found.trades} person={person} />
      <section aria-labelledby="change-certs" className="mb-10">
        <h2 id="change-certs" className="mb-3 text-lg font-semibold">
          证书列表
        </h2>
        <CertificatePicker
          label="可申请变更的证书"
          changeHref={`${basePath}/new`}
          single={person}
          rows={found.rows.map((r) => ({ ...r, blocked: r.status === "revoked" ? "证书已注销，不能变更" : null }))}
          pagination={{ page: found.page, pageSize: PICK_PAGE_SIZE, total: found.total, basePath, searchParams: { ...found.keep, apage: appPage > 1 ? String(appPage) : undefined } }}
        />
      </section>
      <section aria-labelledby="change-apps">
        <h2 id="change-apps" className="mb-3 text-lg font-semibold">
          变更申请记录
        </h2>
        <ApplicationsList
          user={user}
          kind="change"
          basePath={basePath}
          page={appPage}
          pageParam="apage"
          keep={{ ...found.keep, page: found.page > 1 ? String(found.page) : undefined }}
          label="变更申请记录"
          empty="还没有变更申请"
        />
      </section>
    </>
  );
}
