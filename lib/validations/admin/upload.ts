import { z } from "zod";
import { UPLOAD_MAX_BYTES, UPLOAD_MAX_MB } from "@/lib/upload-limits";

/** An uploaded .xlsx from a form (a File in FormData). The content is checked by the reader. */
export const uploadedXlsx = z
  .instanceof(File, { message: "请选择 .xlsx 文件" })
  .refine((f) => f.size > 0, "请选择 .xlsx 文件")
  .refine((f) => f.size <= UPLOAD_MAX_BYTES, `文件不能超过 ${UPLOAD_MAX_MB} MB`)
  .refine((f) => /\.xlsx$/i.test(f.name), "请上传 .xlsx 格式的 Excel 文件");
