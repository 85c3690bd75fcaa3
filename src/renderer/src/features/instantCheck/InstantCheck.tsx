// 无感核验 from anywhere: the header button or Ctrl+K (⌘K) opens it; it answers from local data only.
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Empty, Input, List, Modal, Space, Spin, Tag, Tooltip, Typography, type InputRef } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { districtName } from '@shared/domain/districts';
import type { EnterpriseKey } from '@shared/domain/directory';
import { RiskClassTag } from '../../components/RiskClassTag';
import { useSignedIn } from '../../state/sessionStore';
import { useFocusWhenOpened } from '../../hooks/useFocusWhenOpened';
import { measuredSync, stopwatch } from '../../lib/timing';
import { useSearchIndex } from './useSearchIndex';
import type { CheckAnswer } from './searchIndex';

export function CreditFlags({ entry }: { entry: EnterpriseKey }) {
  const { t } = useTranslation();
  const clean = !entry.blackListed && !entry.dishonestDebtor && entry.penalties === 0;
  // [shown, data-flag, colour, label], in the order the tags stand.
  const flags: [boolean, string, string, string][] = [
    [entry.blackListed, 'black', 'black', t('instantCheck.black')],
    [entry.dishonestDebtor, 'debtor', 'volcano', t('instantCheck.debtor')],
    [entry.penalties > 0, 'penalties', 'orange', t('instantCheck.penalties', { count: entry.penalties })],
    [entry.disputedPenalties > 0, 'disputed', 'gold', t('instantCheck.disputed')],
    [entry.redListed, 'red', 'red', t('instantCheck.red')],
    [clean, 'clean', 'green', t('instantCheck.clean')],
  ];
  return (
    <Space size={[4, 4]} wrap data-testid="credit-flags">
      <RiskClassTag riskClass={entry.riskClass} />
      {flags
        .filter(([shown]) => shown)
        .map(([, flag, color, label]) => (
          <Tag key={flag} color={color} data-flag={flag}>
            {label}
          </Tag>
        ))}
    </Space>
  );
}

/** An answer with no profile to open: why, as one alert. */
function AnswerAlert({ type, kind, reason, title }: { type: 'error' | 'warning'; kind: string; reason?: string; title: string }) {
  return <Alert type={type} showIcon data-testid="check-answer" data-kind={kind} data-reason={reason} title={title} />;
}

function AnswerView({ answer, onOpen }: { answer: CheckAnswer; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  switch (answer.kind) {
    case 'empty':
      return <Typography.Text type="secondary">{t('instantCheck.hint')}</Typography.Text>;
    case 'invalid_uscc': {
      const { reason, position, expected } = answer.validation;
      const why = t(`common.usccReasons.${reason}`, { position, expected, length: answer.length });
      return <AnswerAlert type="error" kind="invalid_uscc" reason={reason} title={t('instantCheck.invalid', { reason: why })} />;
    }
    case 'uscc_not_found':
      return <AnswerAlert type="warning" kind="uscc_not_found" title={t('instantCheck.notFound', { uscc: answer.uscc })} />;
    case 'partial_code_not_found':
      return <AnswerAlert type="warning" kind="partial_code_not_found" title={t('instantCheck.partial', { length: answer.length })} />;
    case 'matches':
      if (answer.matches.length === 0)
        return <Empty data-testid="check-answer" data-kind="no_match" description={t('instantCheck.empty')} />;
      return (
        <List
          data-testid="check-answer"
          data-kind="matches"
          data-by={answer.by}
          size="small"
          dataSource={answer.matches}
          renderItem={(entry) => (
            <List.Item data-testid="check-result" data-uscc={entry.id} className="clickable-row" onClick={() => onOpen(entry.id)}>
              <Space orientation="vertical" size={2}>
                <Space wrap>
                  <Typography.Text strong>{entry.name}</Typography.Text>
                  <span className="mono">{entry.id}</span>
                  <Typography.Text type="secondary">{districtName(entry.districtCode) ?? entry.districtCode}</Typography.Text>
                </Space>
                <CreditFlags entry={entry} />
              </Space>
            </List.Item>
          )}
        />
      );
  }
}

export function InstantCheck() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { db } = useSignedIn();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const focusInput = useFocusWhenOpened<InputRef>();
  const index = useSearchIndex(db, open);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const result = useMemo(() => {
    if (!index) return null;
    const elapsed = stopwatch();
    const answer = measuredSync('check-lookup', () => index.search(query));
    return { answer, ms: elapsed() };
  }, [index, query]);

  const openDossier = (id: string) => {
    setOpen(false);
    void navigate(`/enterprises/${encodeURIComponent(id)}`);
  };

  return (
    <>
      {/* On a laptop's width only the icon stays in the header (its name in the tooltip), so the header keeps one row. */}
      <Tooltip title={`${t('instantCheck.open')} ${t('instantCheck.shortcut')}`}>
        <Button
          type="text"
          icon={<SafetyCertificateOutlined />}
          data-testid="instant-check-open"
          aria-label={t('instantCheck.open')}
          onClick={() => setOpen(true)}
        >
          <span className="header-label">{t('instantCheck.open')}</span>{' '}
          <Typography.Text type="secondary" className="shortcut">
            {t('instantCheck.shortcut')}
          </Typography.Text>
        </Button>
      </Tooltip>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        afterOpenChange={focusInput.afterOpenChange}
        footer={null}
        title={t('instantCheck.open')}
        width={720}
        destroyOnHidden
      >
        <Input
          ref={focusInput.ref}
          autoFocus
          allowClear
          size="large"
          data-testid="instant-check-input"
          placeholder={t('instantCheck.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onPressEnter={() => {
            if (result?.answer.kind === 'matches' && result.answer.matches[0]) openDossier(result.answer.matches[0].id);
          }}
        />
        <div className="instant-check-answer" data-testid="instant-check" data-ready={String(index !== null)}>
          {result ? (
            <>
              {result.answer.kind === 'matches' && (
                <Typography.Text type="secondary" className="instant-check-took">
                  {t('instantCheck.took', { count: result.answer.matches.length, ms: result.ms.toFixed(1) })}
                </Typography.Text>
              )}
              <AnswerView answer={result.answer} onOpen={openDossier} />
            </>
          ) : (
            <Spin description={t('instantCheck.indexing')} />
          )}
        </div>
      </Modal>
    </>
  );
}
