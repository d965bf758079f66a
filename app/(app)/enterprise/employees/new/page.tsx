import { EmployeeForm } from "@/components/employees/employee-form";
import { PageHeader } from "@/components/page-header";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { enterpriseName } from "@/lib/services/employees";
import { createEmployeeAction } from "../actions";

export const metadata = { title: "新增人员" };

export default async function NewEmployeePage() {
  const user = await requireRole("enterprise");
  return (
    <>
      <PageHeader title="新增人员" description="登记本企业人员；证件号码保存后不能修改。" />
      <EmployeeForm mode="new" employerName={await enterpriseName(db, user)} listHref="/enterprise/employees" save={createEmployeeAction} />
    </>
  );
}
