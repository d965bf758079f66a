import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/guards";
import { NAV } from "@/lib/nav";

/** The area's entry: its first menu item. */
export default async function Page() {
  await requireRole("trainer");
  redirect(NAV.trainer[0].href);
}
