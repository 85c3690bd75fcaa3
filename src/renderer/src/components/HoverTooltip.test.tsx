// @vitest-environment jsdom
// A tag's tooltip costs nothing until the pointer reaches the tag, then shows its title at once.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { Tag } from 'antd';
import { HoverTooltip } from './HoverTooltip';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom lays nothing out, so it has no ResizeObserver, which the tooltip's positioning subscribes to.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('HoverTooltip', () => {
  it('mounts no tooltip before the pointer reaches its child, and opens with its title when it does', async () => {
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    await act(async () =>
      root.render(
        <HoverTooltip title="内部风险分类，不对外公开">
          <Tag data-testid="tag">C · 内部</Tag>
        </HoverTooltip>,
      ),
    );
    const tag = container.querySelector('[data-testid="tag"]')!;
    expect(tag.textContent).toBe('C · 内部');
    expect(document.body.textContent).not.toContain('内部风险分类');

    // Mounted within the pointer's event: a press right after it finds the tooltip's element in place already.
    tag.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    tag.dispatchEvent(new PointerEvent('pointerenter', { bubbles: false }));
    const armed = container.querySelector('[data-testid="tag"]');
    expect(armed).not.toBe(tag);
    expect(armed?.isConnected).toBe(true);
    await act(async () => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(document.body.querySelector('.ant-tooltip')?.textContent).toBe('内部风险分类，不对外公开');
    expect(container.querySelector('[data-testid="tag"]')?.textContent).toBe('C · 内部');
    await act(async () => root.unmount());
  });
});
