import { ChangesPage } from "@/components/certificate-services/changes-page";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "申请证书变更" };

export default async function Page(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("trainer");
  return <ChangesPage user={user} basePath="/trainer/changes" searchParams={await props.searchParams} />;
}
