import { cloneElement, useState, type ReactElement, type ReactNode } from 'react';
import { Tooltip } from 'antd';

type Armable = ReactElement<{ onPointerEnter?: () => void }>;

/**
 * antd's Tooltip, mounted when the pointer first reaches its child (a tag, which takes no focus): a tooltip is a trigger
 * with a dozen hooks, and a page of task rows would carry hundreds of them before anyone hovers one. Open once mounted.
 */
export function HoverTooltip({ title, children }: { title: ReactNode; children: Armable }) {
  const [armed, setArmed] = useState(false);
  if (armed)
    return (
      <Tooltip title={title} defaultOpen>
        {children}
      </Tooltip>
    );
  return cloneElement(children, { onPointerEnter: () => setArmed(true) });
}
