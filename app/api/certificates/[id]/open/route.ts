import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { notificationTarget } from "@/lib/services/notification-links";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** A message's link to a certificate: the reader's own page for it. */
async function handleGet(_request: Request, props: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  redirect(notificationTarget(user.role, { kind: "certificate", id: Number((await props.params).id) || 0 }));
}

export const GET = answeringUnavailable(handleGet);
