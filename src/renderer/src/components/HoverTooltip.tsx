import { cloneElement, useState, type ReactElement, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { Tooltip } from 'antd';

type Armable = ReactElement<{ onPointerEnter?: () => void }>;

/**
 * antd's Tooltip, mounted when the pointer first reaches its child (a tag, which takes no focus): a tooltip is a trigger
 * with a dozen hooks, and a page of task rows would carry hundreds of them before anyone hovers one. Open once mounted.
 * Mounting it replaces the child's element, so it is done within the pointer's event: a press that follows at once
 * (a click on the row the tag stands in) lands on the new element, not on one removed between press and release.
 */
export function HoverTooltip({ title, children }: { title: ReactNode; children: Armable }) {
  const [armed, setArmed] = useState(false);
  if (armed)
    return (
      <Tooltip title={title} defaultOpen>
        {children}
      </Tooltip>
    );
  return cloneElement(children, { onPointerEnter: () => flushSync(() => setArmed(true)) });
}
