import { signOut } from "@/auth";
import { AppShell } from "@/components/app-shell";
import { requireRole } from "@/lib/auth/guards";
import { ROLE_HOME, ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { NAV } from "@/lib/nav";
import { unreadCount } from "@/lib/queries/notifications";

/** The signed-in shell of one role's area; refuses (403) anyone of another role. */
export async function RoleShell({ role, children }: { role: Role; children: React.ReactNode }) {
  const user = await requireRole(role);
  const unread = await unreadCount(user);
  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/login" });
  }
  return (
    <AppShell
      title="建设行业从业人员考务和证书管理系统"
      roleLabel={ROLE_LABELS[role]}
      userName={user.displayName}
      nav={NAV[role]}
      signOutAction={signOutAction}
      unreadCount={unread}
      messagesHref={role === "admin" ? undefined : `${ROLE_HOME[role]}/messages`}
    >
      {children}
    </AppShell>
  );
}
