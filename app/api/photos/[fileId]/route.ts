import { db } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { readPhotoFor } from "@/lib/services/photos";
import { answeringUnavailable } from "@/lib/http/unavailable";

/** A stored one-inch photo, only for those allowed to see it (see canReadPhoto); 404 for everyone else. */
async function handleGet(_request: Request, props: { params: Promise<{ fileId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response("登录已失效，请重新登录", { status: 401, headers: { "cache-control": "no-store" } });
  const { fileId } = await props.params;
  const photo = await readPhotoFor(db, user, fileId);
  if (!photo) return new Response("照片不存在", { status: 404, headers: { "cache-control": "private, no-store" } });
  return new Response(new Uint8Array(photo.data), {
    headers: {
      "content-type": photo.contentType,
      "content-length": String(photo.data.length),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "content-disposition": "inline",
    },
  });
}

export const GET = answeringUnavailable(handleGet);
