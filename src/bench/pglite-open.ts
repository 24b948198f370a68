// The baseline of the cold-start figure: a fresh Node process that does nothing but open the embedded
// database in the given directory with PGlite, run one query and close it. Usage: pglite-open.js DIR
// [--tuned]: with the settings calsync's CLI uses (16 MB shared buffers, V8's baseline wasm compiler only),
// for the strict like-for-like figure.
import { setFlagsFromString } from 'node:v8';

const tuned = process.argv.includes('--tuned');
if (tuned) setFlagsFromString('--liftoff-only');
const { PGlite } = await import('@electric-sql/pglite');
const pglite = await PGlite.create(
  process.argv[2]!,
  tuned ? { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] } : {},
);
await pglite.query('SELECT 1');
await pglite.close();
