import { z } from "zod";

export const bulkTicketsSchema = z.object({ planId: z.coerce.number().int().positive({ error: "请先选择考试计划" }) });
export const documentJobSchema = z.object({ jobId: z.coerce.number().int().positive() });
