import { db } from "@/db";
import { renderRegistrationFormPdf } from "@/lib/documents/registration-form-pdf";
import { getCurrentUser } from "@/lib/auth/current-user";
import { loadRegistrationForm } from "@/lib/services/registrations";
import { attachment, notFoundResponse, unauthorized } from "@/lib/download-response";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** 打印: the registration form as an A4 PDF, for whoever may see the registration. */
async function handleGet(_request: Request, props: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return unauthorized();
  const data = await loadRegistrationForm(db, user, Number((await props.params).id));
  if (!data) return notFoundResponse("报名记录不存在");
  const pdf = await renderRegistrationFormPdf(data);
  return attachment(pdf, "application/pdf", `报名表-${data.registrationNo}.pdf`, { inline: true });
}

export const GET = answeringUnavailable(handleGet);
