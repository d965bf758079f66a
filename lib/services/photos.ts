import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { certificates, files, persons, registrations } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { certificateScope, personRecordScope, registrationScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/roles";
import { normalizePhoto, PHOTO_ERRORS, PHOTO_MAX_BYTES, type PhotoCrop } from "@/lib/photos/normalize";
import { inspectUpload, PHOTO_UPLOAD_RULE } from "@/lib/uploads/inspect";
import { readFile, saveFile } from "@/lib/storage/files";


export type PhotoUpload = {
  data: Buffer;
  /** The type and name the browser sent; never trusted, only used to word the refusal. */
  declaredType?: string;
  originalName?: string;
  crop?: PhotoCrop;
};

export type PhotoUploadResult = { ok: true; fileId: string } | { ok: false; error: string };


/**
 * 一寸照片: normalises the upload (EXIF orientation, the chosen crop, 295×413, metadata stripped, JPEG) and
 * stores it. A person's photo belongs to them at once; an organisation's upload belongs to no one until a
 * registration it saves claims it (see claimPhoto), and until then only the uploader can see it.
 */
export async function uploadPhoto(db: Db, actor: SessionUser, upload: PhotoUpload, ip: string | null = null): Promise<PhotoUploadResult> {
  if (upload.data.length > PHOTO_MAX_BYTES) return { ok: false, error: PHOTO_ERRORS.tooLarge };
  if (upload.data.length === 0) return { ok: false, error: PHOTO_ERRORS.empty };
  const inspected = inspectUpload({ name: upload.originalName ?? "照片", type: upload.declaredType, data: upload.data }, PHOTO_UPLOAD_RULE);
  if (!inspected.ok) return inspected;
  const result = await normalizePhoto(upload.data, { crop: upload.crop });
  if (!result.ok) return result;
  const ownerPersonId = actor.role === "person" ? actor.personId : null;
  const fileId = await db.transaction(async (tx) => {
    const id = await saveFile(tx, {
      data: result.jpeg,
      kind: "photo",
      contentType: "image/jpeg",
      ext: "jpg",
      originalName: upload.originalName,
      ownerPersonId,
      uploadedByUserId: actor.id,
    });
    await writeAudit(tx, {
      actor,
      ip,
      action: "photo.uploaded",
      entityType: "file",
      entityId: id,
      summary: `${actor.displayName} 上传了一寸照片`,
    });
    return id;
  });
  return { ok: true, fileId };
}

/**
 * Who may see a photo: admin; the uploader; the person it belongs to; an organisation whose submission or
 * employee it shows; whoever may see the holder of a certificate that carries it. One query, so a list page can check each photo cheaply.
 */
export async function canReadPhoto(db: DbOrTx, user: SessionUser, fileId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) return false;
  const personClause =
    user.role === "person" && user.personId
      ? sql`or ${files.ownerPersonId} = ${user.personId}`
      : sql``;
  const [row] = await db
    .select({ ok: sql<boolean>`true` })
    .from(files)
    .where(
      and(
        eq(files.id, fileId),
        eq(files.kind, "photo"),
        user.role === "admin"
          ? sql`true`
          : sql`(${files.uploadedByUserId} = ${user.id} ${personClause}
              or exists (select 1 from ${registrations} where ${registrations.photoFileId} = ${files.id} and ${registrationScope(user)})
              or exists (select 1 from ${persons} where ${persons.photoFileId} = ${files.id} and ${personRecordScope(user)})
              or exists (select 1 from ${certificates} where ${certificates.photoFileId} = ${files.id} and ${certificateScope(user)}))`,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** The photo's bytes for someone allowed to see it; null when missing or not theirs (the caller answers 404). */
export async function readPhotoFor(db: Db, user: SessionUser, fileId: string) {
  if (!(await canReadPhoto(db, user, fileId))) return null;
  return readFile(db, fileId);
}

/**
 * Checks that a photo may be put on this person's registration, and makes it theirs. The person may use any
 * of their own photos; an organisation only its own uploads (unclaimed, or already on this person) and, for
 * an enterprise, the current photo of its own employee. A training institution never reuses a photo it did not
 * upload: that would let it read the person's stored photo through its registration.
 */
export async function claimPhoto(tx: DbOrTx, actor: SessionUser, fileId: string, personId: number): Promise<boolean> {
  const [f] = await tx
    .select({ owner: files.ownerPersonId, uploader: files.uploadedByUserId })
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.kind, "photo")))
    .limit(1);
  if (!f) return false;
  if (f.owner === personId && (actor.role === "person" || f.uploader === actor.id)) return true;
  if (actor.role === "trainer" && f.uploader !== actor.id) return false;
  if (f.owner === null && f.uploader === actor.id) {
    const claimed = await tx
      .update(files)
      .set({ ownerPersonId: personId })
      .where(and(eq(files.id, fileId), isNull(files.ownerPersonId)))
      .returning({ id: files.id });
    return claimed.length === 1;
  }
  // The person's current photo, kept on their record by an earlier registration.
  const [current] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.id, personId), eq(persons.photoFileId, fileId), personRecordScope(actor)))
    .limit(1);
  return Boolean(current);
}
