import { cva } from "class-variance-authority";

import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

import { REGISTRATION_STAGE, registrationStage, type StatusTone, type Vocabulary } from "@/lib/domain/statuses";

export type { StatusTone };

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

/**
 * A status word from one of the vocabularies of lib/domain/statuses.ts (`of` + `status`), or a word and tone
 * given directly for states no table stores (合格 / 缺考 …).
 */
export type StatusBadgeProps<K extends string> = { className?: string } & (
  | { of: Vocabulary<K>; status: K; tone?: never; children?: never }
  | { tone: StatusTone; children: React.ReactNode; of?: never; status?: never }
);

export function StatusBadge<K extends string>(props: StatusBadgeProps<K>) {
  const { className } = props;
  const word = props.of ? props.of[props.status as K] : { tone: props.tone, label: props.children };
  return (
    <Badge variant="outline" data-tone={word.tone} className={cn(statusBadgeVariants({ tone: word.tone }), className)}>
      {word.label}
    </Badge>
  );
}

/** A registration's badge: its status, or 合格 / 不合格 once the plan's results are published. */
export function RegistrationStatusBadge({ registration, className }: { registration: Parameters<typeof registrationStage>[0]; className?: string }) {
  return <StatusBadge of={REGISTRATION_STAGE} status={registrationStage(registration)} className={className} />;
}
