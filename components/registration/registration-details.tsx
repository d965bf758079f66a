import { ID_TYPE_LABELS } from "@/lib/identity/chinese-id";
import { formatDateTime } from "@/lib/time";

export type RegistrationDetailsProps = {
  registration: {
    registrationNo: string;
    planName: string;
    tradeName: string;
    personName: string;
    gender: "M" | "F";
    idType: keyof typeof ID_TYPE_LABELS;
    /** Full for the person themself; callers mask it for other audiences. */
    idNumber: string;
    employerName: string;
    employerCode: string | null;
    workStartDate: string;
    yearsOfWork: number;
    resume: { period: string; employer: string; post: string }[];
    employerOpinion: string;
    submittedAt: Date;
    photoUrl: string | null;
  };
};

function Item({ label, children, wide }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="mt-0.5 break-words">{children || "—"}</dd>
    </div>
  );
}

/** The registration form as read-only text: the detail view every role shows for one registration. */
export function RegistrationDetails({ registration: r }: RegistrationDetailsProps) {
  return (
    <section aria-labelledby="form-title" className="rounded-lg border bg-card p-4">
      <h2 id="form-title" className="mb-4 font-semibold">
        报名表
      </h2>
      <div className="flex flex-col-reverse gap-6 sm:flex-row sm:items-start">
        <dl className="grid flex-1 gap-4 sm:grid-cols-2">
          <Item label="报名号">
            <span className="font-mono">{r.registrationNo}</span>
          </Item>
          <Item label="提交时间">{formatDateTime(r.submittedAt)}</Item>
          <Item label="考试计划" wide>
            {r.planName}
          </Item>
          <Item label="报考岗位">{r.tradeName}</Item>
          <Item label="姓名">{r.personName}</Item>
          <Item label="性别">{r.gender === "M" ? "男" : "女"}</Item>
          <Item label={ID_TYPE_LABELS[r.idType]}>
            <span className="font-mono">{r.idNumber}</span>
          </Item>
          <Item label="聘用单位" wide>
            {r.employerName}
          </Item>
          <Item label="组织机构代码 / 统一社会信用代码">{r.employerCode}</Item>
          <Item label="参加工作时间">{r.workStartDate}</Item>
          <Item label="从事工作年限">{`${r.yearsOfWork} 年`}</Item>
          <Item label="聘用单位意见" wide>
            <span className="whitespace-pre-line">{r.employerOpinion}</span>
          </Item>
        </dl>
        <figure className="shrink-0">
          {r.photoUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- a private photo behind a session check
            <img src={r.photoUrl} alt={`${r.personName}的一寸照片`} width={118} height={165} className="rounded border" />
          ) : (
            <div className="flex h-[165px] w-[118px] items-center justify-center rounded border text-sm text-muted-foreground">无照片</div>
          )}
          <figcaption className="mt-1 text-center text-xs text-muted-foreground">一寸照片</figcaption>
        </figure>
      </div>
      <h3 className="mt-6 mb-2 text-sm font-semibold">个人简历</h3>
      {r.resume.length === 0 ? (
        <p className="text-sm text-muted-foreground">未填写</p>
      ) : (
        <ul className="grid gap-2 text-sm">
          {r.resume.map((e, i) => (
            <li key={i} className="grid gap-1 rounded-md border p-2 sm:grid-cols-[10rem_1fr_8rem] sm:gap-3">
              <span className="font-mono">{e.period}</span>
              <span>{e.employer}</span>
              <span>{e.post}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
