import { CircleAlertIcon, CircleCheckIcon } from "lucide-react";

import { cn } from "@/lib/utils";

export type FormMessageProps = {
  /** e.g. "修改保存成功" or the `error` of a failed action result; nothing is shown while empty. */
  message?: string | null;
  tone?: "success" | "error";
  id?: string;
  className?: string;
};

/**
 * The live region is rendered even while empty: screen readers only announce changes to a region that was
 * already in the page, so render this once in the form and feed it the latest result.
 */
export function FormMessage({ message, tone = "success", id, className }: FormMessageProps) {
  const Icon = tone === "error" ? CircleAlertIcon : CircleCheckIcon;
  return (
    <div id={id} role="status" aria-live="polite" aria-atomic="true" className={className}>
      {message ? (
        <p
          data-tone={tone}
          className={cn(
            "flex items-start gap-2 rounded-md border px-3 py-2 text-sm",
            tone === "error"
              ? "border-red-200 bg-red-50 text-red-800"
              : "border-green-200 bg-green-50 text-green-800",
          )}
        >
          <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>{message}</span>
        </p>
      ) : null}
    </div>
  );
}
