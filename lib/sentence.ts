/**
 * Ends a free-text phrase (a reviewer's reason, say) as one Chinese sentence: adds “。” unless the text already
 * ends with a sentence mark, so notices that continue after it never read “…。。”.
 */
export function asSentence(text: string): string {
  const t = text.trim().replace(/[，,、；;：:\s]+$/u, "");
  if (t === "") return "";
  return /[。！？!?.…]$/u.test(t) ? t : `${t}。`;
}
