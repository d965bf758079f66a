import { CertificateDetailPage } from "@/components/certificates/certificate-detail-page";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "证书详细" };

export default async function CertificatePage(props: { params: Promise<{ id: string }> }) {
  const user = await requireRole("person");
  return <CertificateDetailPage user={user} basePath="/person/certificates" id={Number((await props.params).id)} />;
}
