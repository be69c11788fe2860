/**
 * A job worker in a process of its own, for the test of a worker stopped mid-delivery (the test
 * kills it with SIGKILL while a delivery is in flight). Usage: tsx webhook-worker.ts <db url> <lease s>
 */
import { openDb } from "@/lib/server/db/client";
import { startWorker } from "@/lib/server/jobs/worker";

const [url, lease] = process.argv.slice(2);
const handle = openDb(url!, { max: 2 });
await startWorker({
  connectionString: url!,
  db: handle.db,
  pollInterval: 100,
  webhooks: { allowPrivate: true, leaseSeconds: Number(lease ?? 2) },
});
console.log("worker ready");
