import { PageHeader } from "@/components/page-header";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { ID_TYPE_LABELS } from "@/lib/identity/chinese-id";
import { getOwnPerson, isNameLocked, NAME_LOCKED_MESSAGE } from "@/lib/services/persons";
import { EDUCATION_LEVELS } from "@/lib/validations/common";
import { ProfileForm } from "./_components/profile-form";

export const metadata = { title: "个人信息维护" };

export default async function ProfilePage() {
  const user = await requireRole("person");
  const p = await getOwnPerson(db, user);
  const nameLocked = await isNameLocked(db, p.id);
  const education = (EDUCATION_LEVELS as readonly string[]).includes(p.education ?? "") ? (p.education as (typeof EDUCATION_LEVELS)[number]) : undefined;
  return (
    <>
      <PageHeader title="个人信息维护" description="维护本人的联系方式、学历和工作单位等信息。" />
      <ProfileForm
        readOnly={{
          idTypeLabel: ID_TYPE_LABELS[p.idType],
          idNumber: p.idNumber,
          gender: p.gender === "M" ? "男" : "女",
          birthDate: p.birthDate ?? "",
          nameLocked: nameLocked ? NAME_LOCKED_MESSAGE : null,
        }}
        initial={{
          name: p.name,
          phone: p.phone ?? "",
          email: p.email ?? "",
          education: education as (typeof EDUCATION_LEVELS)[number],
          address: p.address ?? "",
          employerName: p.employerName ?? "",
          employerCode: "",
          workStartDate: p.workStartDate ?? "",
        }}
      />
    </>
  );
}
