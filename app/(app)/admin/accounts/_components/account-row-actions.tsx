"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { FormMessage } from "@/components/form-message";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ActionButton } from "@/components/action-button";
import { accountStatusAction, resetPasswordAction } from "../actions";

/** 重置密码 and 停用 / 启用 for one account. */
export function AccountRowActions({ userId, username, status, isAdmin, isSelf }: { userId: number; username: string; status: "active" | "disabled"; isAdmin: boolean; isSelf: boolean }) {
  const router = useRouter();
  const uid = useId();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="flex flex-wrap items-start gap-2">
      {!isAdmin ? (
        <AlertDialog open={open} onOpenChange={setOpen}>
          <Button type="button" size="sm" variant="outline" onClick={() => { setError(null); setOpen(true); }}>
            重置密码
          </Button>
          <AlertDialogContent>
            <form
              className="grid [&>*]:min-w-0 gap-4"
              onSubmit={(e) => {
                e.preventDefault();
                const fd = new FormData(e.currentTarget);
                fd.set("userId", String(userId));
                start(async () => {
                  const r = await resetPasswordAction(fd);
                  if (!r.ok) {
                    setError(Object.values(r.fieldErrors ?? {}).flat()[0] ?? r.error);
                    return;
                  }
                  setOpen(false);
                  setDone(r.message ?? "密码已重置");
                  router.refresh();
                });
              }}
            >
              <AlertDialogHeader>
                <AlertDialogTitle>重置 {username} 的密码</AlertDialogTitle>
                <AlertDialogDescription>新密码立即生效，该账号在所有设备上的登录将退出。</AlertDialogDescription>
              </AlertDialogHeader>
              <div className="grid [&>*]:min-w-0 gap-1.5">
                <label htmlFor={`${uid}-pw`} className="text-sm font-medium">
                  新密码 <span className="text-destructive" aria-hidden>*</span>
                </label>
                <Input id={`${uid}-pw`} name="password" type="password" autoComplete="new-password" required aria-describedby={`${uid}-hint`} />
                <p id={`${uid}-hint`} className="text-sm text-muted-foreground">
                  至少8位，须包含字母和数字。
                </p>
              </div>
              <div className="grid [&>*]:min-w-0 gap-1.5">
                <label htmlFor={`${uid}-pw2`} className="text-sm font-medium">
                  确认新密码 <span className="text-destructive" aria-hidden>*</span>
                </label>
                <Input id={`${uid}-pw2`} name="confirmPassword" type="password" autoComplete="new-password" required />
              </div>
              <FormMessage tone="error" message={error} />
              <AlertDialogFooter>
                <AlertDialogCancel type="button">取消</AlertDialogCancel>
                <Button type="submit" disabled={pending}>
                  {pending ? "处理中…" : "重置密码"}
                </Button>
              </AlertDialogFooter>
            </form>
          </AlertDialogContent>
        </AlertDialog>
      ) : null}
      {!isSelf ? (
        status === "active" ? (
          <ActionButton
            action={accountStatusAction}
            fields={{ userId: String(userId), status: "disabled" }}
            label="停用"
            size="sm"
            variant="outline"
            confirm={{ title: `停用账号 ${username}？`, description: "停用后该账号立即退出登录，且不能再登录，直到重新启用。", confirmLabel: "停用" }}
          />
        ) : (
          <ActionButton action={accountStatusAction} fields={{ userId: String(userId), status: "active" }} label="启用" size="sm" variant="outline" />
        )
      ) : null}
      <FormMessage message={done} tone="success" />
    </div>
  );
}
