import { searchPlansAction } from "@/app/(app)/_shared/plan-actions";
import { TicketListPage, type TicketListSearch } from "@/components/tickets/ticket-list-page";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "打印准考证" };

export default async function TicketsPage(props: { searchParams: Promise<TicketListSearch> }) {
  const user = await requireRole("person");
  return <TicketListPage user={user} basePath="/person/tickets" searchParams={await props.searchParams} searchPlans={searchPlansAction} />;
}
