#!/usr/bin/env node
// The `calsync` executable (package.json `bin`).
import { main } from './program.js';

const code = await main(process.argv.slice(2));
// Long-running commands (serve, emulator) keep the event loop alive themselves and never get here early.
process.exitCode = code;
