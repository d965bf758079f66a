import { TicketDetailPage } from "@/components/tickets/ticket-detail-page";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "准考证" };

export default async function TicketPage(props: { params: Promise<{ id: string }> }) {
  const user = await requireRole("enterprise");
  return <TicketDetailPage user={user} basePath="/enterprise/tickets" id={Number((await props.params).id)} />;
}
