import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { Role } from "@/db/schema";
import { likeEscape } from "../like";
import { PAGE_SIZE } from "./params";

export async function listTrades(db: DbOrTx) {
  return (await db.execute(sql`
    select t.id, t.code, t.name, t.category, t.validity_years as "validityYears", t.status,
           (select count(*)::int from exam_plans ep where ep.trade_id = t.id) as plans
    from trades t order by t.status, t.code`)) as unknown as { id: number; code: string; name: string; category: string; validityYears: number; status: "active" | "retired"; plans: number }[];
}

export async function getTrade(db: DbOrTx, id: number) {
  const [row] = (await db.execute(sql`select id, code, name, category, validity_years as "validityYears", status from trades where id = ${id}`)) as unknown as {
    id: number;
    code: string;
    name: string;
    category: string;
    validityYears: number;
    status: "active" | "retired";
  }[];
  return row ?? null;
}

export async function listVenues(db: DbOrTx) {
  const venues = (await db.execute(sql`
    select v.id, v.name, v.address, v.status,
           (select count(*)::int from rooms r where r.venue_id = v.id) as rooms,
           (select coalesce(sum(capacity), 0)::int from rooms r where r.venue_id = v.id) as seats
    from venues v order by v.status, v.id`)) as unknown as { id: number; name: string; address: string; status: "active" | "retired"; rooms: number; seats: number }[];
  return venues;
}

export async function getVenue(db: DbOrTx, id: number) {
  const [venue] = (await db.execute(sql`select id, name, address, status from venues where id = ${id}`)) as unknown as { id: number; name: string; address: string; status: "active" | "retired" }[];
  if (!venue) return null;
  const rooms = (await db.execute(sql`
    select r.id, r.name, r.capacity, r.sort_order as "sortOrder",
           exists (select 1 from registrations g where g.room_id = r.id) as used
    from rooms r where r.venue_id = ${id} order by r.sort_order, r.id`)) as unknown as { id: number; name: string; capacity: number; sortOrder: number; used: boolean }[];
  return { ...venue, rooms };
}

export type OrgFilters = { q?: string; kind?: "enterprise" | "trainer"; status?: "active" | "disabled" };

export async function listOrganizations(db: DbOrTx, f: OrgFilters, page: number, pageSize = PAGE_SIZE) {
  const c: SQL[] = [sql`true`];
  if (f.q) {
    const code = f.q.toUpperCase().replace("-", "");
    c.push(sql`(o.name like ${`%${likeEscape(f.q)}%`} or o.uscc = ${code} or o.org_code = ${code})`);
  }
  if (f.kind) c.push(sql`o.kind = ${f.kind}`);
  if (f.status) c.push(sql`o.status = ${f.status}`);
  const where = sql.join(c, sql` and `);
  const [rows, [{ total }]] = await Promise.all([
    db.execute(sql`
      select o.id, o.kind, o.name, o.uscc, o.org_code as "orgCode", o.contact_name as "contactName", o.contact_phone as "contactPhone", o.status,
             (select count(*)::int from users u where u.organization_id = o.id) as accounts
      from organizations o where ${where}
      order by o.kind, o.name limit ${pageSize} offset ${(page - 1) * pageSize}`),
    db.execute(sql`select count(*)::int as total from organizations o where ${where}`),
  ]);
  return {
    rows: rows as unknown as { id: number; kind: "enterprise" | "trainer"; name: string; uscc: string | null; orgCode: string | null; contactName: string | null; contactPhone: string | null; status: "active" | "disabled"; accounts: number }[],
    total: Number(total),
  };
}

export async function getOrganization(db: DbOrTx, id: number) {
  const [org] = (await db.execute(sql`
    select id, kind, name, uscc, org_code as "orgCode", contact_name as "contactName", contact_phone as "contactPhone", address, status
    from organizations where id = ${id}`)) as unknown as {
    id: number;
    kind: "enterprise" | "trainer";
    name: string;
    uscc: string | null;
    orgCode: string | null;
    contactName: string | null;
    contactPhone: string | null;
    address: string | null;
    status: "active" | "disabled";
  }[];
  if (!org) return null;
  const accounts = await listAccounts(db, { orgId: id }, 1, 100);
  return { ...org, accounts: accounts.rows };
}

export type AccountFilters = { q?: string; role?: Role; status?: "active" | "disabled"; orgId?: number };
export type AccountRow = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  status: "active" | "disabled";
  organizationName: string | null;
  lastLoginAt: string | null;
  locked: boolean;
};

/** Accounts, never their password hashes. */
export async function listAccounts(db: DbOrTx, f: AccountFilters, page: number, pageSize = PAGE_SIZE) {
  const c: SQL[] = [sql`true`];
  if (f.q) c.push(sql`(lower(u.username) like ${`${likeEscape(f.q.toLowerCase())}%`} or u.display_name like ${`%${likeEscape(f.q)}%`})`);
  if (f.role) c.push(sql`u.role = ${f.role}`);
  if (f.status) c.push(sql`u.status = ${f.status}`);
  if (f.orgId) c.push(sql`u.organization_id = ${f.orgId}`);
  const where = sql.join(c, sql` and `);
  const [rows, [{ total }]] = await Promise.all([
    db.execute(sql`
      select u.id, u.username, u.display_name as "displayName", u.role, u.status, o.name as "organizationName",
             u.last_login_at as "lastLoginAt", coalesce(u.locked_until > now(), false) as locked
      from users u left join organizations o on o.id = u.organization_id
      where ${where} order by u.role, lower(u.username) limit ${pageSize} offset ${(page - 1) * pageSize}`),
    db.execute(sql`select count(*)::int as total from users u where ${where}`),
  ]);
  return { rows: rows as unknown as AccountRow[], total: Number(total) };
}

/** Organisations for filter pickers. */
export async function organizationOptions(db: DbOrTx) {
  return (await db.execute(sql`select id, kind, name from organizations order by kind, name limit 1000`)) as unknown as { id: number; kind: "enterprise" | "trainer"; name: string }[];
}
