// The database's one error type, in a module of its own so the CLI can recognise it without loading
// PGlite and Prisma for commands that never open the database.
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}
