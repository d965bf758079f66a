import { revalidatePath } from "next/cache";
import { MessagesPage } from "@/components/messages-page";
import { requireRole } from "@/lib/auth/guards";
import type { Role } from "@/lib/auth/roles";
import { markNotificationsRead } from "@/lib/queries/notifications";

/** The 消息 page of a role area: the same page for every role, each seeing only its own messages. */
export function messagesRoute(role: Role) {
  return async function Page(props: { searchParams: Promise<{ page?: string }> }) {
    const user = await requireRole(role);
    const page = Math.max(1, Number((await props.searchParams).page) || 1);
    async function markAllRead() {
      "use server";
      const me = await requireRole(role);
      await markNotificationsRead(me, "all");
      revalidatePath(`/${role}`, "layout");
    }
    async function markShownRead(ids: number[]) {
      "use server";
      const me = await requireRole(role);
      // Only ids from this account's inbox are touched (markNotificationsRead scopes them).
      const valid = Array.isArray(ids) ? ids.filter((id) => Number.isSafeInteger(id) && id > 0).slice(0, 100) : [];
      if (valid.length === 0) return;
      await markNotificationsRead(me, valid);
      revalidatePath(`/${role}`, "layout");
    }
    return <MessagesPage user={user} basePath={`/${role}/messages`} page={page} markAllRead={markAllRead} markShownRead={markShownRead} />;
  };
}
