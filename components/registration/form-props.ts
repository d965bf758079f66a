import "server-only";
import { ID_TYPE_LABELS } from "@/lib/identity/chinese-id";
import { formatDateTime } from "@/lib/time";
import { formatYuan } from "@/lib/format";
import type { RegistrationFormPerson, RegistrationFormPlan } from "./registration-form";

/** The props of the shared registration form, from the rows the registration pages load. */
export function formPerson(p: { id: number; name: string; idType: keyof typeof ID_TYPE_LABELS; idNumber: string; gender: "M" | "F" }): RegistrationFormPerson {
  return { id: p.id, name: p.name, idTypeLabel: ID_TYPE_LABELS[p.idType], idNumber: p.idNumber, gender: p.gender === "M" ? "男" : "女" };
}

export function formPlan(p: {
  id: number;
  name: string;
  tradeName: string;
  minWorkYears: number;
  registrationStartAt: Date;
  registrationEndAt: Date;
  feeCents: number;
}): RegistrationFormPlan {
  return {
    id: p.id,
    name: p.name,
    tradeName: p.tradeName,
    minWorkYears: p.minWorkYears,
    registrationWindow: `${formatDateTime(p.registrationStartAt)} 至 ${formatDateTime(p.registrationEndAt)}`,
    feeText: formatYuan(p.feeCents),
  };
}
