// @vitest-environment jsdom
// The menu follows the route on its own (the layout does not): its selected entry must still change with the page.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { Link, MemoryRouter, useNavigate, type NavigateFunction } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { AppNav } from './AppLayout';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// antd's responsive observers ask for media queries, which jsdom does not have.
vi.stubGlobal('matchMedia', (query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }));

const items = [
  { key: '/', label: <Link to="/">tasks</Link> },
  { key: '/map', label: <Link to="/map">map</Link> },
];

describe('AppNav', () => {
  it('selects the entry of the current page, a dossier under the task list', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    let navigate!: NavigateFunction;
    function Navigator() {
      navigate = useNavigate();
      return null;
    }
    await act(async () =>
      root.render(
        <MemoryRouter initialEntries={['/enterprises/91370600MA3C4XX17L']}>
          <Navigator />
          <AppNav items={items} />
        </MemoryRouter>,
      ),
    );
    const selected = () => [...container.querySelectorAll('.ant-menu-item-selected')].map((e) => e.textContent);
    expect(selected()).toEqual(['tasks']);
    await act(async () => navigate('/map'));
    expect(selected()).toEqual(['map']);
    await act(async () => navigate('/tasks/t-1'));
    expect(selected()).toEqual(['tasks']);
    act(() => root.unmount());
  });
});
