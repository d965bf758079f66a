import { ChangesPage } from "@/components/certificate-services/changes-page";
import { requireRole } from "@/lib/auth/guards";

// The practitioner's menu item, as the manual names it (an enterprise's and a trainer's is 申请证书变更).
export const metadata = { title: "申请变更证书" };

export default async function Page(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("person");
  return <ChangesPage user={user} basePath="/person/changes" searchParams={await props.searchParams} />;
}
