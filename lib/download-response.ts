import "server-only";

const PRIVATE = "private, no-store";

/** RFC 6266: an ASCII fallback plus the UTF-8 name, so Chinese file names survive every browser. */
function disposition(kind: "inline" | "attachment", filename: string) {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** A personal document: never cached by proxies or the browser's shared cache. */
export function attachment(data: Buffer, contentType: string, filename: string, opts: { inline?: boolean } = {}) {
  return new Response(new Uint8Array(data), {
    headers: {
      "content-type": contentType,
      "content-length": String(data.length),
      "content-disposition": disposition(opts.inline ? "inline" : "attachment", filename),
      "cache-control": PRIVATE,
      "x-content-type-options": "nosniff",
    },
  });
}

export function unauthorized() {
  return new Response("登录已失效，请重新登录", { status: 401, headers: { "cache-control": PRIVATE, "content-type": "text/plain; charset=utf-8" } });
}

/** Missing and not-yours look the same, so ids cannot be probed. */
export function notFoundResponse(message: string) {
  return new Response(message, { status: 404, headers: { "cache-control": PRIVATE, "content-type": "text/plain; charset=utf-8" } });
}

/** Refused for a reason the user can act on (e.g. outside the ticket printing window). */
export function refused(message: string, status = 409) {
  return new Response(message, { status, headers: { "cache-control": PRIVATE, "content-type": "text/plain; charset=utf-8" } });
}
