/**
 * The database (or the file store) cannot be reached: PostgreSQL restarting, a failover, the pool unable to
 * connect. Requests in that moment answer 503 with this sentence instead of a bare 500; postgres.js reconnects
 * on the next query by itself, so the next request after the database is back succeeds.
 */
export const SERVICE_UNAVAILABLE = "系统暂时无法连接数据库，请稍后重试。如果长时间无法使用，请联系注册中心。";

const PG_UNAVAILABLE_CODES = new Set([
  "57P01", // admin_shutdown (the server is stopping)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, recovering)
  "08000",
  "08001",
  "08003",
  "08006", // connection exceptions
  "53300", // too_many_connections
]);
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"]);

/** Whether `e` (or an error it wraps: Drizzle puts the driver's in `cause`) says the database is unreachable. */
export function isServiceUnavailable(e: unknown): boolean {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    const c = cur as { code?: unknown; errors?: unknown[]; cause?: unknown };
    if (typeof c.code === "string" && (PG_UNAVAILABLE_CODES.has(c.code) || NODE_CODES.has(c.code))) return true;
    // AggregateError from a connect to several addresses (127.0.0.1 and ::1).
    if (Array.isArray(c.errors) && c.errors.some((x) => isServiceUnavailable(x))) return true;
    cur = c.cause;
  }
  return false;
}

/** A 503 answer for route handlers; plain text so that a download link shows it as is. */
export function serviceUnavailableResponse() {
  return new Response(SERVICE_UNAVAILABLE, {
    status: 503,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": "10" },
  });
}

/**
 * Wraps a route handler so that the database being unreachable answers 503 with SERVICE_UNAVAILABLE (a download
 * link then shows that sentence) instead of a bare 500; every other error is thrown on as before.
 */
export function answeringUnavailable<A extends unknown[], R extends Response | void>(handler: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R | Response> => {
    try {
      return await handler(...args);
    } catch (e) {
      if (isServiceUnavailable(e)) return serviceUnavailableResponse();
      throw e;
    }
  };
}
