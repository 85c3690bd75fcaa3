// Pieces every intake screen uses: its remote states, a record's status, the problems of a record by field, a batch's
// counts.
import { useEffect } from 'react';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IntakeCounts, IntakeProblem } from '@shared/api/intake';
import type { IntakeKind, IntakeRecordStatus } from '@shared/intake/kinds';
import type { Remote } from '../../hooks/useRemote';
import { RemoteState, type RemoteTexts } from '../../components/RemoteState';
import { getBridge } from '../../platform/bridge';
import { useSessionStore, useSignedIn } from '../../state/sessionStore';
import { worksOnInspections } from '../../state/roles';
import { problemFieldCaption, problemsByField } from './intakeView';

export const INTAKE_REMOTE_TEXTS: RemoteTexts = { offline: 'intake.offline', forbidden: 'intake.forbidden' };

/**
 * RemoteState for the intake's pages, and the end of a session the endpoint refused: data officers and credit reviewers
 * have no sync control to notice it. A revoked device is signed out and forgotten (they keep nothing on it); an admin's
 * sync control handles a revocation with its unsent work.
 */
export function IntakeRemoteState({ remote, onRetry }: { remote: Exclude<Remote<unknown>, { status: 'ready' }>; onRetry?: () => void }) {
  const kind = remote.status === 'error' ? remote.kind : null;
  const signOut = useSessionStore((s) => s.signOut);
  const { session } = useSignedIn();
  const keepsData = worksOnInspections(session.officer.role);
  useEffect(() => {
    if (kind === 'unauthorized') void signOut(getBridge(), { notice: 'expired' });
    else if (kind === 'device_revoked' && !keepsData) void signOut(getBridge(), { notice: 'revoked', wipe: true });
  }, [kind, keepsData, signOut]);
  return <RemoteState feature="intake" texts={INTAKE_REMOTE_TEXTS} remote={remote} onRetry={onRetry} />;
}

const STATUS_COLORS: Record<IntakeRecordStatus, string> = {
  accepted: 'success',
  updated: 'cyan',
  duplicate: 'default',
  returned: 'warning',
  disputed: 'purple',
};

export function RecordStatusTag({ status }: { status: IntakeRecordStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="intake-record-status" data-status={status}>
      {t(`intake.status.${status}`)}
    </Tag>
  );
}

/** Each field with its problems: the field's caption, then what is wrong with it and the endpoint's explanation. */
export function ProblemList({ kind, problems }: { kind: IntakeKind; problems: readonly IntakeProblem[] }) {
  const { t } = useTranslation();
  const language = useSessionStore((s) => s.language);
  if (problems.length === 0) return null;
  return (
    <Space orientation="vertical" size={2} data-testid="intake-problems">
      {problemsByField(kind, problems).map(({ field, problems: ofField }) => (
        <div key={field} data-testid="intake-problem-field" data-field={field}>
          <Typography.Text strong>{problemFieldCaption(kind, field, language)}</Typography.Text>
          {t('common.colon')}
          {ofField.map((problem, index) => (
            <span key={index} data-testid="intake-problem" data-code={problem.code}>
              <Tag color="orange">{t(`intake.problem.${problem.code}`)}</Tag>
              <Typography.Text type="secondary">{problem.message}</Typography.Text>
            </span>
          ))}
        </div>
      ))}
    </Space>
  );
}

const COUNTED = ['received', 'accepted', 'updated', 'duplicate', 'returned', 'disputed'] as const;

/** A batch's (or a department's) counts: how many rows came in, and what became of them. */
export function Counts({ counts }: { counts: IntakeCounts }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap data-testid="intake-counts">
      {COUNTED.map((name) => (
        <Tag
          key={name}
          color={name === 'received' ? 'blue' : counts[name] > 0 && name !== 'duplicate' ? STATUS_COLORS[name] : undefined}
          data-testid={`intake-count-${name}`}
          data-count={counts[name]}
        >
          {t(`intake.counts.${name}`, { count: counts[name] })}
        </Tag>
      ))}
    </Space>
  );
}
