import { z } from "zod";
import { changeApplySchema, transferInSchema } from "./certificate-applications";

/**
 * What the 证书变更 and 证书进京 forms post as FormData: the values, plus the supporting scans as files (the
 * service sniffs and checks each one). A 变更 posts its certificates as JSON in `items` (one per person, only the
 * changed fields) and each person's scans under `scans.<index>`.
 */
const files = z.preprocess(
  (v) => (v == null ? [] : (Array.isArray(v) ? v : [v]).filter((f) => !(f instanceof File) || f.size > 0)),
  z.array(z.instanceof(File, { error: "请上传 PDF、JPG 或 PNG 文件" })).max(5, "扫描件最多 5 个"),
);

export const changeItemsSchema = z.looseObject({
  items: z.preprocess(
    (v) => {
      if (typeof v !== "string") return v;
      try {
        return JSON.parse(v);
      } catch {
        return null;
      }
    },
    z.array(changeApplySchema, { error: "请选择要变更的证书" }).min(1, "请选择要变更的证书").max(200, "一次最多提交 200 本证书的变更申请"),
  ),
});

/** The scans of the index-th certificate of a 变更 submission. */
export function changeScans(input: Record<string, unknown>, index: number): File[] {
  const parsed = files.safeParse(input[`scans.${index}`]);
  return parsed.success ? parsed.data : [];
}

export const transferInFormSchema = transferInSchema.extend({ scans: files });

export const transferLookupSchema = transferInSchema.pick({ idType: true, idNumber: true });
