/** 报名须知: the plan's notes above the registration form. */
export function PlanNotes({ notes }: { notes: string | null | undefined }) {
  if (!notes?.trim()) return null;
  return (
    <section aria-labelledby="plan-notes-title" className="mb-6 rounded-lg border bg-muted/40 p-4">
      <h2 id="plan-notes-title" className="mb-2 font-semibold">
        报名须知
      </h2>
      <p className="text-sm whitespace-pre-line">{notes}</p>
    </section>
  );
}
