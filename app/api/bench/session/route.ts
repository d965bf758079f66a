import { auth } from "@/auth";

/**
 * The floor of the 报名提交 benchmark (bench/person-submit.bench.ts): reads the session as every route handler
 * does and answers 204, so the benchmark can put the cost of a submission beside the cost of any signed-in
 * request on the same build and machine. It exists only while the server runs with BENCH_AUTH_FLOOR=1 (the
 * benchmark's `next start`); otherwise, and for anyone not signed in, it answers as if it were not there.
 */
export async function GET() {
  if (process.env.BENCH_AUTH_FLOOR !== "1") return new Response(null, { status: 404 });
  const session = await auth();
  return new Response(null, { status: session?.user?.id ? 204 : 401, headers: { "cache-control": "private, no-store" } });
}
