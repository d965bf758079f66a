import { bulkTicketsStatusAction, startBulkTicketsAction } from "@/app/(app)/_shared/bulk-ticket-actions";
import { searchPlansAction } from "@/app/(app)/_shared/plan-actions";
import { BulkTickets } from "@/components/tickets/bulk-tickets";
import { TicketListPage, type TicketListSearch } from "@/components/tickets/ticket-list-page";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { latestTicketJob, seatedSubmissions } from "@/lib/queries/document-jobs";
import { planNames } from "@/lib/queries/plans";

export const metadata = { title: "打印准考证" };

export default async function TicketsPage(props: { searchParams: Promise<TicketListSearch> }) {
  const user = await requireRole("enterprise");
  const sp = await props.searchParams;
  const planId = Number(sp.planId) || 0;
  const [names, seated, job] = planId ? await Promise.all([planNames(db, [planId]), seatedSubmissions(db, user, planId), latestTicketJob(db, user, planId)]) : [new Map<number, string>(), 0, null];
  return (
    <TicketListPage
      user={user}
      basePath="/enterprise/tickets"
      searchParams={sp}
      searchPlans={searchPlansAction}
      bulk={(id) => <BulkTickets key={id} planId={id} planName={names.get(id) ?? ""} seated={seated} initial={job} start={startBulkTicketsAction} poll={bulkTicketsStatusAction} />}
    />
  );
}
