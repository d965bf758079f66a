import { NextResponse } from "next/server";
import { db } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { BodyTooLarge, isSameOrigin, readBodyCapped } from "@/lib/http/request-guards";
import { NOT_SIGNED_IN, NO_PERMISSION } from "@/lib/actions";
import { PHOTO_ERRORS, PHOTO_MAX_BYTES } from "@/lib/photos/normalize";
import { clientIp } from "@/lib/request-context";
import { uploadPhoto } from "@/lib/services/photos";
import { photoCropSchema } from "@/lib/validations/registration";
import { answeringUnavailable } from "@/lib/http/unavailable";

const noStore = { "cache-control": "private, no-store" };
const fail = (error: string, status: number) => NextResponse.json({ ok: false, error }, { status, headers: noStore });

/**
 * 上传一寸照片: multipart `file` (+ optional `crop` as JSON fractions). Answers with the stored photo's id;
 * the form shows /api/photos/<id> as the result before the registration is saved.
 */
async function handlePost(request: Request) {
  const user = await getCurrentUser();
  if (!user) return fail(NOT_SIGNED_IN, 401);
  if (user.role === "person" && !user.personId) return fail(NO_PERMISSION, 403);
  if (!isSameOrigin(request)) return fail(NO_PERMISSION, 403);

  // A hard cap while reading (the multipart envelope adds a little on top of the file), also without Content-Length.
  let form: FormData;
  try {
    const body = await readBodyCapped(request, PHOTO_MAX_BYTES + 64 * 1024);
    form = await new Response(new Uint8Array(body), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch (e) {
    if (e instanceof BodyTooLarge) return fail(PHOTO_ERRORS.tooLarge, 413);
    return fail(PHOTO_ERRORS.empty, 400);
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return fail(PHOTO_ERRORS.empty, 400);
  if (file.size > PHOTO_MAX_BYTES) return fail(PHOTO_ERRORS.tooLarge, 413);

  let crop;
  const rawCrop = form.get("crop");
  if (typeof rawCrop === "string" && rawCrop) {
    let json: unknown;
    try {
      json = JSON.parse(rawCrop);
    } catch {
      json = null;
    }
    const parsed = photoCropSchema.safeParse(json);
    if (!parsed.success) return fail("裁剪区域无效，请重新选择", 400);
    crop = parsed.data;
  }

  const result = await uploadPhoto(
    db,
    user,
    { data: Buffer.from(await file.arrayBuffer()), declaredType: file.type, originalName: file.name, crop },
    await clientIp(),
  );
  if (!result.ok) return fail(result.error, 422);
  return NextResponse.json({ ok: true, fileId: result.fileId, url: `/api/photos/${result.fileId}` }, { headers: noStore });
}

export const POST = answeringUnavailable(handlePost);
