import { describe, expect, it } from "vitest";
import { z } from "zod";
import { personRegistrationSchema, registrationSchema } from "./registration";

const filled = {
  planId: 3,
  employerName: "北京城建建设工程有限公司",
  workStartDate: "2010-07-01",
  yearsOfWork: "12",
  resume: [],
};

function fieldErrors(input: unknown) {
  const r = personRegistrationSchema.safeParse(input);
  return r.success ? {} : z.flattenError(r.error).fieldErrors;
}

describe("报名表：照片与其他项一起校验", () => {
  it("没有照片：第一次保存就与其他未填项一起提示“请上传一寸彩色照片”", () => {
    const errors = fieldErrors({ ...filled, workStartDate: "", photoFileId: "" });
    expect(errors.photoFileId).toEqual(["请上传一寸彩色照片"]);
    expect(errors.workStartDate?.[0]).toBe("请选择参加工作时间");
    expect(fieldErrors({ ...filled }).photoFileId).toEqual(["请上传一寸彩色照片"]);
  });

  it("照片编号无效时提示重新上传；上传成功的照片通过", () => {
    expect(fieldErrors({ ...filled, photoFileId: "not-a-file" }).photoFileId).toEqual(["照片无效，请重新上传"]);
    expect(fieldErrors({ ...filled, photoFileId: "0b6b7b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b" })).toEqual({});
  });

  it("单位代报的报名表照片可空（沿用本人档案中的照片）", () => {
    expect(registrationSchema.safeParse({ ...filled, photoFileId: "" }).success).toBe(true);
  });
});
