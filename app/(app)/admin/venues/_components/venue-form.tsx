"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormMessage } from "@/components/form-message";
import { Button } from "@/components/ui/button";
import { FieldGroup } from "@/components/ui/field";
import { venueSchema } from "@/lib/validations/admin/venue";
import { applyServerErrors, RequiredNote, TextField } from "@/components/form-fields";
import { createVenueAction, updateVenueAction } from "../actions";

type Values = { name: string; address: string };

export function VenueForm({ id, initial }: { id?: number; initial: Values }) {
  const router = useRouter();
  const form = useForm<Values>({ resolver: zodResolver(venueSchema), defaultValues: initial });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const onSubmit = form.handleSubmit(async (values) => {
    setResult(null);
    const res = id ? await updateVenueAction({ ...values, id }) : await createVenueAction(values);
    if (res.ok) {
      if (!id) router.push(`/admin/venues/${res.data.id}`);
      else setResult({ ok: true, text: res.message ?? "保存成功" });
      router.refresh();
      return;
    }
    setResult({ ok: false, text: applyServerErrors(form, res) ?? "保存失败" });
  });
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl">
      <FieldGroup className="grid [&>*]:min-w-0 gap-6 md:grid-cols-2">
        <TextField control={form.control} name="name" label="考点名称" required />
        <TextField control={form.control} name="address" label="考点地址" required />
        <div className="space-y-4 md:col-span-2">
          <RequiredNote />
          <FormMessage message={result?.text} tone={result?.ok === false ? "error" : "success"} />
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "正在保存…" : "保存"}
          </Button>
        </div>
      </FieldGroup>
    </form>
  );
}
