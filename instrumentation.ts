/** Next.js calls register() once per server start: the Node.js server also runs the background job workers. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.JOBS_DISABLED === "1" || !process.env.DATABASE_URL) return;
  const { startJobs } = await import("./lib/jobs");
  await startJobs();
}
