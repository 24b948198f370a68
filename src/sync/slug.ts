// The slug is how calsync recognises its own event type in Cal.com (SPEC §3.3), so it must never change
// for an unchanged name. The service id suffix keeps two services with the same name apart.
import slugify from '@sindresorhus/slugify';

// The library transliterates German the German way (ä → ae); the spec and the original platform's
// existing slugs drop the diacritic instead (Längenausgleich → langenausgleich).
const replacements: [string, string][] = [
  ['Ä', 'A'],
  ['ä', 'a'],
  ['Ö', 'O'],
  ['ö', 'o'],
  ['Ü', 'U'],
  ['ü', 'u'],
  ['&', ' '], // the library would write "and"
];

/** Longest name part we keep; Cal.com has no limit, but URLs people read should stay readable. */
const MAX_NAME_PART = 60;

export function slugFor(service: { id: number; name: string }): string {
  const base = slugify(service.name, { customReplacements: replacements, decamelize: false, preserveCharacters: [] })
    .slice(0, MAX_NAME_PART)
    .replace(/-+$/, '');
  return base ? `${base}-${service.id}` : `service-${service.id}`;
}
