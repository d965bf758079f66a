import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Imports run one way: app → components → lib → db. Services and queries must be callable from a batch job
 * or a script, so nothing they reach may import the web framework or the Auth.js session.
 */
const root = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(rel);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|^\s*import\s+"([^"]+)"/gm)]
    .filter((m) => !/^\s*import\s+type\s/.test(m[0]) && !/^\s*export\s+type\s/.test(m[0]))
    .map((m) => m[1] ?? m[2]);
}

/** The repository file an import names, or null for a package. */
function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.join(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (existsSync(path.join(root, candidate)) && statSync(path.join(root, candidate)).isFile()) return candidate;
  }
  return null;
}

/** Every package a file reaches through the repository's own modules, with the chain that reaches it. */
function reachablePackages(start: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(file)) {
      const target = resolve(file, spec);
      if (target) walk(target, [...chain, target]);
      else if (!spec.startsWith("@/") && !spec.startsWith(".")) {
        if (!found.has(spec)) found.set(spec, chain);
      } else if (!found.has(spec)) found.set(spec, chain);
    }
  };
  walk(start, [start]);
  return found;
}

describe("imports run one way", () => {
  it("lib/errors.ts imports nothing", () => {
    expect(importsOf("lib/errors.ts")).toEqual([]);
  });

  it("services and queries reach neither next/* nor the Auth.js session", () => {
    const offences: string[] = [];
    for (const file of [...sourceFiles("lib/services"), ...sourceFiles("lib/queries")]) {
      for (const [spec, chain] of reachablePackages(file)) {
        if (/^next(\/|$)|^next-auth|^@\/auth$/.test(spec) || spec === "@/auth") offences.push(`${chain.join(" → ")} → ${spec}`);
      }
      for (const spec of importsOf(file)) {
        if (resolve(file, spec) === "auth.ts") offences.push(`${file} → @/auth`);
      }
    }
    expect(offences).toEqual([]);
  });

  it("nothing in components/ or lib/ imports from app/", () => {
    const offences: string[] = [];
    for (const file of [...sourceFiles("components"), ...sourceFiles("lib")]) {
      for (const spec of importsOf(file)) {
        const target = resolve(file, spec) ?? (spec.startsWith("@/app/") ? spec : null);
        if (target?.replace(/^@\//, "").startsWith("app/")) offences.push(`${file} → ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
