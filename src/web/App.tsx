import { App as AntApp, ConfigProvider } from 'antd';
import { LoadingOutlined } from '@ant-design/icons';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { ErrorBoundary } from './components/ErrorBoundary';
import { queryClient } from './queryClient';
import { router } from './routes';
import { theme } from './theme';

/**
 * Every button: no space inserted between two-character labels (登记, not 登 记), names stay as written.
 * The loading icon is shown while loading and removed when loading ends. antd's own icon collapses in a
 * CSS transition and stays in the page until that transition's end event: where none comes (transitions
 * turned off by a user style sheet, a page that has stopped painting) the button kept the icon, and its
 * name stayed "loading 保存" for a screen reader (and for the browser journeys, which failed in CI).
 */
const BUTTON = { autoInsertSpace: false, loadingIcon: <LoadingOutlined /> };

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={BUTTON}>
      <AntApp>
        <ErrorBoundary>
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}
