// Whether a process on this host is still alive: a lock or a job whose holder died (kill -9) is taken over
// at once instead of after its lease. `process.kill(pid, 0)` sends nothing; ESRCH means no such process,
// EPERM means it exists under another user.
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
