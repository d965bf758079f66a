import { TransfersPage } from "@/components/certificate-services/transfers-page";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "证书进京" };

export default async function Page(props: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireRole("person");
  return <TransfersPage user={user} basePath="/person/transfers" page={Math.max(1, Number((await props.searchParams).page) || 1)} />;
}
