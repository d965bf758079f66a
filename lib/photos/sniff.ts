import "server-only";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Decides the type from the bytes alone: browsers derive the declared MIME type from the file name,
 * so a renamed GIF or PDF arrives claiming to be image/jpeg. Kept apart from normalize.ts so the
 * document renderers can check photos without loading sharp.
 */
export function sniffImageType(buf: Uint8Array): "jpeg" | "png" | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return "jpeg";
  if (buf.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => buf[i] === b)) return "png";
  return null;
}
