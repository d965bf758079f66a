import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { notificationTarget } from "@/lib/services/notification-links";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** A message's link to a plan's published results: the reader's own results page for that plan. */
async function handleGet(request: Request) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  const planId = Number(new URL(request.url).searchParams.get("planId")) || 0;
  redirect(notificationTarget(user.role, { kind: "results", planId }));
}

export const GET = answeringUnavailable(handleGet);
