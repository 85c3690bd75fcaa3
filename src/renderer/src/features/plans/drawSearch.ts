// Finding teams in a draw result: by enterprise name or USCC, or by an officer's name or user name (an officer looks
// for their own tasks, a supervisor for a colleague's).
import type { DrawView } from '@shared/api/plans';

type Team = DrawView['teams'][number];

export function searchTeams(teams: readonly Team[], query: string): readonly Team[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return teams;
  return teams.filter((team) => {
    const haystack = [team.enterpriseName, team.enterpriseId, ...team.officers.flatMap((o) => [o.name, o.username])]
      .join('\n')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
