/**
 * A local S3-protocol server for tests (s3rver, pure JavaScript, offline): the S3 file store is tested against it,
 * and the scale-out browser test gives both app instances this one store instead of a shared folder.
 */
import fs from "node:fs";
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";

export type S3TestServer = {
  endpoint: string;
  bucket: string;
  /** The environment that points the app at this store (README, 配置). */
  env: Record<string, string>;
  close(): Promise<void>;
};

export async function startS3Server(opts: { port?: number; bucket?: string } = {}): Promise<S3TestServer> {
  const bucket = opts.bucket ?? "kaowu-test";
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "kaowu-s3-"));
  const child = spawn(process.execPath, ["--openssl-legacy-provider", path.join(import.meta.dirname, "s3-server-main.mjs"), directory, bucket, String(opts.port ?? 0)], {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let err = "";
  child.stderr?.on("data", (d) => (err += d));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
      const line = out.split("\n")[0];
      if (out.includes("\n")) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.on("exit", (code) => reject(new Error(`s3rver exited (${code}): ${err}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: "us-east-1",
      // s3rver checks signatures made with these.
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "true",
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
