/**
 * A job worker in a process of its own, for the test of a migration stopped half way through a
 * batch: batches of <batch> deals; once <stopAfter> deals are written in the open transaction of
 * a batch, it prints "mid-batch" and waits (the test kills it with SIGKILL there).
 * Usage: node --import tsx migration-worker.ts <db url> <batch> <stopAfter>
 */
import { openDb } from "@/lib/server/db/client";
import { startWorker } from "@/lib/server/jobs/worker";

const [url, batch, stopAfter] = process.argv.slice(2);
const handle = openDb(url!, { max: 2 });
await startWorker({
  connectionString: url!,
  db: handle.db,
  pollInterval: 100,
  migrations: {
    batchSize: Number(batch),
    beforeCommit: async (moved) => {
      if (moved < Number(stopAfter)) return;
      console.log(`mid-batch ${moved}`);
      await new Promise(() => {});
    },
  },
});
console.log("worker ready");
