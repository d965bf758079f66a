import "server-only";
import { PageHeader } from "@/components/page-header";
import type { ActionResult } from "@/lib/actions";
import type { SessionUser } from "@/lib/auth/roles";
import { ApplicationsList } from "./applications-list";
import { CertificatePicker } from "./certificate-picker";
import { CertificateSearch, findCertificates, PICK_PAGE_SIZE, type CertificateQuery } from "./certificate-search";

type RenewAction = (input: { certificateIds: number[] }) => Promise<ActionResult<{ batchNo: string | null; refused: { certificateId?: number; certificateNo?: string; reason: string }[] }>>;

/** 申请证书续期 for every role that may apply: find, tick, 申请; below, the submitted applications. */
export async function RenewalsPage({ user, basePath, searchParams, renew }: { user: SessionUser; basePath: string; searchParams: CertificateQuery; renew: RenewAction }) {
  const found = await findCertificates(user, searchParams);
  const appPage = Math.max(1, Number(searchParams.apage) || 1);
  const person = user.role === "person";
  return (
    <>
      <PageHeader
        title="申请证书续期"
        description={person ? "查找到需要续期的证书，勾选后点击【申请】。" : "通过姓名、证件号码等条件查找到相关人员的证书，勾选后点击【申请】，可以批量申请。"}
      />
      <CertificateSearch basePath={basePath} keep={found.keep} trades={found.trades} person={person} />
      <section aria-labelledby="renew-certs" className="mb-10">
        <h2 id="renew-certs" className="mb-3 text-lg font-semibold">
          证书列表
        </h2>
        <CertificatePicker
          label="可申请续期的证书"
          renew={renew}
          rows={found.rows.map((r) => ({ ...r, blocked: r.refusal }))}
          pagination={{ page: found.page, pageSize: PICK_PAGE_SIZE, total: found.total, basePath, searchParams: { ...found.keep, apage: appPage > 1 ? String(appPage) : undefined } }}
        />
      </section>
      <section aria-labelledby="renew-apps">
        <h2 id="renew-apps" className="mb-3 text-lg font-semibold">
          续期申请记录
        </h2>
        <ApplicationsList user={user} kind="renewal" basePath={basePath} page={appPage} pageParam="apage" keep={{ ...found.keep, page: found.page > 1 ? String(found.page) : undefined }} label="续期申请记录" empty="还没有续期申请" />
      </section>
    </>
  );
}
