import { Typography } from 'antd';
import './step-list.css';

/** A numbered list of process steps; every step weighs the same (none is "current"). */
export function StepList({ steps }: { steps: { title: string; content: string }[] }) {
  return (
    <ol className="step-list">
      {steps.map((s) => (
        <li key={s.title} className="step-list-item">
          <Typography.Text strong className="step-list-title">
            {s.title}
          </Typography.Text>
          <Typography.Paragraph className="step-list-content">{s.content}</Typography.Paragraph>
        </li>
      ))}
    </ol>
  );
}
