import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { AttachmentMeta } from '@shared/domain/model';
import type { OutboxEntry } from '../../data/db';
import { initI18n } from '../../i18n';
import { section } from '../../../../../tests/support/memoryServer';
import { ConflictPanel } from './ConflictPanel';

initI18n('zh-CN');

const signature = (id: string, sha256: string): AttachmentMeta => ({
  id,
  sha256,
  size: 3,
  type: 'image/png',
  kind: 'officer_signature',
  capturedAt: '2025-05-06T09:00:00+08:00',
});

function render(urls: Map<string, string>) {
  const mine = section('sec-1', { attachments: [signature('s-mine', 'a'.repeat(64))] });
  const theirs = section('sec-1', { version: 2, attachments: [signature('s-theirs', 'b'.repeat(64))] });
  const entry = {
    mutationId: 'm-1',
    recordId: 'sec-1',
    hold: 'conflict',
    serverCurrent: theirs,
    conflicts: [{ key: 'signature:officer_signature', local: mine.attachments[0], server: theirs.attachments[0] }],
  } as unknown as OutboxEntry;
  return renderToStaticMarkup(
    <ConflictPanel
      record={mine}
      entry={entry}
      checkItems={new Map()}
      officerName={(id) => id}
      describeProblem={() => ''}
      onResolve={async () => ({ ok: true })}
      urls={urls}
    />,
  );
}

describe('ConflictPanel', () => {
  it('shows both signatures as images where their bytes are on this machine', () => {
    const html = render(
      new Map([
        ['a'.repeat(64), 'blob:mine'],
        ['b'.repeat(64), 'blob:theirs'],
      ]),
    );
    expect(html.match(/data-testid="conflict-thumbnail"/g)).toHaveLength(2);
    expect(html).toContain('src="blob:mine"');
    expect(html).toContain('src="blob:theirs"');
  });

  it("describes the other device's signature when its bytes have not arrived", () => {
    const html = render(new Map([['a'.repeat(64), 'blob:mine']]));
    expect(html.match(/data-testid="conflict-thumbnail"/g)).toHaveLength(1);
    expect(html).toContain('data-testid="conflict-server-value"');
  });
});
