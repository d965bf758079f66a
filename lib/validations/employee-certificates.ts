import { z } from "zod";

const EXPIRY = ["expired", "90", "60", "30"] as const;

/** 企业人员获证信息 query (from the URL): an unknown filter value means no filter. */
export const employeeCertificateQuerySchema = z.object({
  expiry: z.enum(EXPIRY).optional().catch(undefined),
  q: z.string().trim().max(30).optional().catch("").default(""),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1).default(1),
});
