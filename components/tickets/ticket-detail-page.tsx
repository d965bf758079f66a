import "server-only";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { TicketPrintButton } from "@/components/registration/ticket-print-button";
import { TicketView } from "@/components/registration/ticket-view";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { db } from "@/db";
import type { SessionUser } from "@/lib/auth/roles";
import { qrPngDataUrl } from "@/lib/documents/qr";
import { loadTicket } from "@/lib/services/tickets";

/** 详细: one candidate's ticket, within the user's scope (404 otherwise), with 打印 as PDF or Word. */
export async function TicketDetailPage({ user, basePath, id }: { user: SessionUser; basePath: string; id: number }) {
  const t = await loadTicket(db, user, id);
  if (!t.ok && t.notFound) notFound();
  const back = (
    <Button asChild variant="outline">
      <Link href={basePath}>返回</Link>
    </Button>
  );
  if (!t.ok) {
    return (
      <>
        <PageHeader title="准考证" description={t.registration.planName} />
        <Alert className="mb-4">
          <AlertTitle>暂不能打印准考证</AlertTitle>
          <AlertDescription>{t.reason}</AlertDescription>
        </Alert>
        {back}
      </>
    );
  }
  const { photoJpeg, verifyUrl, ...ticket } = t.data;
  void photoJpeg;
  const qr = await qrPngDataUrl(verifyUrl);
  return (
    <>
      <PageHeader
        title="准考证"
        description="请核对各项信息，无误后点击【打印】，选择 PDF 或 Word 格式。"
        actions={
          <>
            <TicketPrintButton href={`/api/tickets/${id}`} />
            {back}
          </>
        }
      />
      <TicketView ticket={ticket} photoUrl={t.registration.photoFileId ? `/api/photos/${t.registration.photoFileId}` : null} qrDataUrl={qr} />
    </>
  );
}
