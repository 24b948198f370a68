// A process's peak RSS. Linux's VmHWM is the program's own; getrusage's maxRSS also counts the memory of
// the parent copied at fork (a child of a 300 MiB benchmark would report at least 300 MiB).
import { readFileSync } from 'node:fs';

export function peakRss(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}
