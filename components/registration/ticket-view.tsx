import type { TicketData } from "@/lib/documents/types";

export type TicketViewProps = {
  ticket: Omit<TicketData, "photoJpeg" | "verifyUrl">;
  photoUrl: string | null;
  /** The verification QR as a data URL. */
  qrDataUrl: string;
};

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_1fr] border-b last:border-b-0">
      <dt className="bg-muted px-3 py-2 text-sm font-medium">{label}</dt>
      <dd className="px-3 py-2 break-words">{children}</dd>
    </div>
  );
}

/** 准考证 on screen, laid out like the printed one, for the candidate to check before printing. */
export function TicketView({ ticket: t, photoUrl, qrDataUrl }: TicketViewProps) {
  return (
    <article aria-labelledby="ticket-title" className="mx-auto max-w-3xl rounded-lg border bg-card p-4 sm:p-6">
      <header className="mb-4 text-center">
        <p className="font-medium">{t.planName}</p>
        <h2 id="ticket-title" className="text-2xl font-bold tracking-[0.3em]">
          准考证
        </h2>
      </header>
      <div className="overflow-hidden rounded-md border">
        <div className="flex flex-col-reverse sm:flex-row">
          <dl className="flex-1">
            <Row label="准考证号">
              <span className="font-mono text-lg font-semibold">{t.ticketNo}</span>
            </Row>
            <Row label="姓名">{t.name}</Row>
            <Row label="性别">{t.gender}</Row>
            <Row label="证件号码">
              <span className="font-mono">{t.idNumber}</span>
              <span className="ml-2 text-xs text-muted-foreground">{t.idType}</span>
            </Row>
            <Row label="报考岗位">{t.tradeName}</Row>
          </dl>
          <div className="flex items-center justify-center border-b p-3 sm:border-b-0 sm:border-l">
            {photoUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- a private photo behind a session check
              <img src={photoUrl} alt={`${t.name}的照片`} width={100} height={140} className="border" />
            ) : (
              <div className="flex h-[140px] w-[100px] items-center justify-center border text-sm text-muted-foreground">照片</div>
            )}
          </div>
        </div>
        <dl className="border-t">
          <Row label="考试名称">{t.planName}</Row>
          <Row label="考试日期">{t.examDate}</Row>
          <Row label="考试时间">{t.examTime}</Row>
          <Row label="考点">{t.venueName}</Row>
          <Row label="考点地址">{t.venueAddress}</Row>
          <Row label="考场">{t.roomName}</Row>
          <Row label="座位号">{t.seatNo}</Row>
        </dl>
      </div>
      <div className="mt-4 flex flex-col gap-4 sm:flex-row">
        <section aria-labelledby="notes-title" className="flex-1 rounded-md border p-3">
          <h3 id="notes-title" className="mb-1 font-semibold">
            考生须知
          </h3>
          <p className="text-sm whitespace-pre-line">{t.notes}</p>
        </section>
        <figure className="flex flex-col items-center">
          {/* eslint-disable-next-line @next/next/no-img-element -- generated data URL */}
          <img src={qrDataUrl} alt="准考证核验二维码" width={112} height={112} />
          <figcaption className="text-xs text-muted-foreground">扫码核验准考证</figcaption>
        </figure>
      </div>
      <p className="mt-4 text-right font-semibold">{t.issuer}</p>
    </article>
  );
}
