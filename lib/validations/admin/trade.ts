import { z } from "zod";
import { requiredText } from "../common";
import { codeField, idField, intField } from "./common";

/** 岗位工种: code, name, category, certificate validity in years. */
export const tradeSchema = z.object({
  code: codeField("岗位代码", 10),
  name: requiredText("岗位工种名称", 40),
  category: requiredText("类别", 40),
  validityYears: intField("证书有效期（年）", 1, 20),
});
export type TradeInput = z.input<typeof tradeSchema>;
export type TradeValues = z.output<typeof tradeSchema>;

export const updateTradeSchema = tradeSchema.extend({ id: idField });
export const tradeIdSchema = z.object({ id: idField });
