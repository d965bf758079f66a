/** A native <select> that looks like the shadcn Input, for GET search forms (works without JavaScript). */
export const SELECT_CLASS =
  "border-input h-11 md:h-9 w-full min-w-0 rounded-md border bg-transparent px-3 py-1 text-base shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/70 md:text-sm";
