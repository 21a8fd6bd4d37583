import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';

export function App() {
  return (
    <ConfigProvider locale={zhCN}>
      <div>专业化众创空间备案申报推荐系统</div>
    </ConfigProvider>
  );
}
