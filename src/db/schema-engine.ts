// Prisma's schema engine compiled to WebAssembly: migrations without the native binary the Prisma CLI
// would download (these machines, and many users' CI, cannot reach its host). Node 20 cannot import
// the package's `.wasm` as an ES module without a flag, so we instantiate it from its glue ourselves.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

type Glue = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');
// Node has WebAssembly at run time; TypeScript's types for it live in the DOM lib, which we don't load.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};
export type SchemaEngine = Awaited<ReturnType<Glue['SchemaEngine']['new']>>;

let glue: Promise<Glue> | undefined;

async function loadGlue(): Promise<Glue> {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as Glue & {
    __wbg_set_wasm(exports: Record<string, unknown>): void;
  };
  const bytes = await readFile(join(dir, 'schema_engine_bg.wasm'));
  // The engine arms a 10-second timer it never clears, which would keep every CLI command alive for 10 s
  // after its work is done; unref'd, the timer still fires in a long-running process but holds nothing open.
  const imports: Record<string, unknown> = { ...bg };
  for (const [name, fn] of Object.entries(bg)) {
    if (name.startsWith('__wbg_setTimeout_') && typeof fn === 'function') {
      imports[name] = (...args: unknown[]) => {
        const timer = (fn as (...a: unknown[]) => { unref?: () => void })(...args);
        timer?.unref?.();
        return timer;
      };
    }
  }
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': imports });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg;
}

export async function openSchemaEngine(schema: string, adapter: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  glue ??= loadGlue();
  const { SchemaEngine } = await glue;
  return SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(adapter));
}
