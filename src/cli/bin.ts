#!/usr/bin/env node
// The `calsync` executable (package.json `bin`).
import { setFlagsFromString } from 'node:v8';

// A command lives for a second or so. V8 would spend it compiling PGlite's 9 MB of WebAssembly a second
// time, optimized, on the cores the command needs (a cold `calsync status` took 1.3× as long); the
// baseline compiler alone is plenty for it. The long-running app keeps the optimizing tier.
if (!['serve', 'demo', 'emulator'].includes(process.argv[2] ?? '')) setFlagsFromString('--liftoff-only');

const { main } = await import('./program.js');
const code = await main(process.argv.slice(2));
// Long-running commands (serve, emulator) keep the event loop alive themselves and never get here early.
process.exitCode = code;
// The command is over: a request still retrying in the background (the Slack client after a failed start-up,
// say) must not hold the process. Unref'd, so a process with nothing left exits at once, as before.
setTimeout(() => process.exit(code), 2000).unref();
