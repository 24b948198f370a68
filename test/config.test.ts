import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { main } from '../src/cli/program.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('team target (CALCOM_TEAM_ID, CALCOM_SCHEDULING_TYPE)', () => {
  it('is off without CALCOM_TEAM_ID', () => {
    expect(loadConfig({}).calcom.team).toBeUndefined();
  });

  it('defaults the scheduling type to round robin', () => {
    expect(loadConfig({ CALCOM_TEAM_ID: '4242' }).calcom.team).toEqual({ id: 4242, schedulingType: 'roundRobin' });
  });

  it.each(['collective', 'managed', 'roundRobin'] as const)('takes %s', (type) => {
    expect(loadConfig({ CALCOM_TEAM_ID: '7', CALCOM_SCHEDULING_TYPE: type }).calcom.team).toEqual({ id: 7, schedulingType: type });
  });

  it.each(['0', '-3', '12.5', 'team-a', '1e3', '99999999999'])('names CALCOM_TEAM_ID for %j without echoing it', (value) => {
    const found = problems({ CALCOM_TEAM_ID: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^CALCOM_TEAM_ID: must be a positive whole number/);
    expect(found[0]).not.toContain(value);
  });

  it.each(['round-robin', 'ROUNDROBIN', 'roundrobin', 'x'])('names CALCOM_SCHEDULING_TYPE for %j', (value) => {
    expect(problems({ CALCOM_TEAM_ID: '4242', CALCOM_SCHEDULING_TYPE: value })).toEqual([
      'CALCOM_SCHEDULING_TYPE: must be roundRobin, collective or managed',
    ]);
  });

  it('refuses a scheduling type without a team', () => {
    expect(problems({ CALCOM_SCHEDULING_TYPE: 'collective' })[0]).toMatch(/^CALCOM_SCHEDULING_TYPE: .*CALCOM_TEAM_ID/);
  });

  it('makes the CLI exit 2 naming the variable', async () => {
    const err: string[] = [];
    const code = await main(
      ['services', 'list'],
      { CALCOM_TEAM_ID: 'abc' },
      { stdout: () => {}, stderr: (s) => err.push(s), isTTY: false },
    );
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('CALCOM_TEAM_ID: must be a positive whole number');
  });
});
