import "server-only";
import type { DbOrTx } from "@/db/client";
import { certificateApplicationFiles } from "@/db/schema";
import { ActionError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { saveFile } from "@/lib/storage/files";
import { sniffScanType } from "./rules";

export const MAX_SCAN_BYTES = 10 * 1024 * 1024;
export const MAX_SCANS = 5;

/** An uploaded supporting scan as the action hands it over. */
export type ScanUpload = { data: Buffer; name: string };

/** Checks every scan before anything is stored, so a bad one refuses the whole form with the file's name. */
export function checkScans(scans: ScanUpload[], field = "scans") {
  if (scans.length > MAX_SCANS) throw new ActionError(`扫描件最多 ${MAX_SCANS} 个`, { [field]: [`扫描件最多 ${MAX_SCANS} 个`] });
  return scans.map((s) => {
    if (s.data.length === 0) throw new ActionError(`扫描件“${s.name}”是空文件`, { [field]: [`扫描件“${s.name}”是空文件`] });
    if (s.data.length > MAX_SCAN_BYTES) throw new ActionError(`扫描件“${s.name}”超过 10MB`, { [field]: [`扫描件“${s.name}”超过 10MB`] });
    const type = sniffScanType(s.data);
    if (!type) throw new ActionError(`扫描件“${s.name}”不是 PDF、JPG 或 PNG 文件`, { [field]: [`扫描件“${s.name}”不是 PDF、JPG 或 PNG 文件`] });
    return { ...s, ...type };
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
