// Why an action was refused: each problem on its own line, in one error alert.
import type { CSSProperties, ReactNode } from 'react';
import { Alert } from 'antd';

/** Nothing while there are no problems; with a title, the problems are listed under it. */
export function ProblemsAlert({
  problems,
  title,
  testId,
  style,
}: {
  problems: readonly string[];
  title?: ReactNode;
  testId: string;
  style?: CSSProperties;
}) {
  if (problems.length === 0) return null;
  const list = (
    <ul className="problem-list">
      {problems.map((problem, i) => (
        <li key={i}>{problem}</li>
      ))}
    </ul>
  );
  return <Alert data-testid={testId} type="error" showIcon style={style} title={title ?? list} description={title ? list : undefined} />;
}
