import "server-only";
import { and, asc, count, eq, like, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { examPlans, organizations, registrations, rooms, trades, users, venues, type Role } from "@/db/schema";
import { likeEscape, likePattern } from "../like";
import { PAGE_SIZE } from "./params";

export async function listTrades(db: DbOrTx) {
  return db
    .select({
      id: trades.id,
      code: trades.code,
      name: trades.name,
      category: trades.category,
      validityYears: trades.validityYears,
      status: trades.status,
      plans: sql<number>`(select count(*)::int from ${examPlans} where ${examPlans.tradeId} = ${trades.id})`,
    })
    .from(trades)
    .orderBy(asc(trades.status), asc(trades.code));
}

export async function getTrade(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: trades.id, code: trades.code, name: trades.name, category: trades.category, validityYears: trades.validityYears, status: trades.status })
    .from(trades)
    .where(eq(trades.id, id));
  return row ?? null;
}

export async function listVenues(db: DbOrTx) {
  return db
    .select({
      id: venues.id,
      name: venues.name,
      address: venues.address,
      status: venues.status,
      rooms: sql<number>`(select count(*)::int from ${rooms} where ${rooms.venueId} = ${venues.id})`,
      seats: sql<number>`(select coalesce(sum(${rooms.capacity}), 0)::int from ${rooms} where ${rooms.venueId} = ${venues.id})`,
    })
    .from(venues)
    .orderBy(asc(venues.status), asc(venues.id));
}

export async function getVenue(db: DbOrTx, id: number) {
  const [venue] = await db.select({ id: venues.id, name: venues.name, address: venues.address, status: venues.status }).from(venues).where(eq(venues.id, id));
  if (!venue) return null;
  const roomRows = await db
    .select({
      id: rooms.id,
      name: rooms.name,
      capacity: rooms.capacity,
      sortOrder: rooms.sortOrder,
      used: sql<boolean>`exists (select 1 from ${registrations} where ${registrations.roomId} = ${rooms.id})`,
    })
    .from(rooms)
    .where(eq(rooms.venueId, id))
    .orderBy(asc(rooms.sortOrder), asc(rooms.id));
  return { ...venue, rooms: roomRows };
}

export type OrgFilters = { q?: string; kind?: "enterprise" | "trainer"; status?: "active" | "disabled" };

const ORG_COLUMNS = {
  id: organizations.id,
  kind: organizations.kind,
  name: organizations.name,
  uscc: organizations.uscc,
  orgCode: organizations.orgCode,
  contactName: organizations.contactName,
  contactPhone: organizations.contactPhone,
  status: organizations.status,
};

export async function listOrganizations(db: DbOrTx, f: OrgFilters, page: number, pageSize = PAGE_SIZE) {
  const conds: (SQL | undefined)[] = [];
  if (f.q) {
    const code = f.q.toUpperCase().replace("-", "");
    conds.push(or(like(organizations.name, likePattern(f.q)), eq(organizations.uscc, code), eq(organizations.orgCode, code)));
  }
  if (f.kind) conds.push(eq(organizations.kind, f.kind));
  if (f.status) conds.push(eq(organizations.status, f.status));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ ...ORG_COLUMNS, accounts: sql<number>`(select count(*)::int from ${users} where ${users.organizationId} = ${organizations.id})` })
      .from(organizations)
      .where(where)
      .orderBy(asc(organizations.kind), asc(organizations.name))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(organizations).where(where),
  ]);
  return { rows, total };
}

export async function getOrganization(db: DbOrTx, id: number) {
  const [org] = await db
    .select({ ...ORG_COLUMNS, address: organizations.address })
    .from(organizations)
    .where(eq(organizations.id, id));
  if (!org) return null;
  const accounts = await listAccounts(db, { orgId: id }, 1, 100);
  return { ...org, accounts: accounts.rows };
}

export type AccountFilters = { q?: string; role?: Role; status?: "active" | "disabled"; orgId?: number };

/** Accounts, never their password hashes. */
export async function listAccounts(db: DbOrTx, f: AccountFilters, page: number, pageSize = PAGE_SIZE) {
  const conds: (SQL | undefined)[] = [];
  if (f.q) conds.push(or(like(sql`lower(${users.username})`, `${likeEscape(f.q.toLowerCase())}%`), like(users.displayName, likePattern(f.q))));
  if (f.role) conds.push(eq(users.role, f.role));
  if (f.status) conds.push(eq(users.status, f.status));
  if (f.orgId) conds.push(eq(users.organizationId, f.orgId));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        status: users.status,
        organizationName: organizations.name,
        lastLoginAt: users.lastLoginAt,
        locked: sql<boolean>`coalesce(${users.lockedUntil} > now(), false)`,
      })
      .from(users)
      .leftJoin(organizations, eq(organizations.id, users.organizationId))
      .where(where)
      .orderBy(asc(users.role), asc(sql`lower(${users.username})`))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { rows, total };
}

export type AccountRow = Awaited<ReturnType<typeof listAccounts>>["rows"][number];

/** Organisations for filter pickers. */
export async function organizationOptions(db: DbOrTx) {
  return db
    .select({ id: organizations.id, kind: organizations.kind, name: organizations.name })
    .from(organizations)
    .orderBy(asc(organizations.kind), asc(organizations.name))
    .limit(1000);
}
