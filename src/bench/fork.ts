// Runs one benchmark task in a fresh Node process (child.ts) and returns its result. Works from dist/
// (plain node) and from the TypeScript sources (vitest, tsx), where the child needs tsx's loader.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const fromSource = import.meta.url.endsWith('.ts');

export function runInChild<T>(task: string, args: unknown, opts: { timeoutMs?: number } = {}): Promise<T> {
  const entry = fileURLToPath(new URL(fromSource ? './child.ts' : './child.js', import.meta.url));
  const execArgv = ['--expose-gc', ...(fromSource ? ['--import', 'tsx'] : [])];
  const child = fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      child.kill('SIGKILL');
      reject(new Error(`bench task "${task}" did not finish within ${opts.timeoutMs} ms`));
    }, opts.timeoutMs ?? 600_000);
    child.once('message', (reply: { ok: boolean; result?: T; error?: string }) => {
      settled = true;
      clearTimeout(timer);
      if (reply.ok) resolve(reply.result as T);
      else reject(new Error(`bench task "${task}" failed in its child process:\n${reply.error}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!settled) reject(new Error(`bench task "${task}": child exited with code ${code} before answering`));
    });
    child.send({ task, args });
  });
}

/** `global.gc` exists in the children (started with --expose-gc); elsewhere this is a no-op. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}
