"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { Volume2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { missingLoginField } from "@/lib/validations/login";
import { login, type LoginState } from "./actions";

type Props = { mode: "hall" | "staff"; callbackUrl?: string };

export function LoginForm({ mode, callbackUrl }: Props) {
  const [state, action, pending] = useActionState<LoginState, FormData>(login, {});
  const id = useId();
  // Each captcha can be tried once: a new image after every failed attempt (state.at) or on 换一张.
  const [refreshes, setRefreshes] = useState(0);
  const captchaKey = `${state.at ?? 0}-${refreshes}`;
  // 听语音验证码 shows the player for the captcha now on screen; a new image hides it until asked again.
  const [audioFor, setAudioFor] = useState<string | null>(null);
  const [audioFailed, setAudioFailed] = useState<string | null>(null);
  const captchaRef = useRef<HTMLInputElement>(null);
  const userRef = useRef<HTMLInputElement>(null);

  const passwordRef = useRef<HTMLInputElement>(null);
  // An empty field is named at once, without a round trip (the action checks the same).
  const [missing, setMissing] = useState<ReturnType<typeof missingLoginField>>(null);

  // After a failure, move focus to where the fix is.
  useEffect(() => {
    if (!state.at) return;
    (state.field === "captcha" ? captchaRef : state.field === "password" ? passwordRef : userRef).current?.focus();
  }, [state.at, state.field]);

  function checkFilled(e: React.FormEvent<HTMLFormElement>) {
    const fd = new FormData(e.currentTarget);
    const m = missingLoginField(mode, { username: String(fd.get("username") ?? ""), password: String(fd.get("password") ?? "") });
    setMissing(m);
    if (m) {
      e.preventDefault();
      (m.field === "password" ? passwordRef : userRef).current?.focus();
    }
  }
  const error = missing?.message ?? state.error;
  const field = missing?.field ?? state.field;

  const errorId = `${id}-error`;
  const userLabel = mode === "hall" ? "用户名 / 统一社会信用代码" : "用户名";
  return (
    <form action={action} onSubmit={checkFilled} noValidate aria-describedby={error ? errorId : undefined}>
      <input type="hidden" name="mode" value={mode} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <FieldGroup>
        <Field>
          <FieldLabel htmlFor={`${id}-username`}>
            {userLabel} <span className="text-destructive" aria-hidden>*</span>
          </FieldLabel>
          <Input
            ref={userRef}
            id={`${id}-username`}
            name="username"
            defaultValue={state.username}
            autoComplete="username"
            required
            aria-invalid={field === "credentials" || field === "username" || undefined}
          />
        </Field>
        <Field>
          <FieldLabel htmlFor={`${id}-password`}>
            密码 <span className="text-destructive" aria-hidden>*</span>
          </FieldLabel>
          <Input ref={passwordRef} id={`${id}-password`} name="password" type="password" autoComplete="current-password" required aria-invalid={field === "credentials" || field === "password" || undefined} />
        </Field>
        {mode === "staff" ? (
          <Field>
            <FieldLabel htmlFor={`${id}-captcha`}>
              验证码 <span className="text-destructive" aria-hidden>*</span>
            </FieldLabel>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
              <Input
                key={state.at ?? 0}
                ref={captchaRef}
                id={`${id}-captcha`}
                name="captcha"
                inputMode="numeric"
                autoComplete="off"
                maxLength={4}
                required
                className="w-28"
                aria-describedby={`${id}-captcha-hint`}
                aria-invalid={field === "captcha" || undefined}
              />
              {/* eslint-disable-next-line @next/next/no-img-element -- a fresh server-drawn image each time */}
              <img
                key={captchaKey}
                src={`/api/captcha?k=${captchaKey}`}
                alt="验证码图片，四位数字"
                width={120}
                height={44}
                className="rounded border"
              />
              <Button type="button" variant="link" className="px-0" onClick={() => setRefreshes((k) => k + 1)}>
                换一张
              </Button>
              <Button type="button" variant="outline" size="sm" onClick={() => setAudioFor(captchaKey)}>
                <Volume2Icon aria-hidden="true" />
                听语音验证码
              </Button>
            </div>
            {audioFor === captchaKey ? (
              // The same challenge as the image, read aloud; the controls let the user play it again.
              <audio
                key={captchaKey}
                src={`/api/captcha/audio?k=${captchaKey}`}
                // Asked for by the button press just now; the controls pause it or play it again.
                autoPlay
                controls
                preload="auto"
                aria-label="语音验证码，四位数字"
                onError={() => setAudioFailed(captchaKey)}
                className="h-10 w-full max-w-xs"
              />
            ) : null}
            <p role="status" className="text-destructive text-sm empty:hidden">
              {audioFailed === captchaKey ? "语音验证码无法播放（可能已失效），请点击“换一张”后再听。" : ""}
            </p>
            <p id={`${id}-captcha-hint`} className="text-muted-foreground text-sm">
              请输入图片中的四位数字，看不清可点击“换一张”，或点击“听语音验证码”收听。
            </p>
          </Field>
        ) : null}
        <div aria-live="polite" id={errorId}>
          {error ? <FieldError>{error}</FieldError> : null}
        </div>
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? "正在登录…" : "登录"}
        </Button>
      </FieldGroup>
    </form>
  );
}
