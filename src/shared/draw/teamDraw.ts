// Team draw: for each drawn enterprise (in uscc order) a legal team from the roster, with balanced workload.
// A legal team has exactly `teamSize` officers (≥ 2, ≥ the number of departments), at least one officer of every
// participating department, nobody with a recusal for the enterprise active on the draw day, and a lead (the first
// member) who was not the lead of the enterprise's last inspection.
// Construction, always picking the least-loaded eligible officer (loads count this draw's assignments, starting at 0)
// and breaking ties uniformly with the draw's PRNG:
//   1. the lead, from all participating departments, excluding the last lead;
//   2. for each participating department not yet represented (plan order), one officer of that department;
//   3. the remaining seats, from all participating departments.
// Every officer belongs to one department, so this succeeds whenever each department has an eligible officer, some
// eligible officer is not the last lead, and there are at least `teamSize` eligible officers; those three checks run
// first, and a failure names the constraint instead of producing an illegal team.
import type { DrawRandom } from './random';
import type { DrawRecusal, RosterOfficer, TeamAssignment, Workload } from './schema';

export type TeamConstraint = 'department_coverage' | 'recusal' | 'lead_rotation' | 'team_size';

export interface TeamDrawFailure {
  enterpriseId: string;
  constraint: TeamConstraint;
  detail: string;
}

export class DrawInfeasibleError extends Error {
  constructor(readonly failures: TeamDrawFailure[]) {
    const shown = failures
      .slice(0, 3)
      .map((f) => `${f.enterpriseId}: ${f.constraint} (${f.detail})`)
      .join('; ');
    super(`no legal team exists for ${failures.length} drawn enterprise(s): ${shown}${failures.length > 3 ? '; …' : ''}`);
    this.name = 'DrawInfeasibleError';
  }

  /** The constraints that failed, each once. */
  get constraints(): TeamConstraint[] {
    return [...new Set(this.failures.map((f) => f.constraint))];
  }
}

export interface TeamDrawInput {
  enterpriseIds: readonly string[];
  departmentIds: readonly string[];
  teamSize: number;
  roster: readonly RosterOfficer[];
  recusals: readonly DrawRecusal[];
  drawDate: string;
  lastLeads: Readonly<Record<string, string>>;
}

/** Officers of one department bucketed by load, so the least-loaded are found without scanning the roster. */
class LoadPool {
  readonly buckets: string[][] = [[]];
  private readonly position = new Map<string, number>();
  readonly load = new Map<string, number>();

  constructor(officerIds: readonly string[]) {
    for (const id of officerIds) this.place(id, 0);
  }

  private place(id: string, load: number): void {
    while (this.buckets.length <= load) this.buckets.push([]);
    const bucket = this.buckets[load]!;
    this.position.set(id, bucket.length);
    bucket.push(id);
    this.load.set(id, load);
  }

  /** Moves an officer one load level up (swap-remove keeps this O(1)). */
  assign(id: string): void {
    const load = this.load.get(id)!;
    const bucket = this.buckets[load]!;
    const at = this.position.get(id)!;
    const last = bucket.pop()!;
    if (last !== id) {
      bucket[at] = last;
      this.position.set(last, at);
    }
    this.place(id, load + 1);
  }
}

const REJECTION_TRIES = 16;

/**
 * The least-loaded officer of `pools` that passes `eligible`, uniform among ties. At each load level it first tries
 * uniform picks over the whole level (uniform among the eligible when one passes), then lists the eligible of the
 * level and picks uniformly among them; both are deterministic functions of the PRNG stream.
 */
function pickLeastLoaded(pools: readonly LoadPool[], eligible: (id: string) => boolean, random: DrawRandom): string | undefined {
  const levels = Math.max(...pools.map((p) => p.buckets.length));
  for (let level = 0; level < levels; level++) {
    const groups = pools.map((p) => p.buckets[level] ?? []);
    const total = groups.reduce((sum, g) => sum + g.length, 0);
    if (total === 0) continue;
    const at = (index: number): string => {
      for (const group of groups) {
        if (index < group.length) return group[index]!;
        index -= group.length;
      }
      throw new Error('index out of range');
    };
    for (let attempt = 0; attempt < REJECTION_TRIES; attempt++) {
      const candidate = at(random.int(0, total - 1));
      if (eligible(candidate)) return candidate;
    }
    const candidates = groups.flat().filter(eligible);
    if (candidates.length > 0) return candidates[random.int(0, candidates.length - 1)];
  }
  return undefined;
}

function isActive(recusal: DrawRecusal, day: string): boolean {
  return recusal.validFrom <= day && (recusal.validTo === null || day <= recusal.validTo);
}

export interface TeamDrawResult {
  assignments: TeamAssignment[];
  workload: Workload;
}

export function drawTeams(input: TeamDrawInput, random: DrawRandom): TeamDrawResult {
  const { departmentIds, teamSize } = input;
  if (teamSize < 2) throw new Error('a team has at least two officers (Administrative Penalty Law art. 42)');
  if (teamSize < departmentIds.length)
    throw new Error(`a team of ${teamSize} cannot include an officer of each of ${departmentIds.length} departments`);

  const departmentOf = new Map<string, string>();
  const membersOf = new Map<string, string[]>(departmentIds.map((d) => [d, []]));
  for (const officer of input.roster) {
    const members = membersOf.get(officer.departmentId);
    if (!members || departmentOf.has(officer.id)) continue;
    departmentOf.set(officer.id, officer.departmentId);
    members.push(officer.id);
  }
  const recusedFor = new Map<string, Set<string>>();
  for (const recusal of input.recusals) {
    if (!isActive(recusal, input.drawDate) || !departmentOf.has(recusal.officerId)) continue;
    let set = recusedFor.get(recusal.enterpriseId);
    if (!set) recusedFor.set(recusal.enterpriseId, (set = new Set()));
    set.add(recusal.officerId);
  }

  const failures: TeamDrawFailure[] = [];
  for (const enterpriseId of input.enterpriseIds) {
    const recused = recusedFor.get(enterpriseId) ?? new Set<string>();
    let eligibleTotal = 0;
    for (const departmentId of departmentIds) {
      const members = membersOf.get(departmentId)!;
      let eligible = members.length;
      for (const id of recused) if (departmentOf.get(id) === departmentId) eligible -= 1;
      eligibleTotal += eligible;
      if (members.length === 0)
        failures.push({
          enterpriseId,
          constraint: 'department_coverage',
          detail: `department ${departmentId} has no officer in the roster`,
        });
      else if (eligible === 0)
        failures.push({ enterpriseId, constraint: 'recusal', detail: `every officer of department ${departmentId} is recused` });
    }
    const lastLead = input.lastLeads[enterpriseId];
    const leadCandidates = eligibleTotal - (lastLead !== undefined && departmentOf.has(lastLead) && !recused.has(lastLead) ? 1 : 0);
    if (eligibleTotal > 0 && leadCandidates === 0)
      failures.push({
        enterpriseId,
        constraint: 'lead_rotation',
        detail: `${lastLead} led the last inspection and no other officer is eligible`,
      });
    if (eligibleTotal < teamSize)
      failures.push({ enterpriseId, constraint: 'team_size', detail: `${eligibleTotal} eligible officer(s) for a team of ${teamSize}` });
  }
  if (failures.length > 0) throw new DrawInfeasibleError(failures);

  const pools = new Map(departmentIds.map((d) => [d, new LoadPool(membersOf.get(d)!)]));
  const allPools = [...pools.values()];
  const assignments: TeamAssignment[] = [];
  for (const enterpriseId of input.enterpriseIds) {
    const recused = recusedFor.get(enterpriseId);
    const team: string[] = [];
    const free = (id: string) => !team.includes(id) && !recused?.has(id);
    const take = (id: string | undefined) => {
      if (id === undefined) throw new Error(`team draw invariant broken for ${enterpriseId}`);
      team.push(id);
      pools.get(departmentOf.get(id)!)!.assign(id);
    };
    const lastLead = input.lastLeads[enterpriseId];
    take(pickLeastLoaded(allPools, (id) => id !== lastLead && free(id), random));
    for (const departmentId of departmentIds) {
      if (team.some((id) => departmentOf.get(id) === departmentId)) continue;
      take(pickLeastLoaded([pools.get(departmentId)!], free, random));
    }
    while (team.length < teamSize) take(pickLeastLoaded(allPools, free, random));
    assignments.push({ enterpriseId, officerIds: team });
  }

  const loads = allPools.flatMap((p) => [...p.load.values()]);
  const minTasks = loads.length > 0 ? loads.reduce((a, b) => Math.min(a, b)) : 0;
  const maxTasks = loads.length > 0 ? loads.reduce((a, b) => Math.max(a, b)) : 0;
  const meanTasks = loads.length > 0 ? Math.round((loads.reduce((a, b) => a + b, 0) / loads.length) * 100) / 100 : 0;
  return { assignments, workload: { officers: loads.length, minTasks, maxTasks, spread: maxTasks - minTasks, meanTasks } };
}
