import { z } from "zod";

/** An uploaded .xlsx from a form (a File in FormData). The content is checked by the reader. */
export const uploadedXlsx = z
  .instanceof(File, { message: "请选择 .xlsx 文件" })
  .refine((f) => f.size > 0, "请选择 .xlsx 文件")
  .refine((f) => f.size <= 30 * 1024 * 1024, "文件不能超过 30 MB")
  .refine((f) => /\.xlsx$/i.test(f.name), "请上传 .xlsx 格式的 Excel 文件");
