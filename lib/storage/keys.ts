/** Storage keys: made by newStorageKey, never by users; every store checks them the same way. */
export const STORAGE_KEY = /^[a-z0-9][a-z0-9/_-]*(\.[a-z0-9]+)?$/;

/** Refuses a key no store should hold: "..", upper case, spaces. Every store checks it the same way. */
export function checkStorageKey(key: string) {
  if (!STORAGE_KEY.test(key) || key.includes("..") || key.includes("//") || key.endsWith("/")) throw new Error(`invalid storage key: ${key}`);
  return key;
}

/** A prefix for list(): "" or what a key may start with. */
export function checkStoragePrefix(prefix: string) {
  if (prefix !== "" && (!/^[a-z0-9][a-z0-9/._-]*$/.test(prefix) || prefix.includes(".."))) throw new Error(`invalid storage prefix: ${prefix}`);
  return prefix;
}

/** An object a store lists: its key and when its bytes were last put. */
export type StoredObject = { key: string; lastModified: Date };

/** The most objects a page of FileStore.listPages holds (S3's own maximum for one ListObjectsV2 call). */
export const LIST_PAGE_SIZE = 1_000;
