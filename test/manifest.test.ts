// manifest.yml must be accepted by Slack: validated against Slack's own manifest JSON Schema (draft-07).
// The schema is not redistributed with calsync; the test reads it from SLACK_MANIFEST_SCHEMA or from the
// team's shared reference folder beside the checkout (as CI has it), and says so when neither is there.
import { existsSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const manifest = parse(readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8'));
const schemaPath =
  process.env.SLACK_MANIFEST_SCHEMA ?? new URL('../../shared/reference/slack-manifest.schema.1.0.0.json', import.meta.url).pathname;
const schema = existsSync(schemaPath) ? JSON.parse(readFileSync(schemaPath, 'utf8')) : null;
const withSchema = schema ? it : it.skip;
if (!schema)
  console.warn(`manifest schema tests skipped: no schema at ${schemaPath} (set SLACK_MANIFEST_SCHEMA to Slack's manifest JSON Schema)`);

describe('manifest.yml', () => {
  withSchema('validates against Slack manifest schema 1.0.0', () => {
    const ajv = new Ajv.default({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('has what calsync needs and no more', () => {
    expect(manifest._metadata.major_version).toBe(1);
    expect(manifest.features.bot_user).toBeDefined();
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: '/calsync', description: expect.any(String), usage_hint: expect.any(String) }),
    ]);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['chat:write', 'commands']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  withSchema('fails for a broken manifest (the validator is really checking)', () => {
    const ajv = new Ajv.default({ strict: false });
    const validate = ajv.compile(schema);
    expect(validate({ ...manifest, display_information: { name: '' } })).toBe(false);
  });
});
