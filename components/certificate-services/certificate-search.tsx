import "server-only";
import { SearchForm } from "@/components/search-form";
import { NativeSelect } from "@/components/native-select";
import { Field, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { db } from "@/db";
import { listTrades } from "@/lib/queries/plans";
import type { SessionUser } from "@/lib/auth/roles";
import { searchRenewableCertificates } from "@/lib/services/certificate-applications/renewal";
import { renewalSearchSchema } from "@/lib/validations/certificate-applications";

export type CertificateQuery = Record<string, string | string[] | undefined>;

/** The query of a 续期 / 变更 certificate search, read from the URL (bad values are dropped, not fatal). */
export function readCertificateQuery(sp: CertificateQuery) {
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k][0] : sp[k]) || undefined;
  const raw = { name: one("name"), idNumber: one("idNumber"), tradeId: one("tradeId"), expiringWithinDays: one("days"), page: one("page") };
  const parsed = renewalSearchSchema.safeParse(raw);
  const q = parsed.success ? parsed.data : {};
  return { q, keep: { name: q.name, idNumber: q.idNumber, tradeId: q.tradeId ? String(q.tradeId) : undefined, days: q.expiringWithinDays != null ? String(q.expiringWithinDays) : undefined } };
}

export const PICK_PAGE_SIZE = 20;

/** Certificates in the user's scope, one page, each with why it cannot be renewed (null when it can). */
export async function findCertificates(user: SessionUser, sp: CertificateQuery) {
  const { q, keep } = readCertificateQuery(sp);
  const [found, trades] = await Promise.all([searchRenewableCertificates(db, user, { ...q, pageSize: PICK_PAGE_SIZE }), listTrades(db)]);
  return { ...found, trades, page: q.page ?? 1, keep };
}

/** 姓名、证件号码、岗位工种、到期天数: a GET form, so the search lives in the URL. */
export function CertificateSearch({ basePath, keep, trades, person }: { basePath: string; keep: Record<string, string | undefined>; trades: { id: number; name: string }[]; person?: boolean }) {
  return (
    <SearchForm resetHref={basePath} label="证书查询">
      {person ? null : (
        <>
          <Field>
            <FieldLabel htmlFor="q-name">姓名</FieldLabel>
            <Input id="q-name" name="name" maxLength={50} defaultValue={keep.name ?? ""} />
          </Field>
          <Field>
            <FieldLabel htmlFor="q-id">证件号码</FieldLabel>
            <Input id="q-id" name="idNumber" maxLength={20} defaultValue={keep.idNumber ?? ""} placeholder="输入开头几位即可" />
          </Field>
        </>
      )}
      <Field>
        <FieldLabel htmlFor="q-trade">岗位工种</FieldLabel>
        <NativeSelect id="q-trade" name="tradeId" defaultValue={keep.tradeId ?? ""}>
          <option value="">全部</option>
          {trades.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field>
        <FieldLabel htmlFor="q-days">到期天数（天内）</FieldLabel>
        <Input id="q-days" name="days" type="number" min={0} max={3650} inputMode="numeric" defaultValue={keep.days ?? ""} placeholder="如：180" />
      </Field>
    </SearchForm>
  );
}
