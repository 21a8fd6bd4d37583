import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button } from 'antd';
import { useRouteError } from 'react-router-dom';
import { m } from '../i18n';
import { Problem } from './Problem';

export function CrashResult() {
  return (
    <Problem
      kind="crash"
      title={m.crash.title}
      subTitle={m.crash.subtitle}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {m.crash.reload}
        </Button>
      }
    />
  );
}

/** Catches a render error below it and shows a Chinese apology instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <CrashResult /> : this.props.children;
  }
}

/** The router's errorElement: errors thrown while rendering a route. */
export function RouteError() {
  console.error(useRouteError());
  return <CrashResult />;
}
