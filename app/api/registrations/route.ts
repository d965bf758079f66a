import { NextResponse } from "next/server";
import { db } from "@/db";
import { invalidInput, NOT_SIGNED_IN, NO_PERMISSION, refusedText } from "@/lib/actions";
import { AccessDenied, ActionError } from "@/lib/errors";
import { getCurrentUser } from "@/lib/auth/current-user";
import { BodyTooLarge, isSameOrigin, readBodyCapped } from "@/lib/http/request-guards";
import { isServiceUnavailable, SERVICE_UNAVAILABLE } from "@/lib/http/unavailable";
import { clientIp } from "@/lib/request-context";
import { submitRegistration } from "@/lib/services/registrations";
import { registrationSchema } from "@/lib/validations/registration";
import { findTextProblem } from "@/lib/validations/text-guard";

const noStore = { "cache-control": "private, no-store" };
const MAX_BODY_BYTES = 64 * 1024; // a registration is a few hundred bytes of JSON

/**
 * 报名 as JSON, for scripts and clients that are not the web form: the same submitRegistration the form's
 * server action runs, with the same scope rules and answers in the one result shape.
 */
export async function POST(request: Request) {
  try {
    return await submit(request);
  } catch (e) {
    // The database unreachable (restarting, failing over): the same answer shape, 503, instead of a bare 500.
    if (isServiceUnavailable(e)) return NextResponse.json({ ok: false, error: SERVICE_UNAVAILABLE }, { status: 503, headers: { ...noStore, "retry-after": "10" } });
    throw e;
  }
}

async function submit(request: Request) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ ok: false, error: NOT_SIGNED_IN }, { status: 401, headers: noStore });
  if (user.role === "admin") return NextResponse.json({ ok: false, error: NO_PERMISSION }, { status: 403, headers: noStore });
  // JSON only: a cross-site HTML form cannot send it without a CORS preflight, which this route never grants.
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    return NextResponse.json({ ok: false, error: "请以 JSON 提交" }, { status: 415, headers: noStore });
  }
  // Scripts send no Origin; a browser always does, and then it must be this site.
  if (request.headers.has("origin") && !isSameOrigin(request)) {
    return NextResponse.json({ ok: false, error: NO_PERMISSION }, { status: 403, headers: noStore });
  }
  let body: unknown = null;
  try {
    body = JSON.parse((await readBodyCapped(request, MAX_BODY_BYTES)).toString("utf8"));
  } catch (e) {
    if (e instanceof BodyTooLarge) return NextResponse.json({ ok: false, error: "提交的内容过大" }, { status: 413, headers: noStore });
  }
  // The forms' text rule (defineAction): invalid UTF-8 in the body (decoded to U+FFFD), control and invisible
  // characters (JSON.parse has decoded their escapes), a field over the length limit.
  const bad = findTextProblem(body);
  if (bad) return NextResponse.json(refusedText(bad), { status: 400, headers: noStore });
  const parsed = registrationSchema.safeParse(body);
  if (!parsed.success) return NextResponse.json(invalidInput(parsed.error), { status: 400, headers: noStore });
  try {
    const r = await submitRegistration(db, user, parsed.data, { ip: await clientIp() });
    return NextResponse.json({ ok: true, data: r, message: `报名成功，报名号为 ${r.registrationNo}` }, { status: 201, headers: noStore });
  } catch (e) {
    if (e instanceof ActionError) return NextResponse.json({ ok: false, error: e.message, fieldErrors: e.fieldErrors }, { status: 422, headers: noStore });
    if (e instanceof AccessDenied) return NextResponse.json({ ok: false, error: e.message }, { status: 403, headers: noStore });
    throw e;
  }
}
