import "server-only";
import type { DbOrTx } from "@/db/client";
import { certificateApplicationFiles } from "@/db/schema";
import { ActionError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { saveFile } from "@/lib/storage/files";
import { PHOTO_MAX_PIXELS } from "@/lib/photos/normalize";
import { inspectUpload, type UploadRule } from "@/lib/uploads/inspect";
import { sniffScanType } from "./rules";

export const MAX_SCAN_BYTES = 10 * 1024 * 1024;
export const MAX_SCANS = 5;
/** A scan is printed with the application, so an image is held to the photos' pixel limit. */
export const SCAN_UPLOAD_RULE: UploadRule = { accept: ["pdf", "jpeg", "png"], maxBytes: MAX_SCAN_BYTES, maxPixels: PHOTO_MAX_PIXELS };

/** An uploaded supporting scan as the action hands it over. */
export type ScanUpload = { data: Buffer; name: string };

/** Checks every scan before anything is stored, so a bad one refuses the whole form with the file's name. */
export function checkScans(scans: ScanUpload[], field = "scans") {
  if (scans.length > MAX_SCANS) throw new ActionError(`扫描件最多 ${MAX_SCANS} 个`, { [field]: [`扫描件最多 ${MAX_SCANS} 个`] });
  return scans.map((s) => {
    // What the bytes are, the name agreeing with them, the size and an image's pixel count (lib/uploads/inspect.ts).
    const inspected = inspectUpload(s, SCAN_UPLOAD_RULE);
    if (!inspected.ok) throw new ActionError(`扫描件${inspected.error}`, { [field]: [`扫描件${inspected.error}`] });
    return { ...s, ...sniffScanType(s.data)! };
  });
}

export async function attachScans(tx: DbOrTx, user: SessionUser, applicationId: number, personId: number, scans: ReturnType<typeof checkScans>) {
  for (const s of scans) {
    const fileId = await saveFile(tx, {
      data: s.data,
      kind: "attachment",
      contentType: s.contentType,
      ext: s.ext,
      originalName: s.name,
      ownerPersonId: personId,
      uploadedByUserId: user.id,
    });
    await tx.insert(certificateApplicationFiles).values({ applicationId, fileId });
  }
}
