import { defineConfig } from 'prisma/config';

// Prisma 7 reads its config from here, which keeps the repository's top level tidy.
// No datasource URL: the app hands Prisma a driver adapter (PGlite or pg) at run time,
// and migrations are applied by src/db/migrate.ts, not by the Prisma CLI.
export default defineConfig({
  schema: '../prisma/schema.prisma',
});
