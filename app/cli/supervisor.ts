import { type ChildProcess, spawn } from "node:child_process";

export type SuperviseOptions = {
  /** The program to run (default: this node, `args` being its arguments; Meilisearch's binary for npm start's search). */
  command?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** First restart delay, ms (default 500); doubles with each quick death, up to maxDelayMs. */
  minDelayMs?: number;
  /** Longest wait between restarts, ms (default 30 s). */
  maxDelayMs?: number;
  /** A child that ran this long counts as healthy: its next death restarts after minDelayMs again (default 60 s). */
  healthyAfterMs?: number;
  /** Called when a child died and is about to be restarted (for logs and tests). */
  onRestart?: (info: { name: string; code: number | null; signal: NodeJS.Signals | null; delayMs: number; restarts: number }) => void;
};

export type Supervised = {
  name: string;
  /** The running child's pid, undefined between a death and its restart. */
  pid: () => number | undefined;
  restarts: () => number;
  /**
   * No restart from now on, the child left running: a shutdown calls it on every child first, since
   * Ctrl-C signals the whole process group and a child that exits before its turn to be stopped must not
   * be started again (nor said to be).
   */
  endRestarts: () => void;
  /** SIGTERM, and SIGKILL after `killAfterMs`; no restart after this. Resolves when the child is gone. */
  stop: (killAfterMs?: number) => Promise<void>;
};

/**
 * Runs `node <args>` (or `command <args>`) and starts it again whenever it exits, with exponential backoff (minDelayMs ×2
 * per quick death, capped at maxDelayMs, back to minDelayMs after a healthy run), until `stop`.
 * One dead process (a crash, an OOM kill, `kill -9`) then costs a restart, not the whole service.
 */
export function supervise(name: string, args: string[], options: SuperviseOptions = {}): Supervised {
  const minDelayMs = options.minDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const healthyAfterMs = options.healthyAfterMs ?? 60_000;
  let child: ChildProcess | undefined;
  let startedAt = 0;
  let quickDeaths = 0;
  let restarts = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const start = () => {
    timer = undefined;
    if (stopping) return;
    startedAt = Date.now();
    const c = spawn(options.command ?? process.execPath, args, { cwd: options.cwd, env: options.env, stdio: "inherit" });
    child = c;
    c.on("error", () => {}); // a failed spawn also ends in "exit"/"close"
    c.once("exit", (code, signal) => {
      if (child === c) child = undefined;
      if (stopping) return;
      quickDeaths = Date.now() - startedAt >= healthyAfterMs ? 0 : quickDeaths + 1;
      const delayMs = Math.min(maxDelayMs, minDelayMs * 2 ** Math.max(0, quickDeaths - 1));
      restarts++;
      options.onRestart?.({ name, code, signal, delayMs, restarts });
      timer = setTimeout(start, delayMs);
    });
  };
  start();

  return {
    name,
    pid: () => child?.pid,
    restarts: () => restarts,
    endRestarts: () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    stop: async (killAfterMs = 12_000) => {
      stopping = true;
      if (timer) clearTimeout(timer);
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const gone = new Promise<void>((r) => c.once("exit", () => r()));
      c.kill("SIGTERM");
      const kill = setTimeout(() => c.kill("SIGKILL"), killAfterMs);
      await gone;
      clearTimeout(kill);
    },
  };
}
