/** LIKE patterns from what a user typed: `%`, `_` and `\` are literal characters, not wildcards. */
export function likeEscape(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Contains `text`. */
export function likePattern(text: string) {
  return `%${likeEscape(text)}%`;
}
