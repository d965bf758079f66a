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
    return <MessagesPage user={user} basePath={`/${role}/messages`} page={page} markAllRead={markAllRead} />;
  };
}
