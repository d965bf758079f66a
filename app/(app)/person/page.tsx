import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/guards";
import { NAV } from "@/lib/nav";

/** The area's entry: its first menu item. */
export default async function Page() {
  await requireRole("person");
  redirect(NAV.person[0].href);
}
