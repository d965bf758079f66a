import { revalidatePath } from "next/cache";
import { MessagesPage } from "@/components/messages-page";
import { requireRole } from "@/lib/auth/guards";
import { markNotificationsRead } from "@/lib/queries/notifications";

export const metadata = { title: "消息" };

export default async function Page(props: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireRole("person");
  const page = Math.max(1, Number((await props.searchParams).page) || 1);
  async function markAllRead() {
    "use server";
    const me = await requireRole("person");
    await markNotificationsRead(me, "all");
    revalidatePath("/person", "layout");
  }
  return <MessagesPage user={user} basePath="/person/messages" page={page} markAllRead={markAllRead} />;
}
