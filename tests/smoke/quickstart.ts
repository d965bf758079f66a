/**
 * Smoke test of the README's first command on a clean clone: `npm run dev` starts the embedded PostgreSQL,
 * migrates and seeds it, serves the sign-in page, and the demo admin can sign in through the real form.
 * Run by .ci/run; not part of `npm test` (it needs the port and the data folder to itself).
 */
import { spawn } from "node:child_process";
import { chromium } from "playwright-core";
import postgres from "postgres";

const PORT = 3300;
const PG_PORT = 54359;
const base = `http://localhost:${PORT}`;

const app = spawn("npm", ["run", "dev"], {
  env: { ...process.env, PORT: String(PORT), EMBEDDED_PG_PORT: String(PG_PORT), DATABASE_URL: "" },
  stdio: ["ignore", "pipe", "pipe"],
  detached: true,
});
let log = "";
app.stdout.on("data", (d) => (log += d));
app.stderr.on("data", (d) => (log += d));

async function main() {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const res = await fetch(`${base}/login`).catch(() => null);
    if (res?.ok && (await res.text()).includes("系统登录")) break;
    if (Date.now() > deadline || app.exitCode !== null) throw new Error(`the app did not serve /login:\n${log.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${PG_PORT}/kaowu`, { max: 1 });
  try {
    const context = await browser.newContext({ baseURL: base });
    context.setDefaultTimeout(60_000); // next dev compiles each page on first visit
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByRole("tab", { name: "培训机构 / 注册中心" }).click();
    const panel = page.getByRole("tabpanel");
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img[alt^="验证码"]');
      return Boolean(img && img.complete && img.naturalWidth > 0);
    });
    const id = (await context.cookies()).find((c) => c.name === "kw_captcha")?.value;
    const [row] = await sql`select answer from captchas where id = ${id ?? ""}`;
    await panel.getByLabel("用户名").fill("admin");
    await panel.getByLabel("密码").fill("Admin@2026");
    await panel.getByLabel("验证码").fill(row.answer);
    await panel.getByRole("button", { name: "登录", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/admin");
    await page.getByRole("navigation", { name: "功能菜单" }).first().waitFor();
    console.log("quickstart smoke: 1 passed, 0 failed");
  } finally {
    await sql.end();
    await browser.close();
  }
}

main()
  .then(() => 0, (e) => (console.error(e), 1))
  .then(async (code) => {
    try {
      process.kill(-app.pid!, "SIGINT");
    } catch {}
    await new Promise((r) => setTimeout(r, 3000));
    try {
      process.kill(-app.pid!, "SIGKILL");
    } catch {}
    process.exit(code);
  });
