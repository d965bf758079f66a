import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { applicationBatches, certificateApplicationFiles, certificateApplications, certificates, documentJobs, importBatches, persons, registrations, users } from "@/db/schema";
import { uploadPhoto } from "@/lib/services/photos";
import { makeJpeg } from "./person-fixtures";
import { NO_PERMISSION, NOT_SIGNED_IN } from "@/lib/actions";
import { ACCESS_REGISTRY, type AccessRule } from "@/lib/auth/access-registry";
import { AccessDenied } from "@/lib/auth/guards";
import type { Role } from "@/lib/auth/roles";
import { ACCESS_SAMPLES, type RouteSample, type SampleContext } from "../support/access-samples";
import { actAs } from "../support/users";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ROLES: Role[] = ["person", "enterprise", "trainer", "admin"];
/** The signed-in test account for each role; the victim's records belong to none of them. */
const ACCOUNT: Record<Role, string> = { person: "zhangsan", enterprise: "chengjian", trainer: "peixun", admin: "admin" };
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes("node_modules"))
    .map((f) => path.posix.join(dir, f.split(path.sep).join("/")));
}

/** Every `'use server'` export and every route handler method in the source, as "file#name". */
function enumerateEndpoints(): string[] {
  const found: string[] = [];
  for (const file of ["app", "lib", "components"].flatMap(sourceFiles)) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const isRoute = path.posix.basename(file) === "route.ts";
    const isServer = /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*\s*["']use server["']/.test(text);
    if (!isRoute && !isServer) continue;
    const names = new Set<string>();
    for (const m of text.matchAll(/^export\s+(?:async\s+)?function\s+(\w+)/gm)) names.add(m[1]);
    for (const m of text.matchAll(/^export\s+(?:const|let|var)\s+(\w+)/gm)) names.add(m[1]);
    for (const m of text.matchAll(/^export\s+(?:const|let)\s+\{([^}]+)\}/gm)) for (const n of m[1].split(",")) names.add(n.split(":").pop()!.trim());
    for (const m of text.matchAll(/^export\s+\{([^}]+)\}/gm)) for (const n of m[1].split(",")) names.add(n.split(/\s+as\s+/).pop()!.trim());
    for (const name of names) {
      if (!name) continue;
      if (isRoute && !HTTP_METHODS.includes(name)) continue; // dynamic, revalidate, … are configuration
      found.push(`${file}#${name}`);
    }
  }
  return found.sort();
}

const registered = Object.entries(ACCESS_REGISTRY).flatMap(([file, names]) => Object.keys(names).map((n) => `${file}#${n}`)).sort();

/** All rows of all tables, reduced to a count and a hash per table: any insert, update or delete changes it. */
async function fingerprint(): Promise<string> {
  const tables = await db.execute<{ t: string }>(sql`select quote_ident(tablename) as t from pg_tables where schemaname = 'public' order by 1`);
  const parts = tables.map(({ t }) => `(select count(*)::text || ':' || coalesce(sum(hashtext(x::text)::bigint), 0)::text from ${t} x)`);
  const [row] = await db.execute<{ f: string }>(sql.raw(`select concat_ws('|', ${parts.join(", ")}) as f`));
  return row.f;
}

const isRefusalMessage = (m: unknown) => typeof m === "string" && (m === NOT_SIGNED_IN || m === NO_PERMISSION || m === new AccessDenied().message || /不存在/.test(m));

type Outcome = { refused: boolean; status?: number; answer: string };

function refusalFromThrow(e: unknown): Outcome {
  const digest = (e as { digest?: unknown })?.digest;
  if (typeof digest === "string") {
    // redirect("/login"), redirect("/forbidden"), forbidden(), notFound(): the framework's refusals.
    if (digest.startsWith("NEXT_REDIRECT")) {
      const target = digest.split(";")[2] ?? "";
      return { refused: /^\/(login|forbidden)|^\/(person|enterprise|trainer|admin)\b/.test(target), answer: digest };
    }
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK")) return { refused: true, answer: digest };
  }
  if ((e as Error)?.name === "AccessDenied") return { refused: true, answer: (e as Error).message };
  throw e;
}

async function invoke(file: string, name: string, ctx: SampleContext): Promise<Outcome> {
  const mod = (await import(path.join(ROOT, file))) as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const sample = ACCESS_SAMPLES[file]?.[name];
  if (!sample) throw new Error(`no sample call for ${file}#${name}: add one to tests/support/access-samples.ts`);
  try {
    if (path.posix.basename(file) === "route.ts") {
      const s = sample(ctx) as RouteSample;
      const res = (await mod[name](new Request(`http://localhost${s.url}`, s.init), { params: Promise.resolve(s.params ?? {}) })) as Response;
      const text = /^(text|application\/json)/.test(res.headers.get("content-type") ?? "text/plain") ? await res.text() : `<${res.headers.get("content-type")}>`;
      return { refused: [401, 403, 404].includes(res.status), status: res.status, answer: text };
    }
    const result = (await mod[name](sample(ctx))) as { ok?: boolean; error?: string } | undefined;
    // A refusal names who may not (or "not found"); a validation message would mean the guard let it through.
    return { refused: result?.ok === false && isRefusalMessage(result.error), answer: JSON.stringify(result ?? null) };
  } catch (e) {
    return refusalFromThrow(e);
  }
}

let ctx: SampleContext;
let secrets: string[] = [];

beforeAll(async () => {
  const [v] = await db.execute<{ id: number; person_id: number; photo: string; registration_no: string; name: string; id_number: string }>(sql`
    select r.id, r.person_id, ''::text as photo, r.registration_no, p.name, p.id_number
    from registrations r join persons p on p.id = r.person_id
    where not exists (select 1 from users u where u.person_id = p.id)
      and not exists (select 1 from users u where u.username in ('chengjian', 'peixun')
                      and u.organization_id in (coalesce(r.submitter_org_id, 0), coalesce(r.employer_org_id, 0), coalesce(p.employer_org_id, 0)))
    order by r.id limit 1`);
  if (!v) throw new Error("the test database has no registration of an unrelated person");
  // The victim's one-inch photo, uploaded as the victim.
  const [victimUser] = await db.insert(users).values({ username: "matrix-victim", role: "person", displayName: v.name, personId: v.person_id }).returning();
  const photo = await uploadPhoto(db, { id: victimUser.id, username: victimUser.username, role: "person", displayName: v.name, personId: v.person_id, organizationId: null }, { data: await makeJpeg(), declaredType: "image/jpeg", originalName: "me.jpg" });
  if (!photo.ok) throw new Error(photo.error);
  await db.update(persons).set({ photoFileId: photo.fileId }).where(eq(persons.id, v.person_id));
  await db.update(registrations).set({ photoFileId: photo.fileId }).where(eq(registrations.id, v.id));
  v.photo = photo.fileId;
  const [cert] = await db.execute<{ id: number; certificate_no: string }>(sql`
    select c.id, c.certificate_no from certificates c join persons p on p.id = c.person_id
    where not exists (select 1 from users u where u.person_id = p.id)
      and not exists (select 1 from users u where u.username = 'chengjian' and u.organization_id = coalesce(p.employer_org_id, 0))
    order by c.id limit 1`);
  // A 变更 application of the victim's certificate, filed by the victim, with the victim's photo as its scan.
  let application = { id: 999_999, fileId: photo.fileId };
  if (cert) {
    const [c] = await db.select().from(certificates).where(eq(certificates.id, cert.id));
    const [batch] = await db.insert(applicationBatches).values({ batchNo: "BG20260101999999", kind: "change", submitterKind: "person", submittedByUserId: victimUser.id }).returning();
    const [app] = await db
      .insert(certificateApplications)
      .values({ batchId: batch.id, kind: "change", certificateId: c.id, personId: c.personId, tradeId: c.tradeId, payload: { before: { employerName: c.employerName }, after: { employerName: "另一家单位" } } })
      .returning();
    await db.insert(certificateApplicationFiles).values({ applicationId: app.id, fileId: photo.fileId });
    application = { id: app.id, fileId: photo.fileId };
  }
  const [ref] = await db.execute<{ plan: number; trade: number; venue: number; room: number; org: number; zs: number }>(sql`
    select (select id from exam_plans order by id limit 1) as plan, (select id from trades order by id limit 1) as trade,
           (select id from venues order by id limit 1) as venue, (select id from rooms order by id limit 1) as room,
           (select organization_id from users where username = 'zhuzong') as org, (select id from users where username = 'zhangsan') as zs`);
  // Another organisation's batch import, open for photos and confirming: the victim of the batch actions.
  const [victimBatch] = await db
    .insert(importBatches)
    .values({ kind: "registrations", planId: ref.plan, organizationId: ref.org, status: "checked", originalName: "其他单位报名表.xlsx", totalRows: 1, okRows: 1 })
    .returning({ id: importBatches.id });
  // A finished 下载全部准考证 of another enterprise, its file the victim's photo (any stored file will do).
  const [job] = await db
    .insert(documentJobs)
    .values({ kind: "tickets", organizationId: ref.org, planId: ref.plan, status: "done", total: 1, done: 1, fileId: photo.fileId, finishedAt: new Date() })
    .returning({ id: documentJobs.id });
  ctx = {
    victimBatchId: victimBatch.id,
    victimDocumentJobId: job.id,
    victimRegistrationId: v.id,
    victimPersonId: v.person_id,
    victimPhotoFileId: v.photo,
    victimCertificateId: cert?.id ?? 999_999,
    victimApplicationId: application.id,
    victimApplicationFileId: application.fileId,
    planId: ref.plan,
    tradeId: ref.trade,
    venueId: ref.venue,
    roomId: ref.room,
    organizationId: ref.org,
    zhangsanUserId: ref.zs,
    xlsx: new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], "x.xlsx"),
  };
  secrets = [v.registration_no, v.id_number, v.name, cert?.certificate_no].filter((s): s is string => Boolean(s) && s.length >= 2);
});

describe("权限矩阵", () => {
  it("每个 server action 和 route handler 都在权限登记表中（新增的必须登记）", () => {
    const found = enumerateEndpoints();
    expect(found.length).toBeGreaterThan(40);
    expect(found.filter((k) => !registered.includes(k)), "not in lib/auth/access-registry.ts").toEqual([]);
    expect(registered.filter((k) => !found.includes(k)), "in the registry but no longer in the source").toEqual([]);
    const samples = Object.entries(ACCESS_SAMPLES).flatMap(([f, n]) => Object.keys(n).map((k) => `${f}#${k}`));
    const guarded = Object.entries(ACCESS_REGISTRY).flatMap(([f, n]) => Object.entries(n).filter(([, r]) => r.roles !== "anyone").map(([k]) => `${f}#${k}`));
    expect(guarded.filter((k) => !samples.includes(k)), "no sample call in tests/support/access-samples.ts").toEqual([]);
  });

  it("未登录、其他角色、同角色但非本人记录：一律拒绝，不写入，不返回记录内容", async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const [file, names] of Object.entries(ACCESS_REGISTRY)) {
      for (const [name, rule] of Object.entries(names) as [string, AccessRule][]) {
        if (rule.roles === "anyone") continue;
        const allowed = rule.roles;
        const callers: { who: Role | null; kind: "signed-out" | "wrong role" | "wrong owner" }[] = [
          { who: null, kind: "signed-out" },
          ...ROLES.filter((r) => !allowed.includes(r)).map((who) => ({ who, kind: "wrong role" as const })),
          ...(rule.owner === "record" ? allowed.filter((r) => r !== "admin").map((who) => ({ who, kind: "wrong owner" as const })) : []),
        ];
        for (const { who, kind } of callers) {
          await actAs(who ? ACCOUNT[who] : null);
          const before = await fingerprint();
          const out = await invoke(file, name, ctx);
          const after = await fingerprint();
          calls++;
          const label = `${file}#${name} as ${who ?? "anonymous"} (${kind})`;
          if (!out.refused) failures.push(`${label}: not refused (${out.status ?? ""} ${out.answer.slice(0, 120)})`);
          if (kind === "wrong owner" && out.status !== undefined && out.status !== 404) failures.push(`${label}: answered ${out.status}, not 404`);
          if (before !== after) failures.push(`${label}: wrote to the database`);
          const leaked = secrets.filter((s) => out.answer.includes(s));
          if (leaked.length) failures.push(`${label}: answer contains ${leaked.join(", ")}`);
        }
      }
    }
    console.log(`access matrix: ${calls} calls (endpoints × callers) refused`);
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(100);
  });
});

describe("每个表单的文字规则", () => {
  it("每个 server action：允许的角色提交含控制字符、零宽字符或无效 UTF-8 的文字，一律以中文提示拒绝，不写入", async () => {
    const failures: string[] = [];
    let calls = 0;
    const hostile: [string, RegExp][] = [
      ["张\u0000三", /^提交的内容含有控制字符，请修改后重新提交$/],
      ["张\u200b三", /^提交的内容含有不可见的格式字符（零宽字符或文字方向控制符），请修改后重新提交$/],
      ["张\ufffd三", /^提交的内容含有无法识别的字符（不是有效的 UTF-8 文本），请修改后重新提交$/],
    ];
    for (const [file, names] of Object.entries(ACCESS_REGISTRY)) {
      if (path.posix.basename(file) === "route.ts") continue;
      for (const [name, rule] of Object.entries(names) as [string, AccessRule][]) {
        if (rule.roles === "anyone") continue; // sign-in: its own form, nothing of it is stored but the masked name
        const mod = (await import(path.join(ROOT, file))) as Record<string, (input: unknown) => Promise<{ ok?: boolean; error?: string } | undefined>>;
        await actAs(ACCOUNT[rule.roles[0]]);
        for (const [text, message] of hostile) {
          const sample = ACCESS_SAMPLES[file][name](ctx);
          // One extra field of typed text: the rule covers every string of a form, whatever the field.
          let input: unknown;
          if (sample instanceof FormData) {
            sample.append("remark", text);
            input = sample;
          } else if (sample && typeof sample === "object" && !Array.isArray(sample)) input = { ...sample, remark: text };
          else {
            failures.push(`${file}#${name}: sample is not a form (${typeof sample})`);
            break;
          }
          const before = await fingerprint();
          const out = await mod[name](input).catch((e: Error) => ({ ok: undefined, error: `threw ${e.message}` }));
          calls++;
          if (out?.ok !== false || !message.test(out.error ?? "")) failures.push(`${file}#${name} (${JSON.stringify(text)}): ${JSON.stringify(out).slice(0, 160)}`);
          if ((await fingerprint()) !== before) failures.push(`${file}#${name}: wrote to the database`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(90);
  });
});
