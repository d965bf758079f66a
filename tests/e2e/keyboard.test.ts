/**
 * 键盘操作: one journey per role with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrows, Escape and typing;
 * no clicks). On every stop the focused element must show a visible focus indicator (an outline, or a ring: a
 * box-shadow with a spread); the first stop of a page is 跳到主要内容, which moves focus to <main>; Radix dialogs
 * keep Tab inside and give focus back to their trigger when closed. File pickers are opened with the keyboard;
 * the file itself is handed to the browser's file chooser, which stands in for the operating system's dialog.
 */
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeChineseId } from "@/lib/identity/chinese-id";
import { appSql, captchaAnswer, launchBrowser, newPage } from "../support/browser";

const RUN = String(process.pid);
let browser: Browser;
let sql: ReturnType<typeof appSql>;

type Focused = { tag: string; role: string; name: string; id: string; visible: boolean; inDialog: boolean };

/** What has focus now, its accessible name (approximated as a screen reader would read it) and whether it shows. */
async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: "body", role: "", name: "", id: "", visible: false, inDialog: false };
    const text = (ids: string) =>
      ids
        .split(/\s+/)
        .map((i) => document.getElementById(i)?.textContent ?? "")
        .join(" ");
    const labels = (el as HTMLInputElement).labels;
    const name = (
      el.getAttribute("aria-label") ??
      (el.getAttribute("aria-labelledby") ? text(el.getAttribute("aria-labelledby")!) : null) ??
      (labels && labels.length ? [...labels].map((l) => l.textContent).join(" ") : null) ??
      (el.innerText || (el as HTMLInputElement).value || el.getAttribute("placeholder") || el.title || "")
    )
      .replace(/\s+/g, " ")
      .trim();
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 1;
    // A ring is a box-shadow layer with a spread (Tailwind's ring-*); a plain drop shadow is not a focus indicator.
    const ring = cs.boxShadow !== "none" && cs.boxShadow.split(/,(?![^(]*\))/).some((layer) => {
      const px = layer.match(/-?[\d.]+px/g) ?? [];
      return px.length >= 4 && parseFloat(px[3]) >= 1;
    });
    const role = el.getAttribute("role") ?? ({ A: "link", BUTTON: "button", SELECT: "combobox", TEXTAREA: "textbox", MAIN: "main" } as Record<string, string>)[el.tagName] ?? (el.tagName === "INPUT" ? (el as HTMLInputElement).type : el.tagName.toLowerCase());
    return { tag: el.tagName.toLowerCase(), role, name, id: el.id, visible: outline || ring, inDialog: Boolean(el.closest('[role="dialog"],[role="alertdialog"]')) };
  });
}

/** Focus problems seen on the way, reported at the end of each journey. */
const unseen: string[] = [];

/** Waits for the focus indicator's transition to end; records the element when none shows. */
async function assertVisibleFocus(page: Page, where: string) {
  const ok = await page
    .waitForFunction(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body || el.tagName === "MAIN") return true;
      // Past its year/month/day parts, a Chromium date field's last tab stop is its own calendar button inside the
      // browser's shadow DOM: the host then does not match :focus and the browser draws that button's focus ring.
      if (el instanceof HTMLInputElement && /^(date|datetime-local|time|month|week)$/.test(el.type) && !el.matches(":focus")) return true;
      const cs = getComputedStyle(el);
      if (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 1) return true;
      return cs.boxShadow !== "none" && cs.boxShadow.split(/,(?![^(]*\))/).some((l) => parseFloat((l.match(/-?[\d.]+px/g) ?? [])[3] ?? "0") >= 1);
    }, null, { timeout: 1_500 })
    .then(() => true, () => false);
  if (!ok) {
    const f = await focused(page);
    unseen.push(`${where}: ${f.role} "${f.name}"${f.id ? ` #${f.id}` : ""} has no visible focus`);
  }
}

async function tab(page: Page, back = false) {
  await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  await assertVisibleFocus(page, new URL(page.url()).pathname);
  return focused(page);
}

/** Tabs forward until the focused element's name matches (and its role, when given); fails after `max` stops. */
async function tabTo(page: Page, name: string | RegExp, opts: { role?: string; max?: number; back?: boolean } = {}) {
  const seen: string[] = [];
  for (let i = 0; i < (opts.max ?? 80); i++) {
    const f = await tab(page, opts.back);
    const hit = typeof name === "string" ? f.name === name : name.test(f.name);
    if (hit && (!opts.role || f.role === opts.role)) return f;
    seen.push(`${f.role}:${f.name.slice(0, 30)}`);
  }
  throw new Error(`no tab stop named ${name} on ${page.url()}; passed: ${seen.join(" → ")}`);
}

/** The first tab stop of the page is 跳到主要内容, and it moves focus to <main>. */
async function skipToMain(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const first = await tab(page);
  expect(`${first.role}:${first.name}`).toBe("link:跳到主要内容");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "main");
}

/** Tabs through an open dialog (more stops than it has) and checks focus never leaves it. */
async function assertFocusTrapped(page: Page, stops = 25) {
  for (let i = 0; i < stops; i++) {
    const f = await tab(page, i % 5 === 4);
    expect(f.inDialog, `focus left the dialog at stop ${i + 1}: ${f.role} "${f.name}"`).toBe(true);
  }
}

async function photoJpeg() {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="1200">
    <rect width="100%" height="100%" fill="#d8e6f3"/><ellipse cx="450" cy="520" rx="220" ry="280" fill="#c19a7b"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

/** Opens a file picker from the keyboard (Space on the focused control) and hands it the file. */
async function chooseFileWithKeyboard(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Space")]);
  await chooser.setFiles(file);
}

/**
 * Types a date into a date field part by part. The order of the parts is the browser's (year first in a
 * Chinese Chromium, month first in Debian's headless one): the year-first order is tried, then, from the
 * field's first part again, the month-first one.
 */
async function typeDate(page: Page, iso: string) {
  const [y, m, d] = iso.split("-");
  for (const order of [[y, m, d], [m, d, y]]) {
    for (const [i, part] of order.entries()) {
      await page.keyboard.type(part);
      // A year part takes up to 6 digits and does not move on by itself; two-digit parts do.
      if (i < 2 && part.length === 4) await page.keyboard.press("ArrowRight");
    }
    if ((await page.evaluate(() => (document.activeElement as HTMLInputElement).value)) === iso) return;
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
  }
  throw new Error(`could not type ${iso} into the date field`);
}

/**
 * A new page whose file choosers Playwright intercepts from the start: enabling that lazily, inside
 * waitForEvent, can lose the race with the key press that opens the chooser.
 */
async function keyboardPage() {
  const s = await newPage(browser);
  s.page.on("filechooser", () => {});
  return s;
}

/** Signs in on /login with the keyboard; staff accounts type the captcha read from the test database. */
async function signInByKeyboard(page: Page, who: { mode: "hall" | "staff"; username: string; password: string }) {
  await sql`delete from rate_limits where key like 'login-ip:%' or key like 'captcha-ip:%'`;
  await page.goto("/login");
  await skipToMain(page);
  if (who.mode === "staff") {
    await tabTo(page, "从业人员 / 企业", { role: "tab" });
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.activeElement?.textContent === "培训机构 / 注册中心");
    await tabTo(page, /^用户名/);
  } else {
    await tabTo(page, /^用户名 \/ 统一社会信用代码/);
  }
  await page.keyboard.type(who.username);
  await tabTo(page, /^密码/);
  await page.keyboard.type(who.password);
  if (who.mode === "staff") {
    await tabTo(page, /^验证码/);
    await page.keyboard.type(await captchaAnswer(page));
  }
  await page.keyboard.press("Enter");
}

beforeAll(async () => {
  sql = appSql();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sql?.end();
});

describe("键盘操作（不用鼠标）", () => {
  it("从业人员：登录 → 考试报名 → 打印准考证", async () => {
    unseen.length = 0;
    // A ticket to look at: a registration of 张三 already seated, in a plan whose printing window is open.
    const [zs] = await sql`select person_id, (select employer_name from persons where id = person_id) as employer from users where username = 'zhangsan'`;
    const [plan] = await sql`select id, name from exam_plans where code = 'KS2026-ZLY-03'`;
    const [room] = await sql`select r.id from rooms r join exam_plan_venues v on v.venue_id = r.venue_id where v.plan_id = ${plan.id} order by r.id limit 1`;
    await sql`insert into registrations (registration_no, plan_id, person_id, submitter_kind, employer_name, work_start_date, years_of_work, status, paid_at, paid_amount_cents, room_id, seat_no, ticket_no)
      values (${`BMKB${RUN}`}, ${plan.id}, ${zs.person_id}, 'person', ${zs.employer}, '2010-07-01', 15, 'seated', now(), 15000, ${room.id}, 7, ${`KB${RUN}`})
      on conflict (plan_id, person_id) do nothing`;
    // The accessibility test may have seated him in that plan already.
    const [{ ticket_no: ticketNo }] = await sql`select ticket_no from registrations where plan_id = ${plan.id} and person_id = ${zs.person_id} and status = 'seated'`;

    const { context, page } = await keyboardPage();
    await signInByKeyboard(page, { mode: "hall", username: "zhangsan", password: "Demo@2026" });
    await page.waitForURL((u) => u.pathname.startsWith("/person/"));
    await page.waitForLoadState("networkidle");

    // 考试报名 → 我要报名 for the 质量员 exam.
    await skipToMain(page);
    await tabTo(page, "我要报名：2026年第四季度质量员岗位考试", { role: "link" });
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === "/person/registrations/new");
    await page.getByRole("heading", { name: "我要报名" }).waitFor();
    await skipToMain(page);
    await tabTo(page, /^参加工作时间/);
    await typeDate(page, "2010-07-01");
    await tabTo(page, /^从事工作年限/);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("12");
    await tabTo(page, /选择照片/, { role: "button" });
    await chooseFileWithKeyboard(page, { name: "照片.jpg", mimeType: "image/jpeg", buffer: await photoJpeg() });
    await page.getByRole("img", { name: "生成的一寸照片" }).waitFor();
    await tabTo(page, "保存", { role: "button" });
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => /^\/person\/registrations\/\d+$/.test(u.pathname));
    await page.getByText("报名成功").first().waitFor();

    // 打印准考证: through the menu, the plan picker dialog and the list.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, "打印准考证", { role: "link" });
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === "/person/tickets");
    await page.waitForLoadState("networkidle");
    await skipToMain(page);
    const trigger = await tabTo(page, /^考试名称/);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "考试计划选择" });
    await dialog.waitFor();
    await assertFocusTrapped(page);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect((await focused(page)).id, "focus back on the dialog's trigger").toBe(trigger.id);
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await tabTo(page, "考试名称");
    await page.keyboard.type("资料员");
    await page.keyboard.press("Enter");
    await dialog.getByRole("button", { name: new RegExp(plan.name) }).waitFor();
    await tabTo(page, new RegExp(plan.name), { role: "button" });
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "hidden" });
    expect((await focused(page)).id).toBe(trigger.id);
    await tabTo(page, "查询", { role: "button" });
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: `详细：${plan.name}` }).waitFor();
    await tabTo(page, `详细：${plan.name}`, { role: "link" });
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "准考证" }).first().waitFor();
    await page.getByText(ticketNo).first().waitFor();
    await context.close();
    expect(unseen).toEqual([]);
  });

  it("企业：登录 → 考试报名（一人）", async () => {
    unseen.length = 0;
    const [emp] = await sql`select p.name, p.id_number from persons p join users u on u.organization_id = p.employer_org_id
      where u.username = 'chengjian' and not exists (select 1 from registrations r where r.person_id = p.id) and p.name <> '张三' order by p.id limit 1`;
    const { context, page } = await keyboardPage();
    await signInByKeyboard(page, { mode: "hall", username: "chengjian", password: "Demo@2026" });
    await page.waitForURL((u) => u.pathname.startsWith("/enterprise/"));
    await page.waitForLoadState("networkidle");
    await skipToMain(page);
    await tabTo(page, "我要报名：2026年第四季度施工员岗位考试", { role: "link" });
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "查找本单位人员" }).waitFor();
    await skipToMain(page);
    await tabTo(page, /^姓名或证件号码/);
    await page.keyboard.type(emp.id_number);
    await tabTo(page, "查询", { role: "button" });
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: `选择 ${emp.name}` }).first().waitFor();
    await tabTo(page, `选择 ${emp.name}`, { role: "button" });
    await page.keyboard.press("Enter");
    await page.getByText(/此人/).first().waitFor();
    await tabTo(page, /^参加工作时间/);
    await typeDate(page, "2018-07-01");
    await tabTo(page, /^从事工作年限/);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("5");
    await tabTo(page, /选择照片/, { role: "button" });
    await chooseFileWithKeyboard(page, { name: "照片.jpg", mimeType: "image/jpeg", buffer: await photoJpeg() });
    await page.getByRole("img", { name: "生成的一寸照片" }).waitFor();
    await tabTo(page, "保存", { role: "button" });
    await page.keyboard.press("Enter");
    await page.getByText("报名成功").first().waitFor();
    const [saved] = await sql`select r.status from registrations r join persons p on p.id = r.person_id where p.id_number = ${emp.id_number}`;
    expect(saved.status).toBe("submitted");
    await context.close();
    expect(unseen).toEqual([]);
  });

  it("培训机构：登录 → 证书进京 新建申请", async () => {
    unseen.length = 0;
    const idNumber = makeChineseId("360102", "1985-06-15", Number(RUN) % 1000);
    const certNo = `赣KB${RUN}`;
    const { context, page } = await keyboardPage();
    await signInByKeyboard(page, { mode: "staff", username: "peixun", password: "Demo@2026" });
    await page.waitForURL((u) => u.pathname.startsWith("/trainer/"));
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, "证书进京", { role: "link" });
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === "/trainer/transfers");
    await page.waitForLoadState("networkidle");
    await skipToMain(page);
    await tabTo(page, "新建申请表", { role: "link" });
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "证书进京申请表", level: 1 }).waitFor();
    await skipToMain(page);
    await tabTo(page, /^证件号码/);
    await page.keyboard.type(idNumber);
    await tabTo(page, /^姓名/);
    await page.getByText("系统中无此人员，已根据证件号码判断性别和出生日期").waitFor();
    await page.keyboard.type("赣三");
    await tabTo(page, /^岗位工种/, { role: "combobox" });
    for (let i = 0; i < 30 && !(await page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0]?.text.startsWith("施工员"))); i++) {
      await page.keyboard.press("ArrowDown");
    }
    await tabTo(page, /^证书编号/);
    await page.keyboard.type(certNo);
    await tabTo(page, /^发证机关/);
    await page.keyboard.type("江西省住房和城乡建设厅");
    await tabTo(page, /^发证日期/);
    await typeDate(page, "2024-03-01");
    await tabTo(page, /^证书有效期至/);
    await typeDate(page, "2028-02-29");
    await tabTo(page, /证书扫描件/);
    await chooseFileWithKeyboard(page, { name: "原证书扫描件.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n") });
    await tabTo(page, "保存", { role: "button" });
    await page.keyboard.press("Enter");
    await page.getByText("申请成功", { exact: true }).waitFor();
    const [row] = await sql`select status from certificate_applications where origin_certificate_no = ${certNo}`;
    expect(row.status).toBe("applied");
    await context.close();
    expect(unseen).toEqual([]);
  });

  it("听语音验证码：键盘可达，加载出当前验证码的语音，之后仍可用同一答案登录", async () => {
    unseen.length = 0;
    await sql`delete from rate_limits where key like 'login-ip:%' or key like 'captcha-ip:%'`;
    const { context, page } = await keyboardPage();
    await page.goto("/login");
    await skipToMain(page);
    await tabTo(page, "从业人员 / 企业", { role: "tab" });
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.activeElement?.textContent === "培训机构 / 注册中心");
    await tabTo(page, /^用户名/);
    await page.keyboard.type("admin");
    await tabTo(page, /^密码/);
    await page.keyboard.type("Admin@2026");
    const answer = await captchaAnswer(page);
    const audioResponse = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/captcha/audio");
    await tabTo(page, "听语音验证码", { role: "button" });
    await page.keyboard.press("Enter");
    const res = await audioResponse;
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("audio/wav");
    // The player loads the clip (four digits, several seconds) and is itself a tab stop with a name.
    await page.waitForFunction(() => {
      const a = document.querySelector("audio");
      return Boolean(a && a.readyState >= 1 && a.duration > 3);
    });
    const player = await tab(page);
    expect(`${player.tag}:${player.name}`).toBe("audio:语音验证码，四位数字");
    await tabTo(page, /^验证码/, { back: true });
    await page.keyboard.type(answer);
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === "/admin");
    await context.close();
    expect(unseen).toEqual([]);
  });

  it("手机宽度（390px）：菜单按钮打开的菜单困住焦点，Esc 关闭后焦点回到按钮，Enter 打开菜单项", async () => {
    unseen.length = 0;
    const { context, page } = await newPage(browser, { width: 390, height: 844 });
    await signInByKeyboard(page, { mode: "hall", username: "chengjian", password: "Demo@2026" });
    await page.waitForURL((u) => u.pathname.startsWith("/enterprise/"));
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const trigger = await tabTo(page, "打开菜单", { role: "button" });
    await page.keyboard.press("Enter");
    const menu = page.getByRole("dialog");
    await menu.waitFor();
    await assertFocusTrapped(page);
    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "hidden" });
    const back = await focused(page);
    expect(`${back.role}:${back.name}`, "focus back on 打开菜单").toBe(`${trigger.role}:${trigger.name}`);
    await page.keyboard.press("Enter");
    await menu.waitFor();
    await tabTo(page, "企业人员信息", { role: "link" });
    expect((await focused(page)).inDialog).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === "/enterprise/employees");
    await menu.waitFor({ state: "hidden" });
    // Focus is at the start of the new page, as after a page load, not back on 打开菜单: the next Tab is 跳到主要内容.
    const next = await tab(page);
    expect(`${next.role}:${next.name}`).toBe("link:跳到主要内容");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "main");
    await context.close();
    expect(unseen).toEqual([]);
  });

  it("注册中心：登录 → 报名审核 通过一人（确认对话框困住焦点，关闭后焦点回到按钮）", async () => {
    unseen.length = 0;
    const [reg] = await sql`select r.id, p.name from registrations r join persons p on p.id = r.person_id
      where r.status = 'submitted' and p.name <> '张三' order by r.id limit 1`;
    const { context, page } = await keyboardPage();
    await signInByKeyboard(page, { mode: "staff", username: "admin", password: "Admin@2026" });
    await page.waitForURL((u) => u.pathname === "/admin");
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, "报名审核", { role: "link" });
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === "/admin/registrations");
    await page.waitForLoadState("networkidle");
    await skipToMain(page);
    await tabTo(page, `勾选 ${reg.name}`, { role: "checkbox", max: 150 });
    await page.keyboard.press("Space");
    await page.getByRole("checkbox", { name: `勾选 ${reg.name}` }).first().and(page.locator('[aria-checked="true"],:checked')).waitFor();
    const approve = await tabTo(page, "审核通过", { role: "button", back: true });
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    await assertFocusTrapped(page);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    const back = await focused(page);
    expect(`${back.role}:${back.name}`, "focus back on 审核通过").toBe(`${approve.role}:${approve.name}`);
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await tabTo(page, "审核通过", { role: "button" });
    expect((await focused(page)).inDialog).toBe(true);
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "hidden" });
    for (let i = 0; i < 50; i++) {
      const [r] = await sql`select status from registrations where id = ${reg.id}`;
      if (r.status === "approved") break;
      await new Promise((res) => setTimeout(res, 200));
    }
    const [after] = await sql`select status from registrations where id = ${reg.id}`;
    expect(after.status).toBe("approved");
    await context.close();
    expect(unseen).toEqual([]);
  });
});
