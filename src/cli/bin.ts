#!/usr/bin/env node
// The `calsync` executable (package.json `bin`).
import { main } from './program.js';

const code = await main(process.argv.slice(2));
// Long-running commands (serve, emulator) keep the event loop alive themselves and never get here early.
process.exitCode = code;
// The command is over: a request still retrying in the background (the Slack client after a failed start-up,
// say) must not hold the process. Unref'd, so a process with nothing left exits at once, as before.
setTimeout(() => process.exit(code), 2000).unref();
