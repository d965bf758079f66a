import "server-only";
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { FileStore } from ".";
import { checkStorageKey, checkStoragePrefix, LIST_PAGE_SIZE, type StoredObject } from "./keys";

/**
 * Uploaded bytes in an S3-compatible store (MinIO, Ceph, a cloud object store), so that every app instance serves
 * every file: what one instance stored, another reads. Configured by the environment (README, 配置):
 * S3_BUCKET turns it on; S3_ENDPOINT (unset: AWS), S3_REGION, S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY (unset: the
 * SDK's usual credential chain), S3_FORCE_PATH_STYLE (true for MinIO and most self-hosted stores). The bucket
 * must exist; objects are private (the app serves them after its own access checks).
 */
export type S3Config = {
  bucket: string;
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Keys per ListObjectsV2 page (S3's maximum, 1000, when unset); tests make it small to cover paging. */
  listPageSize?: number;
};

export function s3ConfigFromEnv(env: Record<string, string | undefined>): S3Config | null {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) return null;
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim() || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim() || undefined;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) throw new Error("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together");
  return {
    bucket,
    endpoint: env.S3_ENDPOINT?.trim() || undefined,
    region: env.S3_REGION?.trim() || "us-east-1",
    accessKeyId,
    secretAccessKey,
    forcePathStyle: /^(1|true|yes)$/i.test(env.S3_FORCE_PATH_STYLE?.trim() ?? ""),
  };
}

export class S3FileStore implements FileStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly listPageSize?: number;

  constructor(config: S3Config) {
    this.bucket = config.bucket;
    this.listPageSize = config.listPageSize;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.accessKeyId && config.secretAccessKey ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined,
      // Checksums only where S3 requires them: many S3-compatible stores do not know the newer checksum headers.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      // A store that does not answer fails the request instead of holding it (and the page) open.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
      maxAttempts: 3,
    });
  }

  async put(key: string, data: Buffer) {
    // A PUT replaces the object whole or not at all: a reader never sees half a file.
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: checkStorageKey(key), Body: data, ContentLength: data.length }));
  }

  async get(key: string) {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkStorageKey(key) }));
      if (!res.Body) return Buffer.alloc(0);
      return Buffer.from(await res.Body.transformToByteArray());
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async delete(key: string) {
    // S3 answers 204 for a key that is not there, as the local store does.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkStorageKey(key) }));
  }

  async list(prefix: string) {
    const keys: string[] = [];
    for await (const page of this.listPages(prefix)) for (const o of page) keys.push(o.key);
    return keys.sort();
  }

  async *listPages(prefix: string) {
    checkStoragePrefix(prefix);
    let after: string | undefined;
    // Pages follow on from the last key (StartAfter) rather than a continuation token: the same on every store,
    // and the small S3 servers used in tests cannot all decode their own tokens. A caller may delete what a page
    // listed before asking for the next one.
    for (;;) {
      const res = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix || undefined, MaxKeys: this.listPageSize ?? LIST_PAGE_SIZE, StartAfter: after }),
      );
      const page: StoredObject[] = [];
      for (const o of res.Contents ?? []) {
        if (!o.Key) continue;
        // S3 always sends it; a store that did not would make every object look new, and the sweep would never delete.
        if (!o.LastModified) throw new Error(`the S3 store listed ${o.Key} without its LastModified`);
        page.push({ key: o.Key, lastModified: o.LastModified });
      }
      if (page.length) yield page;
      after = res.Contents?.at(-1)?.Key;
      if (!res.IsTruncated || !after) break;
    }
  }
}

function isNotFound(e: unknown) {
  const err = e as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return err.name === "NoSuchKey" || err.Code === "NoSuchKey" || err.$metadata?.httpStatusCode === 404;
}
