import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { notificationTarget } from "@/lib/services/notification-links";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** A message's link to a registration (or its ticket with ?to=ticket): the reader's own page for it. */
async function handleGet(request: Request, props: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  const id = Number((await props.params).id) || 0;
  const ticket = new URL(request.url).searchParams.get("to") === "ticket";
  redirect(notificationTarget(user.role, ticket ? { kind: "ticket", id } : { kind: "registration", id }));
}

export const GET = answeringUnavailable(handleGet);
