import { notFound } from "next/navigation";
import { EmployeeForm } from "@/components/employees/employee-form";
import { PageHeader } from "@/components/page-header";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { enterpriseName, getEmployee } from "@/lib/services/employees";
import { isNameLocked, NAME_LOCKED_MESSAGE } from "@/lib/services/persons";
import { EDUCATION_LEVELS } from "@/lib/validations/common";
import { updateEmployeeAction } from "../actions";

export const metadata = { title: "修改人员信息" };

export default async function EditEmployeePage(props: { params: Promise<{ id: string }> }) {
  const user = await requireRole("enterprise");
  const p = await getEmployee(db, user, Number((await props.params).id));
  if (!p) notFound();
  const [employer, locked] = await Promise.all([enterpriseName(db, user), isNameLocked(db, p.id)]);
  const education = (EDUCATION_LEVELS as readonly string[]).includes(p.education ?? "") ? (p.education as (typeof EDUCATION_LEVELS)[number]) : undefined;
  return (
    <>
      <PageHeader title="修改人员信息" description={`${p.name}：所有带红 * 号的为必填项，修改后点击【保存】。`} />
      <EmployeeForm
        mode="edit"
        id={p.id}
        employerName={employer}
        listHref="/enterprise/employees"
        nameLocked={locked ? NAME_LOCKED_MESSAGE : null}
        save={updateEmployeeAction}
        initial={{
          idType: p.idType,
          idNumber: p.idNumber,
          name: p.name,
          gender: p.gender,
          birthDate: p.birthDate ?? "",
          phone: p.phone ?? "",
          email: p.email ?? "",
          education: education as (typeof EDUCATION_LEVELS)[number],
          address: p.address ?? "",
          workStartDate: p.workStartDate ?? "",
        }}
      />
    </>
  );
}
