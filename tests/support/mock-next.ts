/**
 * Integration tests call server actions and services directly, outside a Next.js request.
 * The signed-in user comes from `actAs()` instead of a session cookie; nothing here exists in the app build.
 * Services need none of these stubs (they import neither next/* nor the session: lib/import-rules.test.ts);
 * the server actions do, through `defineAction` and `revalidatePath`.
 */
import { vi } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";

const state = globalThis as unknown as { __testUser?: SessionUser | null };

vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => state.__testUser ?? null,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));
vi.mock("@/auth", () => ({
  auth: async () => null,
  signIn: async () => {},
  signOut: async () => {},
  unstable_update: async () => null,
  hallEnabled: false,
  HALL_REFUSALS: {},
  handlers: {},
}));
