// Runs s3rver in its own process (tests/support/s3-server.ts starts it). s3rver's list continuation tokens use
// DES, which needs Node's --openssl-legacy-provider; the flag stays in this test-only process.
import fs from "node:fs";
import S3rver from "s3rver";

const [directory, bucket, port] = process.argv.slice(2);
fs.mkdirSync(directory, { recursive: true });
new S3rver({ address: "127.0.0.1", port: Number(port), silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] })
  .run()
  .then((addr) => process.stdout.write(`${JSON.stringify({ port: addr.port })}\n`))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
// Ends with the test run that started it.
process.on("disconnect", () => process.exit(0));
