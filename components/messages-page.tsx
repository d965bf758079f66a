import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { StatusBadge } from "@/components/status-badge";
import { MarkReadOnView } from "@/components/mark-read-on-view";
import { Button } from "@/components/ui/button";
import type { SessionUser } from "@/lib/auth/roles";
import { listNotifications } from "@/lib/queries/notifications";
import { formatDateTime } from "@/lib/time";

/**
 * 消息: the account's in-app notifications, newest first, each linking to what it is about. The messages shown
 * are marked read once the page is on screen, so the bell counts only what has not been seen; 全部标为已读
 * covers the other pages too.
 */
export async function MessagesPage({
  user,
  basePath,
  page,
  markAllRead,
  markShownRead,
}: {
  user: SessionUser;
  basePath: string;
  page: number;
  markAllRead: () => Promise<void>;
  markShownRead: (ids: number[]) => Promise<void>;
}) {
  const { rows, total } = await listNotifications(user, page);
  const unreadIds = rows.filter((r) => !r.readAt).map((r) => r.id);
  const unread = unreadIds.length > 0;
  return (
    <>
      <PageHeader
        title="消息"
        description="缴费通知、审核结果、准考证、成绩和证书等消息。"
        actions={
          unread ? (
            <form action={markAllRead}>
              <Button type="submit" variant="outline">
                全部标为已读
              </Button>
            </form>
          ) : null
        }
      />
      <MarkReadOnView ids={unreadIds} action={markShownRead} />
      {rows.length === 0 ? (
        <EmptyState title="暂无消息" />
      ) : (
        <ul className="divide-y rounded-lg border bg-card">
          {rows.map((m) => (
            <li key={m.id} className="flex flex-col gap-1 p-4">
              <div className="flex flex-wrap items-center gap-2">
                {m.readAt ? null : <StatusBadge tone="info">未读</StatusBadge>}
                <h2 className="font-medium">{m.title}</h2>
                <time className="ml-auto text-sm text-muted-foreground" dateTime={m.createdAt.toISOString()}>
                  {formatDateTime(m.createdAt)}
                </time>
              </div>
              <p className="text-sm whitespace-pre-line text-muted-foreground">{m.body}</p>
              {m.link ? (
                <Link href={m.link} className="text-sm text-primary underline underline-offset-4">
                  查看详情
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={20} total={total} basePath={basePath} searchParams={{}} />
    </>
  );
}
