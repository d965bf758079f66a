import { cva } from "class-variance-authority";

import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

export type StatusTone = "neutral" | "info" | "success" | "warning" | "danger";

// Dark text on a pale tint: every pair is above 7:1, so the 12px badge text passes WCAG AA with room to spare.
// The status word itself carries the meaning; colour only supports it.
const statusBadgeVariants = cva("font-medium", {
  variants: {
    tone: {
      neutral: "border-slate-300 bg-slate-100 text-slate-800",
      info: "border-blue-200 bg-blue-50 text-blue-800",
      success: "border-green-200 bg-green-50 text-green-800",
      warning: "border-amber-300 bg-amber-50 text-amber-900",
      danger: "border-red-200 bg-red-50 text-red-800",
    },
  },
  defaultVariants: { tone: "neutral" },
});

export type StatusBadgeProps = {
  tone: StatusTone;
  children: React.ReactNode;
  className?: string;
};

export function StatusBadge({ tone, children, className }: StatusBadgeProps) {
  return (
    <Badge variant="outline" data-tone={tone} className={cn(statusBadgeVariants({ tone }), className)}>
      {children}
    </Badge>
  );
}
