// Team event types, /v2/teams/{teamId}/event-types (issue 13), as Cal.com's teams controller answers:
// any cal-api-version (or none) reaches it; the key's user must be the team's ADMIN or OWNER (a member
// gets the roles guard's 403); slugs are unique per team (a PATCH carrying its own unchanged slug fails
// the check too); a PATCH of a missing (or another team's) id
// answers 400 "Event type to update not found" where GET and DELETE answer the entity 404; a managed
// create answers the parent and one child per member. Stored beside personal event types under the owner
// id -teamId, so personal routes never see them, exactly as Cal.com's `findFirst({ id, userId })`.
import type { KeyRing } from './auth.js';
import { BAD_KEY, NO_AUTH, nestError, validationFailed } from './errors.js';
import { DuplicateSlugError, type EventTypeStore } from './store.js';
import type { EmulatorEventType, Owner, Resp, TeamRole } from './types.js';
import { FIELDS_2024_06_14, normalizeSlug, validateBody } from './validate.js';

export const TEAM_ROUTE = /^\/v2\/teams\/([^/]+)\/event-types(?:\/([^/]+))?\/?$/;
export const TEAM_DUPLICATE_SLUG = 'Team event type with this slug already exists';
const SCHEDULING_TYPES = ['roundRobin', 'collective', 'managed'];
const TEAM_FIELDS = { ...FIELDS_2024_06_14, schedulingType: 'string', hosts: 'array', assignAllTeamMembers: 'bool' } as const;

/** Each team: its members' keys and roles; the key `*` gives every other key a role (the standalone emulator's --team). */
export class Teams {
  private readonly teams = new Map<number, Map<string, TeamRole>>();

  constructor(initial: Record<number, Record<string, TeamRole>> = {}) {
    for (const [id, members] of Object.entries(initial)) this.set(Number(id), members);
  }

  set(teamId: number, members: Record<string, TeamRole>): void {
    this.teams.set(teamId, new Map(Object.entries(members)));
  }

  members(teamId: number, keys: KeyRing): { owner: Owner; role: TeamRole }[] {
    return [...(this.teams.get(teamId) ?? new Map<string, TeamRole>())].flatMap(([key, role]) => {
      const owner = key === '*' ? null : keys.resolve(key);
      return owner ? [{ owner, role }] : [];
    });
  }

  roleOf(teamId: number, userId: number, keys: KeyRing): TeamRole | null {
    return this.members(teamId, keys).find((m) => m.owner.userId === userId)?.role ?? this.teams.get(teamId)?.get('*') ?? null;
  }
}

export interface TeamDeps {
  store: EventTypeStore;
  keys: KeyRing;
  teams: Teams;
}

const ok = (status: number, data: unknown): Resp => ({ status, body: { status: 'success', data } });
export const teamOwnerId = (teamId: number) => -teamId;
/** How Cal.com shows a team event type: no owner, the team's id. */
export const teamOutput = (et: EmulatorEventType) => ({ ...structuredClone(et), ownerId: null });

export function handleTeamApi(deps: TeamDeps, method: string, url: string, authorization: string, body: string): Resp {
  const m = TEAM_ROUTE.exec(new URL(url, 'http://emulator').pathname)!;
  if (!/^\d+$/.test(m[1]!)) return nestError(400, url, 'Validation failed (numeric string is expected)');
  const teamId = Number(m[1]);
  if (!authorization) return nestError(403, url, NO_AUTH);
  const owner = deps.keys.resolve(authorization.replace(/^Bearer /, ''));
  if (!owner) return nestError(401, url, BAD_KEY);
  const role = deps.teams.roleOf(teamId, owner.userId, deps.keys);
  if (role === null) return nestError(403, url, `RolesGuard - user with id=${owner.userId} is not a member of the team with id=${teamId}.`);
  if (role === 'MEMBER')
    return nestError(
      403,
      url,
      `RolesGuard - user with id=${owner.userId} does not have the minimum required role=TEAM_ADMIN within team with id=${teamId}.`,
    );

  const idParam = m[2];
  if (idParam === undefined) return method === 'POST' ? create(deps, url, teamId, body, owner) : list(deps, teamId);
  if (!/^\d+$/.test(idParam)) return nestError(400, url, 'Validation failed (numeric string is expected)');
  const id = Number(idParam);
  const et = deps.store.get(id);
  const ours = et && et.ownerId === teamOwnerId(teamId) ? et : undefined;
  if (method === 'PATCH') return ours ? patch(deps, url, ours, body) : nestError(400, url, 'Event type to update not found');
  if (!ours) return nestError(404, url, `Event type with id ${id} not found`);
  if (method === 'GET') return ok(200, teamOutput(ours));
  deps.store.delete(id);
  return ok(200, { id, lengthInMinutes: ours.lengthInMinutes, title: ours.title, slug: ours.slug });
}

function parse(url: string, text: string, creating: boolean): Record<string, unknown> | Resp {
  let raw: unknown = {};
  try {
    if (text.trim() !== '') raw = JSON.parse(text);
  } catch (err) {
    return nestError(400, url, (err as Error).message);
  }
  if (raw && typeof raw === 'object' && 'slug' in raw) raw = { ...raw, slug: normalizeSlug(raw.slug) };
  const v = validateBody(raw, TEAM_FIELDS, creating ? ['title', 'slug', 'lengthInMinutes', 'schedulingType'] : []);
  if (!v.ok) return validationFailed(url, v.errors);
  if (v.value.schedulingType !== undefined && !SCHEDULING_TYPES.includes(v.value.schedulingType as string)) {
    return nestError(400, url, `schedulingType must be one of the following values: ${SCHEDULING_TYPES.join(', ')}`);
  }
  if (v.value.hosts !== undefined && v.value.assignAllTeamMembers === true) {
    return nestError(400, url, 'Either hosts or assignAllTeamMembers can be provided, not both.');
  }
  return v.value;
}

const isResp = (x: Record<string, unknown> | Resp): x is Resp => 'status' in x && 'body' in x && typeof x.status === 'number';

function create(deps: TeamDeps, url: string, teamId: number, text: string, caller: Owner): Resp {
  const fields = parse(url, text, true);
  if (isResp(fields)) return fields;
  if (fields.hosts === undefined && fields.assignAllTeamMembers !== true)
    return nestError(400, url, 'Either hosts or assignAllTeamMembers: true is required.');
  const listed = deps.teams.members(teamId, deps.keys);
  // A caller admitted by `*` is a member too.
  const members = listed.some((m) => m.owner.userId === caller.userId)
    ? listed
    : [...listed, { owner: caller, role: deps.teams.roleOf(teamId, caller.userId, deps.keys)! }];
  const hosts =
    fields.assignAllTeamMembers === true
      ? members.map((m) => ({ userId: m.owner.userId, mandatory: false, priority: 'medium' }))
      : fields.hosts;
  let parent: EmulatorEventType;
  try {
    parent = deps.store.create(
      teamOwnerId(teamId),
      { ...fields, teamId, hosts },
      members.map((m) => m.owner.username),
    );
  } catch (err) {
    if (err instanceof DuplicateSlugError) return nestError(400, url, TEAM_DUPLICATE_SLUG);
    throw err;
  }
  if (fields.schedulingType !== 'managed') return ok(201, teamOutput(parent));
  // Managed: each member gets a child event type of their own; a member who already has the slug is skipped.
  const children = members.flatMap((m) => {
    try {
      const { teamId: _t, hosts: _h, schedulingType: _s, assignAllTeamMembers: _a, ...own } = fields;
      return [deps.store.create(m.owner.userId, { ...own, parentEventTypeId: parent.id }, [m.owner.username])];
    } catch (err) {
      if (err instanceof DuplicateSlugError) return [];
      throw err;
    }
  });
  return ok(201, [teamOutput(parent), ...children]);
}

function list(deps: TeamDeps, teamId: number): Resp {
  return ok(200, deps.store.list(teamOwnerId(teamId)).map(teamOutput));
}

function patch(deps: TeamDeps, url: string, et: EmulatorEventType, text: string): Resp {
  const fields = parse(url, text, false);
  if (isResp(fields)) return fields;
  // The team uniqueness check runs whenever slug is in the body, against every event type of the team,
  // this one included: an unchanged slug sent along fails too.
  if (typeof fields.slug === 'string' && deps.store.slugTaken(et.ownerId, fields.slug)) return nestError(400, url, TEAM_DUPLICATE_SLUG);
  try {
    return ok(200, teamOutput(deps.store.update(et.id, fields)));
  } catch (err) {
    if (err instanceof DuplicateSlugError) return nestError(400, url, TEAM_DUPLICATE_SLUG);
    throw err;
  }
}
