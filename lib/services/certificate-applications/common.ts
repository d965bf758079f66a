import "server-only";
import type { DbOrTx } from "@/db/client";
import { applicationBatches, type ApplicationKind } from "@/db/schema";

import { ActionError } from "@/lib/errors";
import { AccessDenied } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { pad, reserveSerials } from "@/lib/serials";
import { beijingDate } from "@/lib/time";

/** 申请批号 prefix per kind: 续期 XQ, 变更 BG, 进京 JJ (docs/numbers.md). */
const BATCH_PREFIX: Record<ApplicationKind, string> = { renewal: "XQ", change: "BG", transfer_in: "JJ" };

/** A certificate (or 进京 row) the server refused, with the reason in the manual's words. */
export type Refusal = { certificateId?: number; certificateNo?: string; reason: string };

export type Ctx = { ip?: string | null };

/** Who submits, as stored on the batch; the centre does not apply on anyone's behalf. */
export function submitterOf(user: SessionUser) {
  if (user.role === "person") {
    if (!user.personId) throw new AccessDenied();
    return { submitterKind: "person" as const, submitterOrgId: null };
  }
  if (user.role === "enterprise" || user.role === "trainer") {
    if (!user.organizationId) throw new AccessDenied();
    return { submitterKind: user.role, submitterOrgId: user.organizationId };
  }
  throw new AccessDenied("注册中心不能代为申请");
}

/**
 * Opens one 申请批号 for a submission: kind prefix + Beijing date + 6-digit serial of that kind and day,
 * e.g. XQ20261202000017. Reserved inside the submission's transaction, so a refused submission leaves no gap.
 */
export async function openBatch(tx: DbOrTx, user: SessionUser, kind: ApplicationKind, now: Date = new Date()) {
  const day = beijingDate(now).replaceAll("-", "");
  const n = await reserveSerials(tx, `application:${kind}:${day}`);
  if (n >= 10 ** 6) throw new ActionError("今日申请数量已达上限，请明日再试");
  const batchNo = `${BATCH_PREFIX[kind]}${day}${pad(n, 6)}`;
  const [b] = await tx
    .insert(applicationBatches)
    .values({ batchNo, kind, ...submitterOf(user), submittedByUserId: user.id })
    .returning({ id: applicationBatches.id, batchNo: applicationBatches.batchNo });
  return b;
}
